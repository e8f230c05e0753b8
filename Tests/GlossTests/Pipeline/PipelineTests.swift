import Foundation
import Testing

@testable import Gloss

@Suite("Building a site from Content/ and Theme/")
struct PipelineTests {
  @Test(
    "an article links glossary terms to entry pages, and entry pages link back to the paragraph")
  func termsLinkBothWays() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/note.md --
        ---
        title: A note
        ---
        The Quad met again.

        Later the QUAD and AUKUS met.
        """ + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS"))
    try site.build()

    let article = try site.read("Site/articles/note/index.html")
    #expect(
      article.contains(#"<p id="p-1">The <a class="term" href="../../glossary/quad/index.html""#))
    #expect(article.contains(#"aria-describedby="tip-aukus">AUKUS</a>"#))
    // first-in-article: the second "QUAD" is a mention but not a link.
    #expect(article.contains("Later the QUAD and"))
    let quad = try site.read("Site/glossary/quad/index.html")
    #expect(
      quad.contains(
        #"<a href="../../articles/note/index.html#p-1">The <mark>Quad</mark> met again.</a>"#))
    #expect(quad.contains(#"<a href="../../articles/note/index.html#p-2">"#))
    #expect(quad.contains("the <mark>QUAD</mark> and AUKUS"))
  }

  @Test("the output has the contract's layout")
  func layout() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/first.md --
        ---
        title: First
        date: 2024-06-01
        ---
        Text about Quad.
        """ + entry("quad", term: "Quad"))
    try site.build()
    for path in [
      "Site/index.html", "Site/articles/first/index.html", "Site/glossary/index.html",
      "Site/glossary/quad/index.html", "Site/404.html", "Site/sitemap.xml", "Site/feed.xml",
      "Site/assets/style.css",
    ] {
      #expect(site.exists(path), "\(path) missing")
    }
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(sitemap.contains("<loc>https://example.org/articles/first/</loc>"))
    #expect(sitemap.contains("<loc>https://example.org/glossary/quad/</loc>"))
    let feed = try site.read("Site/feed.xml")
    #expect(feed.contains("<updated>2024-06-01T00:00:00Z</updated>"))
    #expect(feed.contains("<id>https://example.org/articles/first/</id>"))
    // Relative links everywhere inside the site: the home page links the article without a host.
    let home = try site.read("Site/index.html")
    #expect(home.contains(#"<a href="articles/first/index.html">First</a>"#))
  }

  @Test("the feed holds the 20 newest articles, newest first")
  func feedLimit() throws {
    var files = minimalSite
    for day in 1...22 {
      let date = String(format: "2024-06-%02d", day)
      files += """

        -- Content/articles/day-\(day).md --
        ---
        title: Day \(day)
        date: \(date)
        ---
        Text of day \(day).
        """
    }
    let site = try TestSite(files)
    try site.build()
    let feed = try site.read("Site/feed.xml")
    let ids = feed.components(separatedBy: "<id>https://example.org/articles/").dropFirst()
      .map { $0.prefix(while: { $0 != "/" }) }
    #expect(ids.count == Feed.entryLimit)
    #expect(ids.first == "day-22")
    #expect(ids.last == "day-3")
    #expect(feed.contains("<updated>2024-06-22T00:00:00Z</updated>"))
    // The home page's pages still list every article: the oldest two are on page 2.
    #expect(try site.read("Site/page/2/index.html").contains("Day 1<"))
  }

  @Test("a plain-text article is imported: title, byline and author note are not paragraphs")
  func plainTextArticle() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/op-ed.txt --
        Big Title

        A. Writer

        First paragraph mentions the Quad, with *stars* and [brackets].
        Second paragraph.

        The writer is a columnist.
        """ + entry("quad", term: "Quad"))
    try site.build()
    let article = try site.read("Site/articles/op-ed/index.html")
    #expect(article.contains("<h1>Big Title</h1>"))
    #expect(article.contains("with *stars* and [brackets].</p>"))
    #expect(article.contains(#"<p id="p-2">Second paragraph.</p>"#))
    #expect(!article.contains("<p id=\"p-3\">"))
  }

  @Test("two builds of the same input give the same bytes")
  func deterministic() throws {
    var files = minimalSite + "\n"
    for index in 1...12 {
      files += """
        -- Content/articles/a\(index).md --
        ---
        title: Article \(index)
        date: 2024-01-\(String(format: "%02d", index))
        ---
        Alpha beta gamma \(index) with Quad and AUKUS and NATO.

        """
    }
    files +=
      entry("quad", term: "Quad") + entry("aukus", term: "AUKUS") + entry("nato", term: "NATO")
    let site = try TestSite(files)
    try site.build()
    let first = site.snapshot()
    try site.build()
    #expect(site.snapshot() == first)
    #expect(first.count > 15)
  }

  @Test("the summary line counts articles, entries and pages")
  func summaryLine() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/one.md --
        ---
        title: One
        ---
        Quad.
        """ + entry("quad", term: "Quad"))
    let report = try site.build()
    #expect(report.summary.hasPrefix("built 1 article, 1 glossary entry: 5 pages written in "))
  }
}

@Suite("The first edition")
struct FirstEditionTests {
  static let repository = Repository.root

  @Test("the committed article is the seed, byte for byte")
  func seedUnchanged() throws {
    let seed = Self.repository.appendingPathComponent("Tests/Fixtures/seed/sino-russian-nexus.txt")
    let committed = Self.repository.appendingPathComponent(
      "Content/articles/sino-russian-nexus.txt")
    #expect(try Data(contentsOf: seed) == Data(contentsOf: committed))
    // Where the handed-over original is at hand, the fixture must be it.
    let original = Self.repository.appendingPathComponent("../shared/seeds/sino-russian-nexus.txt")
    if FileManager.default.fileExists(atPath: original.path) {
      #expect(try Data(contentsOf: original) == Data(contentsOf: seed))
    }
  }

  @Test("every paragraph of the seed appears unchanged in the article page's text")
  func seedParagraphsInPage() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-edition-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    try Builder(
      paths: BuildPaths(
        content: "Content", theme: "Theme", output: output.path, relativeTo: Self.repository)
    ).build()
    let html = try String(
      contentsOf: output.appendingPathComponent("articles/sino-russian-nexus/index.html"),
      encoding: .utf8)
    let pageText = HTMLText.visibleText(html)
    let seed = try String(
      contentsOf: Self.repository.appendingPathComponent("Content/articles/sino-russian-nexus.txt"),
      encoding: .utf8)
    let lines = seed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
    #expect(lines.count == 13)
    for line in lines {
      #expect(pageText.contains(line), "missing: \(line.prefix(60))…")
    }
    for term in ["quad", "aukus", "one-china-policy"] {
      #expect(html.contains("href=\"../../glossary/\(term)/index.html\""), "no link to \(term)")
      let entryPage = try String(
        contentsOf: output.appendingPathComponent("glossary/\(term)/index.html"), encoding: .utf8)
      #expect(
        entryPage.contains("../../articles/sino-russian-nexus/index.html#p-"),
        "\(term) does not link back")
    }
  }
}

/// The text a reader sees in an HTML page: tags removed, entities decoded, whitespace folded.
enum HTMLText {
  static func visibleText(_ html: String) -> String {
    var text = html
    for hidden in ["script", "style", "template"] {
      while let start = text.range(of: "<\(hidden)"),
        let end = text.range(of: "</\(hidden)>", range: start.upperBound..<text.endIndex)
      {
        text.removeSubrange(start.lowerBound..<end.upperBound)
      }
    }
    var result = ""
    var inTag = false
    for character in text {
      if character == "<" {
        inTag = true
      } else if character == ">" {
        inTag = false
      } else if !inTag {
        result.append(character)
      }
    }
    return decodeEntities(result).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  static func decodeEntities(_ text: String) -> String {
    var result = ""
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "&", let semicolon = text[index...].firstIndex(of: ";"),
        text.distance(from: index, to: semicolon) <= 10
      {
        let name = String(text[text.index(after: index)..<semicolon])
        var replacement: String?
        switch name {
        case "amp": replacement = "&"
        case "lt": replacement = "<"
        case "gt": replacement = ">"
        case "quot": replacement = "\""
        case "apos": replacement = "'"
        default:
          if name.hasPrefix("#x") || name.hasPrefix("#X"),
            let value = UInt32(name.dropFirst(2), radix: 16),
            let scalar = Unicode.Scalar(value)
          {
            replacement = String(Character(scalar))
          } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()),
            let scalar = Unicode.Scalar(value)
          {
            replacement = String(Character(scalar))
          }
        }
        if let replacement {
          result += replacement
          index = text.index(after: semicolon)
          continue
        }
      }
      result.append(text[index])
      index = text.index(after: index)
    }
    return result
  }
}
