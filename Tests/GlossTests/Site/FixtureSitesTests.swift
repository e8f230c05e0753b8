import Foundation
import GlossTestSupport
import Testing

@testable import Gloss

/// The sites of `Tests/Fixtures/sites/`, one per script family, built end to end with the real
/// theme, their terms linked in their own script (the Chinese site's 苍鹭 inside running text;
/// the matcher's own tests cover each script's rules).
@Suite("A site per script family builds end to end, in its language and direction")
struct FixtureSitesTests {
  struct Expectation: Sendable, CustomStringConvertible {
    var name: String
    var html: String
    /// Term links each article's body must have: slug → entry ids.
    var links: [String: [String]]
    /// Text the home page shows: interface strings, a date, a reading time.
    var home: [String]
    /// The language of the strings gloss.js shows on the home page (`assets/strings-<code>.js`).
    var strings = "en"
    var description: String { name }
  }

  static let sites: [Expectation] = [
    Expectation(
      name: "zh", html: "<html lang=\"zh-Hans\" dir=\"ltr\">",
      // Han terms link inside running text (苍鹭 has no spaces around it).
      links: ["heron": ["dunmore", "gps", "heron"]],
      home: [
        "<h2 id=\"articles-heading\" class=\"section-title\">文章</h2>",
        "<time datetime=\"2024-05-17\">2024年5月17日</time>",
        // 238 letters at 450 a minute: 1 minute.
        "<span>阅读约 1 分钟</span>", "<span>3 个术语</span>",
      ], strings: "zh"),
    Expectation(
      name: "ja", html: "<html lang=\"ja\" dir=\"ltr\">",
      links: ["harbour": ["kobe", "unesco"]],
      home: [
        // No ja.yml in the theme: English around the Japanese text.
        "<h2 id=\"articles-heading\" class=\"section-title\">Articles</h2>",
        "<time datetime=\"2023-11-03\">3 November 2023</time>", "<span>1 min read</span>",
      ]),
    Expectation(
      name: "ko", html: "<html lang=\"ko\" dir=\"ltr\">",
      links: ["river": ["seoul", "urban-renewal"]],
      home: ["<time datetime=\"2022-09-14\">14 September 2022</time>"]),
    Expectation(
      name: "ur", html: "<html lang=\"ur\" dir=\"rtl\">",
      links: ["indus": ["indus", "indus-river-dolphin", "watershed"]],
      home: [
        "<h2 id=\"articles-heading\" class=\"section-title\">مضامین</h2>",
        "<time datetime=\"2024-03-21\">21 مارچ 2024</time>",
        "<span>1 منٹ کا مطالعہ</span>", "<span>3 اصطلاحات</span>",
      ], strings: "ur"),
    Expectation(
      name: "latin-diacritics", html: "<html lang=\"fr\" dir=\"ltr\">",
      links: ["seine": ["hotel-de-ville", "ile-de-la-cite", "societe-des-amis-des-quais"]],
      home: ["<time datetime=\"2021-07-14\">14 July 2021</time>"]),
  ]

  /// The lines of a page that start with a space or a tab, outside `<pre>` (whose lines are the
  /// content's own).
  static func indentedLines(_ page: String) -> [String] {
    var inPre = false
    var found: [String] = []
    for line in page.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if !inPre, line.first == " " || line.first == "\t" {
        found.append(String(line))
      }
      if let open = line.range(of: "<pre", options: .backwards) {
        inPre =
          line.range(of: "</pre>", options: .backwards).map { $0.lowerBound < open.lowerBound }
          ?? true
      } else if line.contains("</pre>") {
        inPre = false
      }
    }
    return found
  }

  @Test("a page of indented code keeps its indentation inside <pre>")
  func indentedLinesSparePre() {
    #expect(Self.indentedLines("<p>a</p>\n<pre><code>x\n  y\n</code></pre>\n<p>b</p>\n").isEmpty)
    #expect(Self.indentedLines("<div>\n  <p>a</p>\n</div>\n") == ["  <p>a</p>"])
  }

  @Test("a theme that never names strings_url gets no strings files for gloss.js")
  func noStringsFilesUnasked() throws {
    let site = try TestSite(minimalSite)
    try site.build()
    #expect(!site.snapshot().keys.contains { $0.hasPrefix("assets/strings-") })
  }

  static func site(_ name: String) throws -> TestSite {
    let site = try TestSite("", theme: nil)
    try site.copyFromRepository("Theme")
    try FileManager.default.copyItem(
      at: TestSite.repository.appendingPathComponent("Tests/Fixtures/sites/\(name)/Content"),
      to: site.url("Content"))
    return site
  }

  @Test(
    "builds without errors, in its language, linking its terms, the same bytes twice",
    arguments: sites)
  func builds(_ expected: Expectation) throws {
    let site = try Self.site(expected.name)
    let report = try site.build()
    #expect(!report.diagnostics.contains { $0.severity == .error })
    let first = site.snapshot()
    for (path, bytes) in first where path.hasSuffix(".html") {
      let page = String(decoding: bytes, as: UTF8.self)
      // The one article written in another language than its site is checked below.
      // Templates without indentation: no page carries leading whitespace.
      let indented = Self.indentedLines(page)
      #expect(indented.isEmpty, "\(path): \(indented.prefix(3))")
      if path == "articles/delta/index.html" { continue }
      #expect(page.contains(expected.html), "\(path)")
    }
    for (slug, ids) in expected.links {
      let page = try site.read("Site/articles/\(slug)/index.html")
      for id in ids {
        #expect(
          page.contains("<a class=\"term\" href=\"../../glossary/\(id)/index.html\""),
          "\(slug) links \(id)")
      }
    }
    let home = try site.read("Site/index.html")
    for text in expected.home { #expect(home.contains(text), "\(text)") }
    // gloss.js's strings: a file per language of the theme, not a copy in every page.
    #expect(
      home.contains(
        #"<script src="assets/strings-\#(expected.strings).js" defer></script>\#n<script src="assets/gloss.js" defer></script>"#
      ))
    for code in ["en", "ur", "zh"] {
      #expect(try site.read("Site/assets/strings-\(code).js").hasPrefix("/* The strings gloss.js"))
    }
    for (path, bytes) in first where path.hasSuffix(".html") {
      let page = String(decoding: bytes, as: UTF8.self)
      #expect(page.contains("assets/strings-") && !page.contains("gloss-strings"), "\(path)")
    }
    try site.build()
    #expect(site.snapshot() == first)
  }

  @Test(
    "the Urdu site's English article reads left to right in English; the site's categories apply")
  func urduSite() throws {
    let site = try Self.site("ur")
    try site.build()
    let delta = try site.read("Site/articles/delta/index.html")
    #expect(delta.contains("<html lang=\"en\" dir=\"ltr\">"))
    // Its page links the English strings for gloss.js; the Urdu pages link the Urdu ones.
    #expect(delta.contains(#"<script src="../../assets/strings-en.js" defer>"#))
    #expect(try site.read("Site/glossary/index.html").contains(#"src="../assets/strings-ur.js""#))
    let urdu = try site.read("Site/assets/strings-ur.js")
    #expect(urdu.hasSuffix(";\n") && urdu.contains(#""show-more":"#))
    #expect(urdu.contains(#""read-full-entry":"پورا اندراج پڑھیں""#))
    #expect(
      try site.read("Site/assets/strings-en.js").contains(#""delete-all":"Delete all my notes""#))
    #expect(delta.contains("<span>1 min read</span>"))
    #expect(delta.contains("<time datetime=\"2024-01-09\">9 January 2024</time>"))
    // Search engines and feed readers are told too.
    #expect(delta.contains("\"inLanguage\":\"en\""))
    let feed = try site.read("Site/feed.xml")
    #expect(feed.contains("xml:lang=\"ur\""))
    #expect(feed.contains("<entry xml:lang=\"en\">"))
    #expect(!feed.contains("<entry xml:lang=\"ur\">"))
    let glossary = try site.read("Site/glossary/index.html")
    #expect(glossary.contains("<h3 id=\"cat-place\" class=\"category-heading\">مقامات</h3>"))
    #expect(glossary.contains("<h3 id=\"cat-species\" class=\"category-heading\">جاندار</h3>"))
    #expect(glossary.contains("legend-swatch cm-cat-extra-1"))
    // The map's name and description for screen readers are Urdu too.
    #expect(glossary.contains("<title id=\"cm-title\">فرہنگ کا تصوراتی نقشہ</title>"))
    #expect(glossary.contains("<desc id=\"cm-desc\">فرہنگ کی 3 اصطلاحات ایک دائرے میں، زمرہ وار۔"))
    // The editor's note in the margin, in Urdu: its kind, its name for screen readers, sources.
    let indus = try site.read("Site/articles/indus/index.html")
    #expect(indus.contains("data-kind=\"context\" aria-label=\"مدیر کا نوٹ 1\">"))
    #expect(indus.contains("<span class=\"note-kind\">پس منظر</span>"))
    #expect(indus.contains("<p class=\"note-sources\">ماخذ: <a href="))
    #expect(indus.contains("<p class=\"note-kind\">پس منظر<span class=\"note-where\">"))
    let entry = try site.read("Site/glossary/indus-river-dolphin/index.html")
    #expect(entry.contains("<span class=\"category-label\">جاندار</span>"))
    #expect(entry.contains("<h2 id=\"mentions-heading\" class=\"section-title\">جہاں ذکر ہے</h2>"))
  }

  @Test("a site that names no categories gets the nine defaults in its own language")
  func defaultCategoriesInUrdu() throws {
    let site = try TestSite(
      """
      -- Content/site.yml --
      title: T
      base_url: https://example.org/
      language: ur
      -- Content/articles/a.md --
      ---
      title: A
      ---
      NATO اور Quad کا ذکر۔
      -- Content/glossary/nato.md --
      ---
      term: NATO
      category: alliance
      summary: S.
      ---
      B.
      -- Content/glossary/quad.md --
      ---
      term: Quad
      category: organization
      summary: S.
      ---
      B.
      """, theme: nil)
    try site.copyFromRepository("Theme")
    try site.build()
    let glossary = try site.read("Site/glossary/index.html")
    #expect(glossary.contains("<h3 id=\"cat-organization\" class=\"category-heading\">ادارے</h3>"))
    #expect(glossary.contains("<h3 id=\"cat-alliance\" class=\"category-heading\">اتحاد</h3>"))
    #expect(
      try site.read("Site/glossary/quad/index.html").contains(
        "<span class=\"category-label\">ادارہ</span>"))
    #expect(try site.read("Site/search/entries.js").contains("\"category_label\":\"ادارہ\""))
  }
}
