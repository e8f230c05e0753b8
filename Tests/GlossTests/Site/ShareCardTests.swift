import Foundation
import Testing

@testable import Gloss

/// The share cards of the real theme: what Facebook's, LinkedIn's and X's crawlers read when a
/// link to a page is shared.
@Suite("Share cards: Open Graph and Twitter tags, pictures from the theme, site.yml or an article")
struct ShareCardTests {
  static let site =
    minimalSite + entry("quad", term: "Quad", aliases: ["the Quad"]) + """

      -- Content/articles/first.md --
      ---
      title: Fish & "Chips" <b>
      byline: A. Writer
      date: 2024-06-02
      summary: The Quad, briefly.
      ---
      The Quad met in Tokyo.

      Second paragraph.
      -- Content/articles/second.md --
      ---
      title: Second
      ---
      Nothing else.
      """

  /// A PNG's signature and header: all a size reader looks at.
  static func png(width: UInt32, height: UInt32) -> [UInt8] {
    func be32(_ value: UInt32) -> [UInt8] {
      (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
      + be32(width) + be32(height) + [8, 2, 0, 0, 0, 0, 0, 0, 0]
  }

  /// The `<meta>` tags of a page's head, by their `property` or `name`.
  static func meta(_ html: String) -> [String: String] {
    var tags: [String: String] = [:]
    let pattern = #/<meta (?:property|name)="([^"]+)" content="([^"]*)">/#
    for match in html.matches(of: pattern) { tags[String(match.1)] = String(match.2) }
    return tags
  }

  /// What the Open Graph protocol requires of every page (title, type, image, URL), and what
  /// share previews show besides. A description is there when the page or the site has one.
  static let required = [
    "og:title", "og:type", "og:image", "og:url", "og:site_name", "og:locale", "og:image:alt",
    "twitter:card",
  ]

  @Test("every page has the required tags; articles are typed article, with author and date")
  func everyPage() throws {
    let site = try TestSite(Self.site, theme: nil)
    try site.copyFromRepository("Theme")
    try site.build()
    let pages = site.snapshot().keys.filter { $0.hasSuffix(".html") }.sorted()
    #expect(pages.count == 6)
    for page in pages {
      let tags = Self.meta(try site.read("Site/\(page)"))
      for name in Self.required {
        #expect(tags[name].map { !$0.isEmpty } == true, "\(page) has no \(name)")
      }
      #expect(tags["og:url"]?.hasPrefix("https://example.org/") == true, "\(page)")
      // Without a picture of its own, the site shows the theme's card, at its real size.
      #expect(tags["og:image"] == "https://example.org/assets/share-card.png", "\(page)")
      #expect(tags["og:image:width"] == "1200" && tags["og:image:height"] == "630", "\(page)")
      #expect(tags["og:locale"] == "en_US")
    }
    let article = Self.meta(try site.read("Site/articles/first/index.html"))
    #expect(article["og:type"] == "article")
    #expect(article["og:url"] == "https://example.org/articles/first/")
    #expect(article["og:title"] == "Fish &amp; &quot;Chips&quot; &lt;b&gt;")
    // X falls back to og:title, og:description and og:image: no twitter: copies of them.
    #expect(article["twitter:title"] == nil && article["twitter:description"] == nil)
    #expect(article["twitter:image"] == nil)
    #expect(article["twitter:image:alt"] == article["og:image:alt"])
    #expect(article["og:description"] == "The Quad, briefly.")
    #expect(article["article:published_time"] == "2024-06-02")
    #expect(article["article:author"] == "A. Writer")
    #expect(article["twitter:card"] == "summary_large_image")
    let entry = Self.meta(try site.read("Site/glossary/quad/index.html"))
    #expect(entry["og:type"] == "website")
    #expect(entry["og:title"] == "Quad")
    #expect(entry["og:description"] == "About Quad.")
    #expect(entry["article:published_time"] == nil)
    #expect(Self.meta(try site.read("Site/index.html"))["og:title"] == "Test Site")
    // No description anywhere: no empty tag.
    #expect(Self.meta(try site.read("Site/index.html"))["og:description"] == nil)
    #expect(!(try site.read("Site/index.html")).contains(#"content="">"#))
  }

  @Test(
    "site.yml's image is a file of Content/static/, published as it is; an article may name its own"
  )
  func ownPictures() throws {
    let site = try TestSite(
      Self.site.replacingOccurrences(
        of: "base_url: https://example.org/",
        with: "base_url: https://example.org/\nimage: /cards/site.png\nimage_alt: The site's card"
      )
      .replacingOccurrences(
        of: "title: Second\n", with: "title: Second\nimage: https://cdn.example.net/x.jpg\n"),
      theme: nil)
    try site.copyFromRepository("Theme")
    try site.write("Content/static/cards/site.png", bytes: Self.png(width: 1600, height: 900))
    try site.write("Content/static/favicon.ico", bytes: [0, 0, 1, 0])
    try site.build()
    #expect(site.snapshot()["cards/site.png"] == Self.png(width: 1600, height: 900))
    #expect(site.snapshot()["favicon.ico"] == [0, 0, 1, 0])
    let home = Self.meta(try site.read("Site/index.html"))
    #expect(home["og:image"] == "https://example.org/cards/site.png")
    #expect(home["og:image:width"] == "1600" && home["og:image:height"] == "900")
    #expect(home["og:image:alt"] == "The site&#39;s card")
    let second = Self.meta(try site.read("Site/articles/second/index.html"))
    #expect(second["og:image"] == "https://cdn.example.net/x.jpg")
    // A picture elsewhere is not measured: no size is better than a wrong one.
    #expect(second["og:image:width"] == nil)
    #expect(second["og:image:alt"] == "Test Site")
    // JSON-LD names the article's picture too.
    #expect(
      try site.read("Site/articles/second/index.html").contains(
        #""image":"https://cdn.example.net/x.jpg""#))
  }

  @Test("a share image that does not exist is an error at its key; the last site stays")
  func missingImage() throws {
    let site = try TestSite(Self.site, theme: nil)
    try site.copyFromRepository("Theme")
    try site.build()
    let before = site.snapshot()
    try site.write(
      "Content/articles/second.md", "---\ntitle: Second\nimage: cards/gone.png\n---\nText.\n")
    let errors = site.buildErrors()
    #expect(
      errors.map(\.description) == [
        "Content/articles/second.md:3:8: error: 'image' names a file that does not exist: Content/static/cards/gone.png"
      ])
    #expect(site.snapshot() == before)
    try site.write(
      "Content/site.yml", "title: T\nbase_url: https://example.org/\nimage: ../x.png\n")
    #expect(
      site.buildErrors().map(\.description).contains(
        "Content/site.yml:3:8: error: 'image' must be a path under static/ such as images/card.png, or an absolute http(s) URL"
      ))
  }

  @Test(
    "a static file where Gloss writes a file is an error; a site's own robots.txt replaces Gloss's")
  func staticCollisions() throws {
    let site = try TestSite(Self.site)
    try site.write("Content/static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
    try site.build()
    #expect(try site.read("Site/robots.txt") == "User-agent: *\nDisallow: /drafts/\n")
    try site.write("Content/static/glossary/index.html", "mine")
    try site.write("Content/static/articles/first", "a file where a folder goes")
    #expect(
      site.buildErrors().map(\.description) == [
        "Content/static/articles/first: error: 'articles/first' is a file Gloss makes itself; rename or remove this static file",
        "Content/static/glossary/index.html: error: 'glossary/index.html' is a file Gloss makes itself; rename or remove this static file",
      ])
  }

  @Test(
    "serve and watch: a static file added, changed or removed is published; a new picture's size reaches the pages"
  )
  func rebuilds() throws {
    let site = try TestSite(
      Self.site.replacingOccurrences(
        of: "base_url: https://example.org/",
        with: "base_url: https://example.org/\nimage: card.png"),
      theme: nil)
    try site.copyFromRepository("Theme")
    try site.write("Content/static/card.png", bytes: Self.png(width: 1200, height: 630))
    #expect(site.rebuild().succeeded)
    try site.write("Content/static/notes/a.txt", "A")
    var outcome = site.rebuild("Content/static/notes/a.txt")
    #expect(outcome.written.map(\.path) == ["notes/a.txt"])
    try site.write("Content/static/card.png", bytes: Self.png(width: 1000, height: 500))
    outcome = site.rebuild("Content/static/card.png")
    #expect(outcome.written.map(\.path).contains("card.png"))
    let article = Self.meta(
      String(decoding: site.rebuiltFiles["articles/first/index.html"] ?? [], as: UTF8.self))
    #expect(article["og:image:width"] == "1000")
    try site.remove("Content/static/notes/a.txt")
    outcome = site.rebuild("Content/static/notes/a.txt")
    #expect(outcome.removed == ["notes/a.txt"])
  }

  @Test("og:locale is the site's language with a region, as Open Graph writes locales")
  func locales() {
    #expect(ShareCard.locale(language: "en") == "en_US")
    #expect(ShareCard.locale(language: "en-GB") == "en_GB")
    #expect(ShareCard.locale(language: "ur") == "ur_PK")
    #expect(ShareCard.locale(language: "zh-Hant") == "zh_TW")
    #expect(ShareCard.locale(language: "zh-Hans-SG") == "zh_SG")
    #expect(ShareCard.locale(language: "tlh") == "tlh")
  }

  @Test("picture sizes read from PNG, GIF, JPEG and WebP headers; anything else has none")
  func imageSizes() {
    #expect(ImageSize.of(Self.png(width: 1200, height: 630)) == ImageSize(width: 1200, height: 630))
    #expect(
      ImageSize.of(Array("GIF89a".utf8) + [0x2C, 0x01, 0x96, 0x00, 0, 0])
        == ImageSize(width: 300, height: 150))
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 630 and width 1200.
    let jpeg: [UInt8] =
      [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array(repeating: 0, count: 14)
      + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x76, 0x04, 0xB0, 0x03]
      + Array(repeating: 0, count: 12)
    #expect(ImageSize.of(jpeg) == ImageSize(width: 1200, height: 630))
    // VP8X: canvas width and height minus one, 24-bit little-endian.
    let webp: [UInt8] =
      Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
      + [0xAF, 0x04, 0x00, 0x75, 0x02, 0x00]
    #expect(ImageSize.of(webp) == ImageSize(width: 1200, height: 630))
    #expect(ImageSize.of(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == nil)
    #expect(ImageSize.of([0x89, 0x50]) == nil)
  }
}
