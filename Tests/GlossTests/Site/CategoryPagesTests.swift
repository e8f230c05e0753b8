import Foundation
import GlossTestSupport
import Testing

@testable import Gloss

@Suite("A large glossary: a page per category, and an index that stays under 300 KB")
struct CategoryPagesTests {
  /// A made-up two-word term for entry `number`, different for every number: "Bakori Tesun".
  static func term(_ number: Int) -> String {
    let syllables = ["ba", "ko", "ri", "te", "sun", "mal", "vo", "de", "lin", "gu", "pa", "zer"]
    func word(_ value: Int, _ length: Int) -> String {
      var value = value
      var word = ""
      for _ in 0..<length {
        word += syllables[value % syllables.count]
        value /= syllables.count
      }
      return word.prefix(1).uppercased() + word.dropFirst()
    }
    return "\(word(number, 3)) \(word(number / 7 + 5, 2))"
  }

  static func id(_ number: Int) -> String { "term-\(number)" }

  /// `counts` entries in each category, numbered on from 0 across categories; entries are
  /// summarised with their own number so that each summary can be found on its page.
  /// - Parameter articles: articles of 10 paragraphs, each naming 6 terms, so that the map
  ///   has many more links than it can draw.
  static func site(
    _ counts: KeyValuePairs<String, Int>, articles: Int = 1, summaryWords: Int = 12
  ) -> String {
    var text = """
      -- Content/site.yml --
      title: Big Glossary
      base_url: https://example.org/
      """
    var number = 0
    var total = 0
    for (category, count) in counts {
      for _ in 0..<count {
        let filler = Array(repeating: "Background", count: summaryWords).joined(separator: " ")
        text += """

          -- Content/glossary/\(id(number)).md --
          ---
          term: \(term(number))
          category: \(category)
          summary: Summary of entry \(number). \(filler).
          ---
          Body.
          """
        number += 1
      }
      total += count
    }
    for article in 0..<articles {
      let paragraphs = (0..<10).map { paragraph in
        (0..<6).map { slot in
          "We read of \(term((article * 61 + paragraph * 7 + slot * 13) % total))."
        }.joined(separator: " ")
      }
      text += """

        -- Content/articles/a\(article).md --
        ---
        title: Article \(article)
        date: 2024-01-01
        ---
        \(paragraphs.joined(separator: "\n\n"))
        """
    }
    return text
  }

  static func realTheme(_ site: TestSite) throws -> TestSite {
    try site.copyFromRepository("Theme")
    return site
  }

  @Test("past the threshold each category has a page, linked from the index and the sitemap")
  func categoryPages() throws {
    let site = try Self.realTheme(
      TestSite(Self.site(["person": 150, "place": 60]), theme: nil))
    #expect(SiteRoutes.categoryPagesThreshold < 210)
    try site.build()
    let index = try site.read("Site/glossary/index.html")
    #expect(index.contains(#"<a href="../categories/person/index.html">People</a>"#))
    #expect(index.contains(#"<a href="../categories/place/index.html">Places</a>"#))
    #expect(index.contains("150 entries") && index.contains("60 entries"))
    // The index no longer carries the summaries; every term is still in its A–Z list.
    #expect(!index.contains("Summary of entry"))
    for number in 0..<210 {
      #expect(
        index.contains(#"<a href="\#(Self.id(number))/index.html">\#(Self.term(number))</a>"#))
    }
    let people = try site.read("Site/categories/person/index.html")
    #expect(people.contains("<title>People · Glossary · Big Glossary</title>"))
    #expect(people.contains(#"<a href="../../glossary/index.html">Glossary</a>"#))
    #expect(people.contains(#""@type":"CollectionPage""#))
    for number in 0..<150 {
      #expect(
        people.contains(
          #"<a href="../../glossary/\#(Self.id(number))/index.html">\#(Self.term(number))</a>"#))
      #expect(people.contains("Summary of entry \(number). "))
    }
    #expect(!people.contains("Summary of entry 150. "))
    // Mention counts, as the index listed them.
    #expect(people.contains("Mentions: "))
    let places = try site.read("Site/categories/place/index.html")
    #expect(places.contains("Summary of entry 209. ") && !places.contains("Summary of entry 0. "))
    // An entry's breadcrumb leads to its category's page.
    let entry = try site.read("Site/glossary/term-3/index.html")
    #expect(entry.contains(#"<a href="../../categories/person/index.html">Person</a>"#))
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(sitemap.contains("<loc>https://example.org/categories/person/</loc>"))
    #expect(sitemap.contains("<loc>https://example.org/categories/place/</loc>"))
    // Categories without entries have no page.
    #expect(!site.exists("Site/categories/event"))
  }

  @Test("a category of more than 200 entries is split over pages, each listed in the sitemap")
  func pagedCategory() throws {
    let site = try TestSite(Self.site(["person": 450]), theme: TestSite.thoroughTheme)
    try site.build()
    #expect(site.exists("Site/categories/person/page/3/index.html"))
    #expect(!site.exists("Site/categories/person/page/4/index.html"))
    let first = try site.read("Site/categories/person/index.html")
    let second = try site.read("Site/categories/person/page/2/index.html")
    #expect(first.contains(" 1–200") && second.contains(" 201–400"))
    #expect(second.contains("<title>People · Page 2 · Glossary · Big Glossary</title>"))
    #expect(second.contains("2/3"))
    let listedOnSecond = (0..<450).filter { second.contains("Summary of entry \($0). ") }
    #expect(listedOnSecond.count == 200)
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(sitemap.contains("<loc>https://example.org/categories/person/page/2/</loc>"))
    #expect(sitemap.contains("<loc>https://example.org/categories/person/page/3/</loc>"))
  }

  @Test("a glossary at the threshold keeps one index with every summary and no category pages")
  func smallGlossary() throws {
    let size = SiteRoutes.categoryPagesThreshold
    let site = try Self.realTheme(
      TestSite(Self.site(["person": size - 20, "place": 20]), theme: nil))
    try site.build()
    #expect(!site.exists("Site/categories"))
    let index = try site.read("Site/glossary/index.html")
    #expect(!index.contains("categories/"))
    for number in 0..<size { #expect(index.contains("Summary of entry \(number). ")) }
    #expect(!(try site.read("Site/sitemap.xml")).contains("categories/"))
    let entry = try site.read("Site/glossary/term-3/index.html")
    #expect(entry.contains(#"<a href="../../glossary/index.html#cat-person">Person</a>"#))
  }

  @Test("the index of 1,000 entries with many mentions stays under 300 KB, the map bounded")
  func indexSize() throws {
    let site = try Self.realTheme(
      TestSite(
        Self.site(
          [
            "organization": 120, "alliance": 110, "policy": 110, "doctrine": 110, "event": 110,
            "concept": 110, "person": 110, "place": 110, "document": 110,
          ],
          articles: 30, summaryWords: 30),
        theme: nil))
    try site.build()
    let index = try site.read("Site/glossary/index.html")
    #expect(index.utf8.count < 300 * 1024)
    for number in stride(from: 0, to: 1000, by: 37) { #expect(index.contains(Self.term(number))) }
    let limits = ConceptMap.largeGlossaryLimits
    #expect(
      index.contains(
        "The \(limits.maxNodes) most connected of the 1000 terms, grouped by category, each with its \(limits.linksPerNode) strongest links"
      ))
    for (path, bytes) in site.snapshot() where path.hasSuffix(".html") {
      #expect(bytes.count < 300 * 1024, "\(path)")
    }
  }

  @Test("watch: an entry's edited summary rewrites its category's page, not the others")
  func rebuild() throws {
    let site = try TestSite(Self.site(["person": 150, "place": 60]), theme: TestSite.thoroughTheme)
    #expect(site.rebuild().succeeded)
    try site.edit(
      "Content/glossary/term-3.md", replacing: "Summary of entry 3.", with: "A new summary of 3.")
    let outcome = site.rebuild("Content/glossary/term-3.md")
    let written = Set(outcome.written.map(\.path))
    #expect(written.contains("categories/person/index.html"))
    #expect(!written.contains("categories/place/index.html"))
    let page = String(
      decoding: site.rebuiltFiles["categories/person/index.html"] ?? [], as: UTF8.self)
    #expect(page.contains("A new summary of 3.") && !page.contains("Summary of entry 3."))
  }

  @Test(
    "watch: the entry that crosses the threshold brings the category pages; removing it takes them away"
  )
  func crossingTheThreshold() throws {
    let size = SiteRoutes.categoryPagesThreshold
    let site = try TestSite(Self.site(["person": size - 10, "place": 10]))
    #expect(site.rebuild().succeeded)
    #expect(site.rebuiltFiles["categories/person/index.html"] == nil)
    try site.write(
      "Content/glossary/extra.md",
      "---\nterm: Extra Entry\ncategory: place\nsummary: One too many.\n---\nBody.\n")
    let grown = site.rebuild("Content/glossary/extra.md")
    let written = Set(grown.written.map(\.path))
    #expect(
      written.isSuperset(of: ["categories/person/index.html", "categories/place/index.html"]))
    #expect(written.contains("glossary/index.html") && written.contains("sitemap.xml"))
    let places = String(
      decoding: site.rebuiltFiles["categories/place/index.html"] ?? [], as: UTF8.self)
    #expect(places.contains("One too many."))
    try site.remove("Content/glossary/extra.md")
    let shrunk = site.rebuild("Content/glossary/extra.md")
    #expect(
      shrunk.removed.filter { $0.hasPrefix("categories/") } == [
        "categories/person/index.html", "categories/place/index.html",
      ])
  }
}
