import Foundation
import Testing

@testable import Gloss

@Suite("Structured data: JSON-LD from schema.org's vocabulary, safe in a script element")
struct StructuredDataTests {
  /// The schema.org properties each type used here may carry (schema.org/Article, /DefinedTerm,
  /// /DefinedTermSet, /BreadcrumbList, /ListItem, /WebSite, /Person, /Organization): a
  /// misspelt or invented property fails the test.
  static let vocabulary: [String: Set<String>] = [
    "WebSite": ["name", "url", "description", "inLanguage"],
    "Article": [
      "headline", "url", "mainEntityOfPage", "inLanguage", "publisher", "author",
      "datePublished", "description", "image",
    ],
    "Person": ["name"],
    "Organization": ["name", "url"],
    "DefinedTerm": ["name", "description", "url", "inDefinedTermSet", "alternateName"],
    "DefinedTermSet": ["name", "url"],
    "BreadcrumbList": ["itemListElement"],
    "ListItem": ["position", "name", "item"],
  ]

  static let hostileTitle = "A </script><script>alert(1)</script> & <!-- title"

  static let site =
    minimalSite + entry("quad", term: "Quad", aliases: ["QUAD"]) + """

      -- Content/articles/a.md --
      ---
      title: "\(hostileTitle)"
      byline: Jane Doe
      date: 2024-06-01
      summary: About the Quad.
      ---
      The Quad met.
      """

  static let theme = TestSite.minimalTheme.merging([
    "Theme/templates/partials/head.mustache":
      "<title>{{page_title}}</title>{{#json_ld}}<script type=\"application/ld+json\">{{{json_ld}}}</script>{{/json_ld}}",
    // The theme's share card is the article's picture when the site names none.
    "Theme/assets/share-card.png": "a picture",
  ]) { _, new in new }

  /// The JSON-LD of a page, parsed; nil when the page has none.
  static func jsonLD(_ html: String) throws -> [String: Any]? {
    guard let start = html.range(of: "<script type=\"application/ld+json\">") else { return nil }
    let rest = html[start.upperBound...]
    let end = try #require(rest.range(of: "</script>"))
    let data = Data(rest[..<end.lowerBound].utf8)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Every object in a JSON-LD graph, with each property checked against the vocabulary.
  static func checkVocabulary(_ value: Any, types: inout [String]) {
    if let list = value as? [Any] {
      for item in list { checkVocabulary(item, types: &types) }
    } else if let object = value as? [String: Any] {
      if let type = object["@type"] as? String {
        types.append(type)
        let allowed = vocabulary[type] ?? []
        #expect(!allowed.isEmpty, "type \(type) is not one the test knows")
        for key in object.keys where !key.hasPrefix("@") {
          #expect(allowed.contains(key), "\(type) has no property '\(key)' in schema.org")
        }
      }
      for (_, member) in object { checkVocabulary(member, types: &types) }
    }
  }

  @Test("each page kind says what it is, in schema.org's words, with breadcrumbs below home")
  func pages() throws {
    let site = try TestSite(Self.site, theme: Self.theme)
    try site.build()
    let expected: [String: [String]] = [
      "Site/index.html": ["WebSite"],
      "Site/articles/a/index.html": [
        "Article", "BreadcrumbList", "ListItem", "ListItem", "Organization", "Person",
      ],
      "Site/glossary/index.html": ["BreadcrumbList", "DefinedTermSet", "ListItem", "ListItem"],
      "Site/glossary/quad/index.html": [
        "BreadcrumbList", "DefinedTerm", "DefinedTermSet", "ListItem", "ListItem", "ListItem",
      ],
    ]
    for (path, types) in expected {
      let document = try #require(try Self.jsonLD(try site.read(path)), "\(path) has no JSON-LD")
      #expect(document["@context"] as? String == "https://schema.org")
      var found: [String] = []
      Self.checkVocabulary(document["@graph"] ?? [], types: &found)
      #expect(found.sorted() == types, "\(path)")
    }
    #expect(try Self.jsonLD(try site.read("Site/404.html")) == nil)
  }

  @Test("content cannot end the script element: the JSON-LD parses back to the text as written")
  func escaping() throws {
    let site = try TestSite(Self.site, theme: Self.theme)
    try site.build()
    let html = try site.read("Site/articles/a/index.html")
    // One script element only: the title's `</script>` is escaped inside it.
    #expect(html.components(separatedBy: "</script>").count == 2)
    let document = try #require(try Self.jsonLD(html))
    let graph = try #require(document["@graph"] as? [[String: Any]])
    let article = try #require(graph.first { $0["@type"] as? String == "Article" })
    #expect(article["headline"] as? String == Self.hostileTitle)
    #expect(article["datePublished"] as? String == "2024-06-01")
    #expect((article["author"] as? [String: Any])?["name"] as? String == "Jane Doe")
    #expect(article["image"] as? String == "https://example.org/assets/share-card.png")
    let entry = try #require(
      try Self.jsonLD(try site.read("Site/glossary/quad/index.html"))?["@graph"] as? [[String: Any]]
    )
    #expect(entry.first?["alternateName"] as? [String] == ["QUAD"])
  }
}
