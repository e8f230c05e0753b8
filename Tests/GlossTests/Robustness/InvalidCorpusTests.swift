import Foundation
import Testing

/// `Tests/Fixtures/invalid/<case>/`: one small site per kind of bad input, with the exact
/// diagnostics (`expected.txt`) and exit status (`status`) `gloss build` must give for it.
///
/// A case folder holds what it changes: `Content/` and/or `Theme/` (otherwise the good site in
/// `_shared/` is used), other files copied beside them, and optionally `args` (one argument a
/// line, after `build`). `expected.txt` is stderr with the case folder as working directory,
/// minus the final summary line. Set GLOSS_UPDATE_GOLDEN=1 to rewrite the golden files after a
/// deliberate change of wording, then review the diff.
enum InvalidCorpus {
  static var root: URL {
    Repository.fixtures.appendingPathComponent("invalid")
  }

  static var shared: URL { root.appendingPathComponent("_shared") }

  static let caseFiles: Set<String> = ["expected.txt", "status", "args"]

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { !$0.hasPrefix("_") && !$0.hasPrefix(".") }.sorted()
  }

  /// A site folder holding the shared good site, built once, so that every case starts from a
  /// published `Site/` that a failed build must leave alone.
  static func prepare(_ name: String) throws -> (site: URL, previous: [String: Data]) {
    let site = try FolderSnapshot.temporaryDirectory("corpus-\(name)")
    try FolderSnapshot.copy(
      shared.appendingPathComponent("Content"), to: site.appendingPathComponent("Content"))
    try FolderSnapshot.copy(
      shared.appendingPathComponent("Theme"), to: site.appendingPathComponent("Theme"))
    let first = try GlossBinary.run(["build"], in: site)
    #expect(first.status == 0, "the shared good site must build: \(first.stderr)")
    let previous = FolderSnapshot.take(site.appendingPathComponent("Site"))
    #expect(!previous.isEmpty)

    let folder = root.appendingPathComponent(name)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for entry in entries where !caseFiles.contains(entry) {
      try FolderSnapshot.copy(
        folder.appendingPathComponent(entry), to: site.appendingPathComponent(entry))
    }
    return (site, previous)
  }

  static func arguments(_ name: String) -> [String] {
    let url = root.appendingPathComponent(name).appendingPathComponent("args")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init)
  }

  static func golden(_ name: String) -> (expected: String?, status: Int32?) {
    let folder = root.appendingPathComponent(name)
    let expected = try? String(
      contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
    let status = (try? String(contentsOf: folder.appendingPathComponent("status"), encoding: .utf8))
      .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    return (expected, status)
  }

  /// stderr without its last line, the summary ("built …" with a duration, or "build failed: …").
  static func split(_ stderr: String) -> (diagnostics: String, summary: String) {
    var lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let summary = lines.popLast() ?? ""
    return (lines.map { $0 + "\n" }.joined(), summary)
  }

  /// Absolute paths and process ids differ from run to run; the golden files say `<site>` and `<pid>`.
  static func normalize(_ stderr: String, site: URL) -> String {
    var text = stderr
    for path in Set([site.path, site.standardizedFileURL.path, site.resolvingSymlinksInPath().path])
    {
      text = text.replacingOccurrences(of: path, with: "<site>")
    }
    return text.replacingOccurrences(
      of: #"gloss-(staging|old)-[0-9]+"#, with: "gloss-$1-<pid>", options: .regularExpression)
  }

  /// Staging folders of builds that did not finish; the spare (the previous site, kept for the
  /// next build to write over) is not one.
  static func leftovers(in site: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: site.path)) ?? []).filter {
      $0.contains(".gloss-") && !$0.hasSuffix(".gloss-spare")
    }
  }
}

@Suite("Bad input: exact diagnostics, exit status 1, no crash, the published site untouched")
struct InvalidCorpusTests {
  @Test("the corpus holds every kind of bad input the contract names")
  func corpusIsComplete() {
    let required = [
      "malformed-yaml", "yaml-tabs", "wrong-types", "missing-keys", "duplicate-terms",
      "duplicate-ids", "see-also",
      "empty-article", "non-utf8", "bom", "crlf", "binary-file", "template-syntax-error",
      "unknown-partial",
      "unwritable-output",
      // One cause, no follow-on errors, the cause first.
      "cascade-broken-entry", "cascade-broken-article", "cascade-broken-site",
    ]
    let cases = Set(InvalidCorpus.cases)
    for name in required { #expect(cases.contains(name), "missing case \(name)") }
  }

  @Test(
    "gloss build on the case gives the golden diagnostics and status",
    arguments: InvalidCorpus.cases)
  func corpusCase(_ name: String) throws {
    let (site, previous) = try InvalidCorpus.prepare(name)
    defer { try? FileManager.default.removeItem(at: site) }
    let outcome = try GlossBinary.run(["build"] + InvalidCorpus.arguments(name), in: site)
    let (diagnostics, summary) = InvalidCorpus.split(
      InvalidCorpus.normalize(outcome.stderr, site: site))

    #expect(
      !outcome.signalled && !outcome.timedOut,
      "gloss must end by itself, not by a signal: \(outcome.stderr)")
    if ProcessInfo.processInfo.environment["GLOSS_UPDATE_GOLDEN"] == "1" {
      let folder = InvalidCorpus.root.appendingPathComponent(name)
      try Data(diagnostics.utf8).write(to: folder.appendingPathComponent("expected.txt"))
      try Data("\(outcome.status)\n".utf8).write(to: folder.appendingPathComponent("status"))
      return
    }
    let golden = InvalidCorpus.golden(name)
    let expected = try #require(golden.expected, "\(name)/expected.txt is missing")
    let status = try #require(golden.status, "\(name)/status is missing")
    #expect(outcome.status == status)
    #expect(diagnostics == expected)
    #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Stack dump"))
    if status == 0 {
      #expect(summary.hasPrefix("built "), "\(summary)")
    } else {
      #expect(status == 1, "content and theme errors exit with 1")
      #expect(summary.hasPrefix("build failed: "), "\(summary)")
      #expect(
        FolderSnapshot.take(site.appendingPathComponent("Site")) == previous,
        "a failed build changed Site/")
      // Whatever else the case put beside Content/ (a file where the output would go, …) is untouched.
      let folder = InvalidCorpus.root.appendingPathComponent(name)
      for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      where !InvalidCorpus.caseFiles.contains(entry) && entry != "Content" && entry != "Theme" {
        let before = FileManager.default.contents(atPath: folder.appendingPathComponent(entry).path)
        let after = FileManager.default.contents(atPath: site.appendingPathComponent(entry).path)
        #expect(before == after, "\(entry) was changed by a failed build")
      }
    }
    #expect(InvalidCorpus.leftovers(in: site).isEmpty, "staging folders left behind")
  }

  @Test(
    "a byte-order mark or CRLF line endings build the same site as the clean files",
    arguments: ["bom", "crlf"])
  func twins(_ name: String) throws {
    let (site, clean) = try InvalidCorpus.prepare(name)
    defer { try? FileManager.default.removeItem(at: site) }
    let outcome = try GlossBinary.run(["build"], in: site)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let built = FolderSnapshot.take(site.appendingPathComponent("Site"))
    #expect(built.keys.sorted() == clean.keys.sorted())
    for (path, bytes) in built where clean[path] != bytes {
      Issue.record("\(path) differs from the clean twin's")
    }
  }

  @Test("the twins really differ from the clean files byte for byte")
  func twinsAreNotCopies() throws {
    for (name, marker) in [("bom", [UInt8]([0xEF, 0xBB, 0xBF])), ("crlf", [UInt8]([0x0D, 0x0A]))] {
      for file in ["site.yml", "articles/essay.md", "glossary/quad.md"] {
        let url = InvalidCorpus.root.appendingPathComponent("\(name)/Content/\(file)")
        let bytes = try [UInt8](Data(contentsOf: url))
        let contains = bytes.indices.contains { bytes[$0...].starts(with: marker) }
        #expect(contains, "\(name)/Content/\(file)")
      }
    }
  }

  /// Generated at run time: 50 MB is too much to commit.
  @Test("a 50 MB article builds or fails cleanly, in bounded time")
  func hugeArticle() throws {
    let (site, previous) = try InvalidCorpus.prepare("huge-article (generated)")
    defer { try? FileManager.default.removeItem(at: site) }
    var bytes = Array("A Very Long Article\n\nBy A. Writer\n\n".utf8)
    bytes.reserveCapacity(50_000_200)
    let head = Array("In the long paragraph number ".utf8)
    let tail = Array(
      " the Quad met again, and the ministers spoke of trade, of ships and of the weather, at length and without hurry, as ministers do.\n\n"
        .utf8)
    var number = 0
    while bytes.count < 50_000_000 {
      number += 1
      bytes += head
      bytes += Array(String(number).utf8)
      bytes += tail
    }
    try Data(bytes).write(to: site.appendingPathComponent("Content/articles/huge.txt"))
    let outcome = try GlossBinary.run(["build"], in: site, timeout: 600)
    #expect(!outcome.timedOut, "no answer after \(Int(outcome.seconds)) s")
    #expect(!outcome.signalled)
    #expect(outcome.status == 0 || outcome.status == 1, "\(outcome.stderr)")
    if outcome.status == 1 {
      #expect(FolderSnapshot.take(site.appendingPathComponent("Site")) == previous)
      #expect(
        outcome.stderr.contains("Content/articles/huge.txt"),
        "the error names the file: \(outcome.stderr)")
    } else {
      let page = try String(
        contentsOf: site.appendingPathComponent("Site/articles/huge/index.html"), encoding: .utf8)
      #expect(page.contains("paragraph number \(number) the"))
    }
  }
}
