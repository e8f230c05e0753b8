// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Gloss",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "gloss", targets: ["gloss"]),
    .library(name: "Gloss", targets: ["Gloss"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    // Named because the dev server imports them itself (Hummingbird depends on them too).
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark",
      pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
    ),
    // `gloss build --compress`: gzip and Brotli beside each text file, for hosts that serve
    // them (nginx's gzip_static and brotli_static, Caddy's precompressed).
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CBrotli", pkgConfig: "libbrotlienc", providers: [.apt(["libbrotli-dev"])]),
    .target(name: "CGlossSupport"),
    .target(
      name: "Gloss",
      dependencies: [
        "CCmark",
        "CGlossSupport",
        "CZlib",
        "CBrotli",
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The dev server lives apart so that the library does not pull in SwiftNIO.
    .target(
      name: "GlossServer",
      dependencies: [
        "Gloss",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
      ]
    ),
    .executableTarget(
      name: "gloss",
      dependencies: [
        "Gloss",
        "GlossServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // One builder of inline test sites for every test target, Hugo-style.
    .target(name: "GlossTestSupport", dependencies: ["Gloss"], path: "Tests/GlossTestSupport"),
    // Brotli's decoder, for tests that read `--compress`'s copies back.
    .systemLibrary(
      name: "CBrotliDecoder", path: "Tests/CBrotliDecoder", pkgConfig: "libbrotlidec",
      providers: [.apt(["libbrotli-dev"])]),
    .testTarget(
      name: "GlossTests",
      dependencies: [
        "Gloss", "CCmark", "GlossTestSupport", "CZlib", "CBrotliDecoder",
        .product(name: "Yams", package: "Yams"),
        // The reference engine: templates must render as swift-mustache renders them.
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .testTarget(
      name: "GlossServerTests",
      dependencies: [
        "GlossServer",
        "Gloss",
        "GlossTestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
  ],
  swiftLanguageModes: [.v5]
)
