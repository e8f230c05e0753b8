import Foundation
import Testing

@testable import Gloss

/// An entry mentioned in thousands of paragraphs (a 10,000-article site) keeps a light page:
/// the first 50 mentions on the entry's page, the rest on further pages linked both ways.
@Suite("An entry's mentions in pages: each bounded, linked both ways, listed in the sitemap")
struct MentionPagesTests {
  /// One article whose `paragraphs` paragraphs each mention the Quad.
  static func site(paragraphs: Int) -> String {
    let body = (1...paragraphs).map { "Paragraph \($0) names the Quad." }.joined(separator: "\n\n")
    return minimalSite + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS") + """

      -- Content/site.yml --
      title: Test Site
      base_url: https://example.org/
      link_policy: every
      -- Content/articles/long.md --
      ---
      title: Long
      ---
      \(body)
      """
  }

  /// The numbers of the paragraphs a page lists, in order.
  static func listed(_ html: String) -> [Int] {
    html.matches(of: #/long/index\.html#p-(\d+)/#).map { Int($0.1)! }
  }

  @Test("120 mentions make three pages of 50, 50 and 20, with the entry itself on the first")
  func threePages() throws {
    let site = try TestSite(Self.site(paragraphs: 120), theme: nil)
    try site.copyFromRepository("Theme")
    try site.build()
    let first = try site.read("Site/glossary/quad/index.html")
    #expect(Self.listed(first) == Array(1...50))
    #expect(first.contains("Paragraphs 1–50 of 120"))
    #expect(first.contains(#"<a href="page/2/index.html" rel="next">Later mentions</a>"#))
    #expect(first.contains(#"class="entry-body prose""#))
    let second = try site.read("Site/glossary/quad/page/2/index.html")
    #expect(Self.listed(second) == Array(51...100))
    #expect(second.contains(#"<ol class="mention-list" start="51">"#))
    #expect(second.contains(#"<a href="../../index.html" rel="prev">Earlier mentions</a>"#))
    #expect(second.contains(#"<a href="../3/index.html" rel="next">Later mentions</a>"#))
    #expect(second.contains("<title>Quad · Mentions, page 2 · Glossary · Test Site</title>"))
    // Later pages list mentions only: the explanation, sources and related entries stay on the
    // entry's own page.
    #expect(!second.contains(#"class="entry-body prose""#))
    #expect(!second.contains("entry-sources"))
    #expect(
      second.contains(#"<link rel="canonical" href="https://example.org/glossary/quad/page/2/">"#))
    let third = try site.read("Site/glossary/quad/page/3/index.html")
    #expect(Self.listed(third) == Array(101...120))
    #expect(!third.contains(#"rel="next""#))
    #expect(!site.exists("Site/glossary/quad/page/4/index.html"))
    #expect(!site.exists("Site/glossary/quad/page/1/index.html"))
    // An entry with no mentions has one page and no pager.
    let aukus = try site.read("Site/glossary/aukus/index.html")
    #expect(!aukus.contains("Pages of mentions"))
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(sitemap.contains("<loc>https://example.org/glossary/quad/page/2/</loc>"))
    #expect(sitemap.contains("<loc>https://example.org/glossary/quad/page/3/</loc>"))
  }

  @Test("50 mentions fit on the entry's page: no pager, no further page")
  func onePage() throws {
    let site = try TestSite(Self.site(paragraphs: 50), theme: nil)
    try site.copyFromRepository("Theme")
    try site.build()
    let page = try site.read("Site/glossary/quad/index.html")
    #expect(Self.listed(page).count == 50)
    #expect(!page.contains("Pages of mentions") && !page.contains(" start="))
    // Each mention on one line: the passage, then the link to its paragraph.
    let mention = try #require(
      page.firstMatch(
        of:
          #/\n<li><blockquote><p>[^\n]*</p></blockquote><a href="[^"]*long/index\.html#p-1">Long[^\n]*</a></li>\n/#
      ))
    #expect(mention.output.contains("<mark"))
    #expect(!page.contains("mention-excerpt") && !page.contains("mention-source"))
    // The article's list of terms: a <dt> and a <dd> a term, no wrapper.
    let article = try site.read("Site/articles/long/index.html")
    #expect(
      article.contains(
        #"<dt><a href="../../glossary/quad/index.html">Quad</a> <span class="category-label">"#))
    #expect(article.contains(#"</dt><dd id="tip-quad">"#))
    #expect(!article.contains("term-list-item"))
    #expect(!site.exists("Site/glossary/quad/page/2/index.html"))
  }

  @Test("watch: when mentions shrink, the pages they no longer fill are removed")
  func rebuildShrinks() throws {
    let site = try TestSite(Self.site(paragraphs: 120))
    #expect(site.rebuild().succeeded)
    #expect(site.rebuiltFiles["glossary/quad/page/3/index.html"] != nil)
    let shorter = (1...60).map { "Paragraph \($0) names the Quad." }.joined(separator: "\n\n")
    try site.write("Content/articles/long.md", "---\ntitle: Long\n---\n\(shorter)\n")
    let outcome = site.rebuild("Content/articles/long.md")
    #expect(outcome.removed == ["glossary/quad/page/3/index.html"])
    #expect(site.rebuiltFiles["glossary/quad/page/2/index.html"] != nil)
  }
}
