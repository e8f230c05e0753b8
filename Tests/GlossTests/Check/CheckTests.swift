import Foundation
import Testing

@testable import Gloss

@Suite("gloss check: what a build cannot see, reported where the editor fixes it")
struct CheckTests {
  func check(_ files: String, listExternal: Bool = false) throws -> [String] {
    let site = try TestSite(minimalSite + "\n" + files)
    let diagnostics = try SiteCheck(paths: site.paths, listExternal: listExternal).run()
    #expect(!site.exists("Site"), "check must not write the site")
    return diagnostics.map(\.description)
  }

  static let article = """
    -- Content/articles/a.md --
    ---
    title: A
    ---
    The Quad met.
    """

  @Test("a site whose links all resolve has nothing to report")
  func clean() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Quad met. See [B](../b/), [its entry](../../glossary/quad/), [this](#p-1), [the start](./),
      [the home page](../../index.html), [the style](../../assets/style.css) and [elsewhere](https://example.org/x).

      Mail [us](mailto:editor@example.org).
      -- Content/articles/b.md --
      ---
      title: B
      ---
      Another text about the Quad, see [A](../a/index.html#p-2).
      """ + entry("quad", term: "Quad"))
    #expect(result == [])
  }

  @Test("a link to a page that does not exist is an error at the link in the article")
  func brokenLink() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Quad met. See [nothing](../nope/) and [gone](#p-9).
      """ + entry("quad", term: "Quad"))
    #expect(
      result == [
        "Content/articles/a.md:4:29: error: broken link '../nope/': no such file articles/nope/index.html",
        "Content/articles/a.md:4:50: error: broken link '#p-9': no element with id 'p-9' in articles/a/index.html",
      ])
  }

  @Test("an anchor into another page must exist on that page")
  func brokenAnchorElsewhere() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Quad met; see [B's third paragraph](../b/#p-3).
      -- Content/articles/b.md --
      ---
      title: B
      ---
      Only one paragraph.
      """ + entry("quad", term: "Quad"))
    #expect(
      result == [
        "Content/articles/a.md:4:41: error: broken link '../b/#p-3': no element with id 'p-3' in articles/b/index.html"
      ])
  }

  @Test("links in a glossary entry's body are checked and placed in the entry file")
  func brokenLinkInEntry() throws {
    let result = try check(
      Self.article + entry("quad", term: "Quad", body: "Compare [AUKUS](../aukus/)."))
    #expect(
      result == [
        "Content/glossary/quad.md:6:17: error: broken link '../aukus/': no such file glossary/aukus/index.html"
      ])
  }

  @Test("a link to an article's source file says to link to its page")
  func sourceFileLink() throws {
    let result = try check(
      Self.article.replacingOccurrences(
        of: "The Quad met.", with: "The Quad met; see [b](../b.md).")
        + "\n-- Content/articles/b.md --\n---\ntitle: B\n---\nText.\n" + entry("quad", term: "Quad")
    )
    #expect(
      result == [
        "Content/articles/a.md:4:23: error: broken link '../b.md': no such file articles/b.md; link to the page, not the source file (e.g. ../b/)"
      ])
  }

  @Test("a root-absolute link is an error: it breaks under file:// and sub-paths")
  func absoluteLink() throws {
    let result = try check(
      Self.article.replacingOccurrences(
        of: "The Quad met.", with: "The Quad met; see [home](/index.html).")
        + entry("quad", term: "Quad"))
    #expect(
      result == [
        "Content/articles/a.md:4:26: error: broken link '/index.html': absolute paths break under file:// and sub-paths; use a relative link"
      ])
  }

  @Test("a broken link the theme makes is reported at the page, naming the theme")
  func themeLink() throws {
    let site = try TestSite(minimalSite + "\n" + Self.article + entry("quad", term: "Quad"))
    try site.write("Theme/templates/404.mustache", "{{> partials/head}}Not found")
    try site.write(
      "Theme/templates/home.mustache",
      "{{> partials/head}}<a href=\"about/index.html\">About</a>{{#articles}}{{/articles}}")
    let result = try SiteCheck(paths: site.paths).run().map(\.description)
    #expect(
      result == [
        "Site/index.html: error: broken link 'about/index.html': no such file about/index.html (the link is in the theme's markup)"
      ])
  }

  @Test("an id used twice on a page is a warning: anchors reach only the first")
  func duplicateIDs() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + Self.article.replacingOccurrences(of: "The Quad met.", with: "# Main\n\nThe Quad met.")
        + entry("quad", term: "Quad"))
    try site.write(
      "Theme/templates/article.mustache",
      "{{> partials/head}}<main id=\"main\">{{{article.body_html}}}</main>{{#article.terms}}<div id=\"tip-{{id}}\"></div>{{/article.terms}}"
    )
    let result = try SiteCheck(paths: site.paths).run().map(\.description)
    #expect(
      result == [
        "Site/articles/a/index.html: warning: id 'main' is used more than once on the page; links to #main reach only the first"
      ])
  }

  @Test("term links whose preview is missing from the page are a warning, once per page")
  func missingPreviews() throws {
    let site = try TestSite(minimalSite + "\n" + Self.article + entry("quad", term: "Quad"))
    try site.write("Theme/templates/article.mustache", "{{> partials/head}}{{{article.body_html}}}")
    let result = try SiteCheck(paths: site.paths).run().map(\.description)
    #expect(
      result == [
        "Site/articles/a/index.html: warning: aria-describedby refers to 1 id that no element on the page has: 'tip-quad'"
      ])
  }

  @Test("an entry no article mentions is a warning (as in a build)")
  func unmentioned() throws {
    let result = try check(
      Self.article + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS"))
    #expect(
      result == [
        "Content/glossary/aukus.md:2:7: warning: no article mentions 'AUKUS' and no mentioned entry links to it in see_also"
      ])
  }

  @Test(
    "a spelling that occurs only inside another entry's longer term is a warning at that spelling")
  func shadowedByLongerTerm() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Cold War mentality persists; a Cold War mentality is hard to shed.
      """ + entry("cold-war", term: "Cold War", extra: "see_also: [cold-war-mentality]\n")
        + entry("cold-war-mentality", term: "Cold War mentality", extra: "see_also: [cold-war]\n"))
    #expect(
      result == [
        "Content/glossary/cold-war.md:2:7: warning: term 'Cold War' occurs 2 times in the articles but never links to 'cold-war': each time it is part of a longer term: 'Cold War mentality' (cold-war-mentality)"
      ])
  }

  @Test("a spelling that links somewhere is fine even if it is also swallowed elsewhere")
  func partlyShadowed() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Cold War mentality outlived the Cold War.
      """ + entry("cold-war", term: "Cold War")
        + entry("cold-war-mentality", term: "Cold War mentality"))
    #expect(result == [])
  }

  @Test(
    "a spelling that smart punctuation changes can never match, and the warning shows how to write it"
  )
  func typography() throws {
    let result = try check(
      Self.article
        + entry("quad", term: "Quad", aliases: ["the \\\"Quad\\\"", "Sino--Indian talks"]))
    #expect(
      result == [
        "Content/glossary/quad.md:3:11: warning: alias 'the \"Quad\"' never matches as written: in an article it reads “the “Quad””; write it that way",
        "Content/glossary/quad.md:3:27: warning: alias 'Sino--Indian talks' never matches as written: in an article it reads “Sino–Indian talks”; write it that way",
      ])
  }

  @Test(
    "a spelling that another entry's spelling matches in full (with a plural ending) is a warning naming both"
  )
  func shadowedByOtherEntry() throws {
    let result = try check(
      Self.article.replacingOccurrences(of: "The Quad met.", with: "The Quad met; the Quads too.")
        + entry("quad", term: "Quad") + entry("quads", term: "Quads", extra: "see_also: [quad]\n"))
    // Whether "Quads" reaches its own entry is the matcher's rule (exact spelling or "Quad" plus
    // a plural ending); the check must warn exactly when it does not.
    let linker = GlossaryLinker(patterns: [
      TermPattern(text: "Quad", entryID: "quad"), TermPattern(text: "Quads", entryID: "quads"),
    ])
    let reachesOwnEntry = linker.matcher.matches(in: "Quads").first?.entryID == "quads"
    let expected =
      reachesOwnEntry
      ? []
      : [
        "Content/glossary/quads.md:2:7: warning: no article mentions 'Quads' and no mentioned entry links to it in see_also",
        "Content/glossary/quads.md:2:7: warning: term 'Quads' can never link to 'quads': the matcher takes it for 'Quad' of 'quad' (Content/glossary/quad.md:2:7), which wins when both match the same words",
      ]
    #expect(result == expected)
  }

  @Test("Markdown punctuation in a spelling is fine: articles show it literally")
  func markdownPunctuation() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The \\*NIX world and C\\# and the Quad.
      """ + entry("quad", term: "Quad", aliases: ["*NIX", "C#", "[Q]"]))
    #expect(result == [])
  }

  @Test("summaries over 30 words and summaries two entries share are warnings at the summary")
  func summaries() throws {
    let long = Array(repeating: "word", count: 31).joined(separator: " ")
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Quad and AUKUS and NATO.

      -- Content/glossary/quad.md --
      ---
      term: Quad
      category: organization
      summary: \(long)
      ---
      Body.

      -- Content/glossary/aukus.md --
      ---
      term: AUKUS
      category: alliance
      summary: A security pact.
      ---
      Body.

      -- Content/glossary/nato.md --
      ---
      term: NATO
      category: alliance
      summary:   a  SECURITY pact
      ---
      Body.
      """)
    #expect(
      result == [
        "Content/glossary/nato.md:4:12: warning: summary is the same as the summary of 'aukus' (Content/glossary/aukus.md:4:10); a reader could not tell the two apart",
        "Content/glossary/quad.md:4:10: warning: summary has 31 words; a preview reads best in 30 or fewer (move the rest into the body)",
      ])
  }

  @Test("an editor's note whose quote is gone fails the check like the build")
  func unanchoredNote() throws {
    let site = try TestSite(
      minimalSite + "\n" + Self.article + entry("quad", term: "Quad")
        + "\n-- Content/annotations/a.yml --\n- id: n\n  quote: \"The Quad did not meet\"\n  kind: context\n  note: Gone.\n"
    )
    #expect {
      try SiteCheck(paths: site.paths).run()
    } throws: { error in
      let failure = error as? BuildFailure
      return failure?.diagnostics.map(\.description).contains {
        $0.hasPrefix(
          "Content/annotations/a.yml:2:10: error: note 'n': quote not found in article 'a'")
      } == true
    }
  }

  @Test("--list-external adds a note for every external URL, where it is written")
  func externalLinks() throws {
    let result = try check(
      """
      -- Content/articles/a.md --
      ---
      title: A
      source_url: https://news.example.com/a
      ---
      The Quad met (see https://example.org/report). Also [the list](https://example.org/list?x=1&y=2).
      """
        + entry(
          "quad", term: "Quad",
          extra:
            "sources:\n  - title: Wiki\n    url: https://en.wikipedia.org/wiki/Quad_(disambiguation)\n"
        ),
      listExternal: true)
    #expect(
      result == [
        "Content/articles/a.md:3:13: note: external link https://news.example.com/a",
        "Content/articles/a.md:5:19: note: external link https://example.org/report",
        "Content/articles/a.md:5:64: note: external link https://example.org/list?x=1&y=2",
        "Content/glossary/quad.md:7:10: note: external link https://en.wikipedia.org/wiki/Quad_(disambiguation)",
        "Content/site.yml:2:11: note: external link https://example.org/",
      ])
  }

  @Test("attributes are read byte-wise: a combining mark after the quote does not hide them")
  func combiningMarks() {
    let page = PageLinks(
      html: Array("<p id=\"\u{0301}x\">a</p><h2 id=\"y\"><a href=\"\u{0301}#y\">".utf8))
    #expect(page.ids == ["\u{0301}x", "y"])
    #expect(page.hrefs == ["\u{0301}#y"])
  }

  @Test("the summary line counts errors, warnings and notes")
  func summaryLine() {
    let diagnostics: [Diagnostic] = [
      .error("a", "x"), .warning("a", "y"), .warning("b", "z"), Diagnostic(.note, "c", "n"),
    ]
    #expect(SiteCheck.summary(diagnostics) == "check: 1 error, 2 warnings, 1 note")
  }

  @Test("gloss check exits 1 on a broken link and 0 when only warnings remain")
  func commandLine() throws {
    let broken = try TestSite(
      minimalSite + "\n"
        + Self.article.replacingOccurrences(of: "The Quad met.", with: "The Quad met [x](../y/).")
        + entry("quad", term: "Quad"))
    let failed = try GlossBinary.run(["check"], in: broken.root)
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("Content/articles/a.md:4:18: error: broken link '../y/'"))
    #expect(!broken.exists("Site"))

    let fine = try TestSite(
      minimalSite + "\n" + Self.article + entry("quad", term: "Quad") + entry("nato", term: "NATO"))
    let passed = try GlossBinary.run(["check"], in: fine.root)
    #expect(passed.status == 0, "\(passed.stderr)")
    #expect(passed.stderr.contains("warning: no article mentions 'NATO'"))
    #expect(passed.stderr.hasSuffix("check: 0 errors, 1 warning, 0 notes\n"))
    #expect(!passed.stderr.contains("note: external link"))

    let listed = try GlossBinary.run(["check", "--list-external"], in: fine.root)
    #expect(listed.status == 0)
    #expect(
      listed.stderr.contains("Content/site.yml:2:11: note: external link https://example.org/"))
    #expect(listed.stderr.hasSuffix("check: 0 errors, 1 warning, 1 note\n"))
  }

  @Test("the committed Content/ and Theme/ check without errors")
  func committedContent() throws {
    let repository = Repository.root
    let diagnostics = try SiteCheck(paths: BuildPaths(relativeTo: repository)).run()
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
  }
}
