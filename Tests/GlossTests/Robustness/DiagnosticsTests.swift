import Foundation
import Testing

@testable import Gloss

@Suite("Bad content gets compiler-style errors that name the file, line and column")
struct DiagnosticsTests {
  func errors(_ files: String) throws -> [String] {
    try TestSite(minimalSite + "\n" + files).buildErrors().filter { $0.severity == .error }.map {
      relative($0)
    }
  }

  /// Diagnostics name paths as the user wrote them ("Content/…"); tests compare those.
  func relative(_ diagnostic: Diagnostic) -> String { diagnostic.description }

  @Test("a summary that is not a string is reported at its value")
  func wrongType() throws {
    let result = try errors(
      """
      -- Content/glossary/quad.md --
      ---
      term: Quad
      category: organization
      summary: [not, a, string]
      ---
      Body.
      """)
    #expect(result == ["Content/glossary/quad.md:4:10: error: 'summary' must be a string"])
  }

  @Test("a missing required key")
  func missingKey() throws {
    let result = try errors(
      """
      -- Content/glossary/quad.md --
      ---
      term: Quad
      category: organization
      ---
      Body.
      """)
    #expect(result == ["Content/glossary/quad.md:2:1: error: missing required key 'summary'"])
  }

  @Test("malformed YAML is reported where libyaml found it")
  func malformedYAML() throws {
    let result = try errors(
      """
      -- Content/glossary/quad.md --
      ---
      term: Quad
      category: organization
      summary: "unterminated
      ---
      Body.
      """)
    #expect(result.count == 1)
    #expect(result.first?.hasPrefix("Content/glossary/quad.md:") == true)
    #expect(result.first?.contains("error: invalid YAML") == true)
  }

  @Test("a tab in YAML indentation says so")
  func tabs() throws {
    let result = try errors(
      "-- Content/glossary/quad.md --\n---\nterm: Quad\ncategory: organization\nsummary: S.\nsources:\n\t- title: x\n---\nBody.\n"
    )
    #expect(
      result == [
        "Content/glossary/quad.md:6:1: error: tab character in indentation; YAML allows only spaces here"
      ])
  }

  @Test("a number where a string belongs asks for quotes")
  func numberForString() throws {
    let result = try errors(
      """
      -- Content/glossary/quad.md --
      ---
      term: 2024
      category: organization
      summary: S.
      ---
      Body.
      """)
    #expect(
      result == [
        "Content/glossary/quad.md:2:7: error: 'term' must be a string; put the value in quotes"
      ])
  }

  @Test("a full-width or diacritic spelling of another entry's term is the same spelling")
  func duplicateAcrossScriptFolding() throws {
    let result = try errors(
      entry("nato", term: "NATO", aliases: ["الناتو"]) + "\n"
        + entry("nato-wide", term: "ＮＡＴＯ") + "\n" + entry("nato-ar", term: "الناتـو"))
    #expect(
      result == [
        "Content/glossary/nato-ar.md:2:7: error: 'الناتـو' is already a term or alias of 'nato' at Content/glossary/nato.md:3:11",
        "Content/glossary/nato-wide.md:2:7: error: 'ＮＡＴＯ' is already a term or alias of 'nato' at Content/glossary/nato.md:2:7",
      ])
  }

  @Test("an alias claimed by two entries names both files")
  func duplicateAlias() throws {
    let result = try errors(
      entry("quad", term: "Quad", aliases: ["Quadrilateral"]) + "\n"
        + entry("quad-two", term: "Quad Two", aliases: ["quadrilateral"]))
    #expect(
      result == [
        "Content/glossary/quad-two.md:3:11: error: 'quadrilateral' is already a term or alias of 'quad' at Content/glossary/quad.md:3:11"
      ])
  }

  @Test("see_also must name an existing entry, and not the entry itself")
  func seeAlso() throws {
    let result = try errors(
      entry("quad", term: "Quad", extra: "see_also: [aukas, quad]\n") + "\n"
        + entry("aukus", term: "AUKUS"))
    #expect(
      result == [
        "Content/glossary/quad.md:5:12: error: see_also names unknown entry 'aukas'; did you mean 'aukus'?",
        "Content/glossary/quad.md:5:19: error: see_also names the entry itself",
      ])
  }

  @Test("an unknown key is a warning with a suggestion, not an error")
  func unknownKey() throws {
    let site = try TestSite(
      minimalSite + "\n" + entry("quad", term: "Quad", extra: "summery: typo\n")
        + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nQuad.\n")
    let report = try site.build()
    #expect(
      report.diagnostics.map(\.description) == [
        "Content/glossary/quad.md:5:1: warning: unknown key 'summery' in glossary entry; did you mean 'summary'?"
      ])
  }

  @Test("an entry that no article mentions and nothing points to is a warning")
  func unmentioned() throws {
    let site = try TestSite(
      minimalSite + "\n" + entry("quad", term: "Quad", extra: "see_also: [aukus]\n") + "\n"
        + entry("aukus", term: "AUKUS") + "\n" + entry("nato", term: "NATO")
        + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nQuad.\n")
    let report = try site.build()
    #expect(
      report.diagnostics.map(\.description) == [
        "Content/glossary/nato.md:2:7: warning: no article mentions 'NATO' and no mentioned entry links to it in see_also"
      ])
  }

  @Test("a Markdown article without a title")
  func articleWithoutTitle() throws {
    let result = try errors("-- Content/articles/a.md --\n---\ndate: 2024-01-01\n---\nText.\n")
    #expect(result == ["Content/articles/a.md:2:1: error: missing required key 'title'"])
  }

  @Test("an empty article")
  func emptyArticle() throws {
    let result = try errors("-- Content/articles/a.txt --\n\n\n")
    #expect(result == ["Content/articles/a.txt: error: article is empty"])
  }

  @Test("an article that is not UTF-8 points at the first bad byte")
  func notUTF8() throws {
    let site = try TestSite(minimalSite)
    try site.write(
      "Content/articles/a.txt",
      bytes: Array("Title\n\nCaf".utf8) + [0xE9] + Array(" au lait.\n".utf8))
    let result = site.buildErrors().map(\.description)
    #expect(
      result == [
        "Content/articles/a.txt:3:4: error: file is not valid UTF-8 (byte 0xE9); save it as UTF-8"
      ])
  }

  @Test("a date that is not YYYY-MM-DD")
  func badDate() throws {
    let result = try errors(
      "-- Content/articles/a.md --\n---\ntitle: A\ndate: 2024-02-30\n---\nText.\n")
    #expect(
      result == [
        "Content/articles/a.md:3:7: error: 'date' must be a date written YYYY-MM-DD, got '2024-02-30'"
      ])
  }

  @Test("a template with a syntax error")
  func templateSyntax() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nText.\n")
    try site.write(
      "Theme/templates/home.mustache", "<ul>\n{{#articles}}<li>{{title}}</li>\n{{/article}}</ul>\n")
    let result = site.buildErrors().map(\.description)
    #expect(result.count == 1)
    #expect(result.first?.hasPrefix("Theme/templates/home.mustache:3:") == true)
    #expect(
      result.first?.contains("error: template syntax error: section closed with the wrong name")
        == true)
  }

  @Test("an unknown partial and a missing template")
  func unknownPartial() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nText.\n")
    try site.write("Theme/templates/home.mustache", "<p>\n  {{> partials/nav}}\n")
    try site.remove("Theme/templates/404.mustache")
    let result = site.buildErrors().map(\.description)
    #expect(
      result == [
        "Theme/templates/404.mustache: error: missing template '404'",
        "Theme/templates/home.mustache:2:3: error: unknown partial 'partials/nav'; no file templates/partials/nav.mustache",
      ])
  }

  @Test("CRLF line endings and a byte-order mark build the same site as the clean file")
  func crlfAndBOM() throws {
    let clean = "---\ntitle: A\n---\nThe Quad.\n\nSecond.\n"
    let cleanSite = try TestSite(minimalSite + "\n" + entry("quad", term: "Quad"))
    try cleanSite.write("Content/articles/a.md", clean)
    try cleanSite.build()
    let messySite = try TestSite(minimalSite + "\n" + entry("quad", term: "Quad"))
    try messySite.write(
      "Content/articles/a.md",
      bytes: [0xEF, 0xBB, 0xBF] + Array(clean.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    try messySite.build()
    #expect(messySite.snapshot() == cleanSite.snapshot())
  }
}

@Suite("A failed build never touches the previous output")
struct AtomicOutputTests {
  @Test("after an error the old site is still there, byte for byte")
  func failedBuildKeepsOldSite() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nText.\n"
        + entry("quad", term: "Quad"))
    try site.build()
    let before = site.snapshot()
    try site.write("Content/glossary/quad.md", "---\nterm: Quad\n---\n")
    _ = site.buildErrors()
    #expect(site.snapshot() == before)
    #expect(InvalidCorpus.leftovers(in: site.root).isEmpty)
  }

  @Test("a successful build replaces the site entirely: removed articles disappear")
  func replacesEntirely() throws {
    let site = try TestSite(
      minimalSite
        + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nText.\n-- Content/articles/b.md --\n---\ntitle: B\n---\nText.\n"
    )
    try site.build()
    #expect(site.exists("Site/articles/b/index.html"))
    try site.remove("Content/articles/b.md")
    try site.build()
    #expect(!site.exists("Site/articles/b/index.html"))
    #expect(site.exists("Site/articles/a/index.html"))
  }

  @Test("leftovers of a killed build are cleaned up by the next one")
  func leftovers() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nText.\n")
    try site.write(".Site.gloss-staging-99999/half.html", "partial")
    try site.build()
    #expect(!site.exists(".Site.gloss-staging-99999"))
  }

  @Test("an output directory that cannot be written is an error, not a crash")
  func unwritable() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nText.\n")
    try site.write("blocker", "a file where the output's parent directory should be")
    let paths = BuildPaths(
      content: "Content", theme: "Theme", output: "blocker/Site", relativeTo: site.root)
    #expect(throws: BuildFailure.self) { try Builder(paths: paths).build() }
  }
}
