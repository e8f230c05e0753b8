import Foundation
import Testing

@testable import Gloss

@Suite("The home page in pages: each bounded, linked both ways, listed in the sitemap")
struct PaginationTests {
  /// `count` articles, newest first a1 … (a1 is the newest).
  static func site(articles count: Int, paginate: Int?) -> String {
    var text = """
      -- Content/site.yml --
      title: Test Site
      base_url: https://example.org/
      """
    if let paginate { text += "\npaginate: \(paginate)" }
    for index in 1...count {
      text += """

        -- Content/articles/a\(index).md --
        ---
        title: Article \(index)
        date: 2024-01-\(String(format: "%02d", 28 - index))
        ---
        Text \(index).
        """
    }
    return text
  }

  static let theme = TestSite.minimalTheme.merging([
    "Theme/templates/home.mustache":
      "<title>{{page_title}}</title>{{#articles}}<a href=\"{{url}}\">{{title}}</a>\n{{/articles}}{{#pager}}<p>{{current}}/{{total}}</p>{{#previous_url}}<a rel=\"prev\" href=\"{{.}}\">newer</a>{{/previous_url}}{{#pages}}[{{#is_gap}}…{{/is_gap}}{{^is_gap}}{{#is_current}}*{{/is_current}}{{number}} {{url}}{{/is_gap}}]{{/pages}}{{#next_url}}<a rel=\"next\" href=\"{{.}}\">older</a>{{/next_url}}{{/pager}}"
  ]) { _, new in new }

  @Test("five articles two to a page make three pages with relative links between them")
  func threePages() throws {
    let site = try TestSite(Self.site(articles: 5, paginate: 2), theme: Self.theme)
    try site.build()
    let first = try site.read("Site/index.html")
    #expect(
      first.contains(
        "<a href=\"articles/a1/index.html\">Article 1</a>\n<a href=\"articles/a2/index.html\">Article 2</a>\n<p>1/3</p>"
      ))
    #expect(!first.contains("rel=\"prev\""))
    #expect(first.contains("<a rel=\"next\" href=\"page/2/index.html\">older</a>"))
    let second = try site.read("Site/page/2/index.html")
    #expect(second.hasPrefix("<title>Test Site · Page 2</title>"))
    #expect(second.contains("<a href=\"../../articles/a3/index.html\">Article 3</a>"))
    #expect(second.contains("<a rel=\"prev\" href=\"../../index.html\">newer</a>"))
    #expect(second.contains("<a rel=\"next\" href=\"../3/index.html\">older</a>"))
    #expect(second.contains("[1 ../../index.html][*2 index.html][3 ../3/index.html]"))
    let third = try site.read("Site/page/3/index.html")
    #expect(third.contains("Article 5") && !third.contains("rel=\"next\""))
    #expect(!site.exists("Site/page/4/index.html") && !site.exists("Site/page/1/index.html"))
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(sitemap.contains("<loc>https://example.org/page/2/</loc>"))
    #expect(sitemap.contains("<loc>https://example.org/page/3/</loc>"))
  }

  @Test("a long list shows the first, last and nearby pages, with gaps between")
  func gaps() throws {
    let site = try TestSite(Self.site(articles: 20, paginate: 2), theme: Self.theme)
    try site.build()
    let page = try site.read("Site/page/5/index.html")
    #expect(
      page.contains(
        "[1 ../../index.html][…][3 ../3/index.html][4 ../4/index.html][*5 index.html][6 ../6/index.html][7 ../7/index.html][…][10 ../10/index.html]"
      ))
  }

  @Test("a site that fits on one page has no pager and no further pages")
  func onePage() throws {
    let site = try TestSite(Self.site(articles: 3, paginate: nil), theme: Self.theme)
    try site.build()
    #expect(!(try site.read("Site/index.html")).contains("<p>1/1</p>"))
    #expect(!site.exists("Site/page"))
  }

  @Test("removing articles removes the pages they no longer fill, on a rebuild too")
  func shrinking() throws {
    let site = try TestSite(Self.site(articles: 5, paginate: 2), theme: Self.theme)
    #expect(site.rebuild().succeeded)
    try site.remove("Content/articles/a5.md")
    let outcome = site.rebuild("Content/articles/a5.md")
    #expect(outcome.removed.contains("page/3/index.html"))
    try site.build()
    #expect(site.snapshot() == site.rebuiltFiles)
  }

  @Test("paginate must be a whole number of at least 1")
  func badValue() throws {
    let site = try TestSite(Self.site(articles: 1, paginate: 0))
    #expect(
      site.buildErrors().map(\.description) == [
        "Content/site.yml:3:11: error: 'paginate' must be a whole number of articles per page, at least 1"
      ])
  }
}
