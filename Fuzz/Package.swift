// swift-tools-version: 6.0
// libFuzzer targets for Gloss. Build and run them with `scripts/fuzz` (from the repository
// root), which passes `-sanitize=fuzzer,address -parse-as-library` to the compiler.
import PackageDescription

// The repository is this folder's parent; SwiftPM names a path dependency after its folder,
// which differs between checkouts (`main`, `gloss`, a CI work directory).
let repository =
  Context.packageDirectory.split(separator: "/").dropLast().last.map(String.init) ?? "gloss"

let gloss = Target.Dependency.product(name: "Gloss", package: repository)

let package = Package(
  name: "GlossFuzz",
  dependencies: [.package(path: "..")],
  targets: [
    .target(name: "CFuzzDriver"),
    .target(name: "FuzzSupport", dependencies: [gloss, "CFuzzDriver"]),
    .executableTarget(name: "FuzzImport", dependencies: [gloss, "FuzzSupport"]),
    .executableTarget(name: "FuzzFrontMatter", dependencies: [gloss, "FuzzSupport"]),
    .executableTarget(name: "FuzzMatcher", dependencies: [gloss, "FuzzSupport"]),
    .executableTarget(name: "FuzzLinker", dependencies: [gloss, "FuzzSupport"]),
  ],
  swiftLanguageModes: [.v5]
)
