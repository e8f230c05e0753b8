import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

/// Where `gloss serve` keeps the files it serves: a private folder of its own, one copy per
/// file, never the user's `Site/`, and not its memory (a 10,000-article site is 800 MB).
@Suite("gloss serve: the served copies", .serialized)
struct ServedCopiesTests {
  /// The regular files in `folder`, by name.
  static func copies(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  static func outcome(_ files: [String: String], removed: [String] = []) -> RebuildOutcome {
    RebuildOutcome(
      report: BuildReport(
        articles: 0, entries: 0, pagesWritten: files.count, filesWritten: files.count,
        milliseconds: 1, diagnostics: []),
      succeeded: true,
      written: files.sorted { $0.key < $1.key }.map {
        OutputFile(path: $0.key, bytes: Array($0.value.utf8))
      },
      removed: removed, rendered: files.keys.sorted(), changedSources: [])
  }

  @Test(
    "the copies are in a private folder outside the site, with the script in the pages, and go when the server stops"
  )
  func privateFolder() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    let folder = try #require(server.server.site.folder)

    #expect(!folder.hasPrefix(site.root.path), "never inside the project")
    let attributes = try FileManager.default.attributesOfItem(atPath: folder)
    #expect((attributes[.posixPermissions] as? Int) == 0o700, "readable by its owner only")
    let home = try await server.get("/")
    let copies = try Self.copies(in: folder)
    let onDisk = try copies.map {
      try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))
    }
    #expect(onDisk.contains(Data(home.body)), "the home page is served from its copy")
    #expect(home.text.contains("<script src=\"/_gloss/reload.js\" defer></script></body>"))
    #expect(!FileManager.default.fileExists(atPath: site.url("Site").path))

    #expect(await server.stop())
    #expect(!FileManager.default.fileExists(atPath: folder), "removed when the server stops")
  }

  @Test("a rebuild replaces the copies of the files it changed: one copy per file, old ones gone")
  func oneCopyPerFile() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }
    let folder = try #require(server.server.site.folder)
    let before = try Self.copies(in: folder)
    let old = try await server.get("/articles/alliances/")

    try site.edit("Content/articles/alliances.md", "was discussed", "was debated at length")
    let new = try await server.waitFor("/articles/alliances/", toContain: "debated at length")
    #expect(new.status == 200)
    #expect(new.headers["etag"] != old.headers["etag"])
    // The replaced copies are removed just after the new ones are published.
    var after = try Self.copies(in: folder)
    let deadline = Date().addingTimeInterval(10)
    while after.count > before.count, Date() < deadline {
      try await Task.sleep(for: .milliseconds(20))
      after = try Self.copies(in: folder)
    }
    #expect(after.count == before.count, "\(before.count) copies before, \(after.count) after")
    #expect(after != before, "the changed pages have new copies")
    let contents = try after.map {
      try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))
    }
    #expect(!contents.contains(Data(old.body)), "the old page's copy is gone")
  }

  @Test("a file's ETag follows its bytes: the same after a rebuild that left it as it was")
  func stableETags() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-served-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let site = LiveSite(folder: folder.path, now: { 1_700_000_000 })
    defer { site.close() }

    var first = Self.outcome(["index.html": "<p>Home</p></body>", "style.css": "p {}"])
    site.publish(&first)
    #expect(first.written.isEmpty, "the bytes are taken, not kept twice")
    let home = try #require(site.file("index.html"))
    var again = Self.outcome(["index.html": "<p>Home</p></body>"])
    site.publish(&again)
    #expect(site.file("index.html")?.eTag == home.eTag)
    var changed = Self.outcome(["index.html": "<p>Home, changed</p></body>"])
    site.publish(&changed)
    #expect(site.file("index.html")?.eTag != home.eTag)
    #expect(site.file("style.css")?.eTag == ServedFile.eTag(Array("p {}".utf8)))
    var removed = Self.outcome([:], removed: ["style.css"])
    site.publish(&removed)
    #expect(site.file("style.css") == nil)
    #expect(try Self.copies(in: site.folder ?? "").count == 1, "one copy, of index.html")
  }

  @Test("the folder of a server that was killed is removed by the next one; a live one's is kept")
  func abandonedFolders() throws {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-served-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: parent) }
    // Process ids are below 2^22 on Linux: this one cannot be running.
    let dead = parent.appendingPathComponent("gloss-serve-99999999-abcdef")
    let alive = parent.appendingPathComponent("gloss-serve-1-abcdef")
    let other = parent.appendingPathComponent("unrelated-99999999-abcdef")
    for folder in [dead, alive, other] {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data("x".utf8).write(to: folder.appendingPathComponent("1"))
    }
    ServedFileStore.removeAbandoned(in: parent.path + "/")
    #expect(!FileManager.default.fileExists(atPath: dead.path))
    #expect(FileManager.default.fileExists(atPath: alive.path), "process 1 is running")
    #expect(FileManager.default.fileExists(atPath: other.path))
  }

  @Test("where the private folder cannot be made, the files are served from memory")
  func memoryFallback() throws {
    let site = LiveSite(folder: "/nonexistent-\(UUID().uuidString)/nested")
    var outcome = Self.outcome(["index.html": "<p>Home</p></body>", "a.txt": "plain"])
    site.publish(&outcome)
    #expect(site.folder == nil)
    let home = try #require(site.file("index.html"))
    #expect(
      String(buffer: home.body)
        == "<p>Home</p><script src=\"/_gloss/reload.js\" defer></script></body>")
    #expect(site.file("a.txt").map { String(buffer: $0.body) } == "plain")
    #expect(site.file("a.txt")?.contentType == "text/plain; charset=utf-8")
  }
}
