import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

/// What `gloss serve` shows while the content is broken: the cause first and alone, the same
/// way in every place it is shown.
@Suite("gloss serve: build errors", .serialized)
struct BuildErrorTests {
  /// The common cascades: one broken file that others name.
  static let cascades: [(file: String, old: String, new: String)] = [
    // An entry named in the see_also of two others.
    (
      "Content/glossary/quad.md", "summary: Four democracies talking security.",
      "summary: \"Four democracies talking security."
    ),
    // An article with notes.
    ("Content/articles/alliances.md", "title: Alliances in Asia", "title: [Alliances"),
    ("Content/site.yml", "title: Test Site", "title: [Test"),
  ]

  @Test(
    "a broken file gives its own errors only, cause first, the same in the terminal, /_gloss/status and the event",
    arguments: 0..<3)
  func causeFirstEverywhere(_ index: Int) async throws {
    let (file, old, new) = Self.cascades[index]
    let site = try ScratchSite(sampleSite)
    // A warning whose path sorts before every error: the error must still come first.
    try site.write("Content/articles/aside.yml", "date: 2024-01-01\n")
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }
    let events = try await server.events()
    let logged = server.logLines.count

    try site.edit(file, old, new)
    let event = try #require(await events.next("error"))
    let streamed = event.data.split(separator: "\n").map(String.init)
    let status = try JSONSerialization.jsonObject(
      with: Data(try await server.get("/_gloss/status").body))
    let reported = try #require((status as? [String: Any])?["diagnostics"] as? [String])
    // The terminal: the lines the rebuild logged, up to its summary.
    var terminal: [String] = []
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let lines = Array(server.logLines.dropFirst(logged))
      if let end = lines.firstIndex(where: { $0.hasPrefix("rebuild failed after ") }) {
        terminal = Array(lines[..<end])
        break
      }
      try await Task.sleep(for: .milliseconds(20))
    }

    #expect(streamed == reported)
    #expect(terminal == reported)
    let errors = reported.filter { $0.contains(": error: ") }
    #expect(errors.count == 1, "one cause, no follow-on errors: \(reported)")
    #expect(reported.first?.hasPrefix(file + ":") == true, "the cause first: \(reported)")
    #expect(!reported.contains { $0.contains("unknown entry") || $0.contains("unknown article") })
    #expect(reported.contains { $0.contains("warning: metadata without a plain-text article") })
  }

  @Test("Diagnostics.sorted: a follow-on error about a broken file is left out, errors come first")
  func ordering() {
    let diagnostics = Diagnostics([
      .warning("Content/articles/aside.yml", "metadata without a plain-text article"),
      .error(
        "Content/glossary/aukus.md", line: 5, column: 12, "see_also names unknown entry 'quad'",
        followsFrom: "Content/glossary/quad"),
      .error(
        "Content/glossary/sco.md", line: 5, column: 12, "see_also names unknown entry 'nope'",
        followsFrom: "Content/glossary/nope"),
      .error("Content/glossary/quad.md", line: 4, column: 1, "invalid YAML"),
      .error(
        "Content/annotations/essay.yml", "annotations for an unknown article 'essay'",
        followsFrom: Diagnostic.articleStem("Content/annotations/essay.yml", slug: "essay")),
      .error("Content/articles/essay.md", line: 2, column: 8, "invalid YAML"),
    ])
    #expect(
      diagnostics.sorted.map(\.description) == [
        "Content/articles/essay.md:2:8: error: invalid YAML",
        "Content/glossary/quad.md:4:1: error: invalid YAML",
        // Not a follow-on: there is no such file.
        "Content/glossary/sco.md:5:12: error: see_also names unknown entry 'nope'",
        "Content/articles/aside.yml: warning: metadata without a plain-text article",
      ])
  }

  @Test(
    "while the last build failed, served HTML carries a static notice naming the cause; never in Site/, gone once fixed"
  )
  func noticeWithoutJavaScript() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }
    let events = try await server.events()
    let clean = try await server.get("/articles/alliances/")
    #expect(clean.status == 200)
    #expect(!clean.text.contains("gloss-build-failed"))
    let cleanTag = try #require(clean.headers["etag"])

    try site.edit("Content/glossary/quad.md", "category: organization", "category: <nonsense>")
    #expect(await events.next("error") != nil)
    let page = try await server.get("/articles/alliances/")
    #expect(page.status == 200)
    let notice = try #require(
      page.text.range(of: "<div id=\"gloss-build-failed\"").map { page.text[$0.lowerBound...] })
    #expect(notice.contains("Build failed:"))
    // The cause, escaped: content never becomes markup.
    #expect(notice.contains("Content/glossary/quad.md:"))
    #expect(notice.contains("unknown category '&lt;nonsense&gt;'"))
    #expect(!page.text.contains("<nonsense>"))
    // The page is the last good one, with the notice added before </body>.
    #expect(page.text.contains("<h1>Alliances in Asia</h1>"))
    #expect(page.text.hasSuffix("</body></html>") || page.text.contains("</div></body>"))
    // Its own validator, no date: the clean copy is not "not modified" while it is broken.
    let brokenTag = try #require(page.headers["etag"])
    #expect(brokenTag != cleanTag)
    #expect(page.headers["last-modified"] == nil)
    #expect(
      try await server.get("/articles/alliances/", headers: ["If-None-Match": cleanTag]).status
        == 200)
    #expect(
      try await server.get(
        "/articles/alliances/",
        headers: ["If-Modified-Since": clean.headers["last-modified"] ?? ""]
      ).status == 200)
    #expect(
      try await server.get("/articles/alliances/", headers: ["If-None-Match": brokenTag]).status
        == 304)
    // Every HTML page, the 404 page included; not the other files.
    #expect(try await server.get("/").text.contains("gloss-build-failed"))
    let missing = try await server.get("/no/such/page")
    #expect(missing.status == 404)
    #expect(missing.text.contains("gloss-build-failed"))
    #expect(!(try await server.get("/assets/style.css").text.contains("gloss-build-failed")))
    // With JavaScript, the overlay takes its place.
    #expect(LiveReload.script.contains("getElementById(\"gloss-build-failed\")"))
    #expect(!FileManager.default.fileExists(atPath: site.url("Site").path))

    try site.edit("Content/glossary/quad.md", "category: <nonsense>", "category: organization")
    #expect(await events.next("reload") != nil)
    let fixed = try await server.get("/articles/alliances/")
    #expect(!fixed.text.contains("gloss-build-failed"))
    #expect(fixed.body == clean.body)
    #expect(
      try await server.get("/articles/alliances/", headers: ["If-None-Match": brokenTag]).status
        == 200)
  }
}
