import Foundation

/// The data behind the search box and the nested term previews: every article (title, summary,
/// numbered paragraphs) and every glossary entry (term, aliases, category, summary), with URLs
/// relative to the site root. Written twice by the build: `search.json` for tools and servers,
/// and `search-index.js`, which a `<script>` element can load where `fetch` cannot (`file://`).
enum SearchIndex {
  static let jsonPath = Route.searchData.path
  static let scriptPath = Route.searchScript.path
  /// The global `search-index.js` assigns; gloss.js reads it.
  static let globalName = "GLOSS_SEARCH_INDEX"
  static let version = 1

  /// One article's part of the index, as JSON text: the index of a large site is mostly
  /// these, so they are made concurrently, and a rebuild makes only the edited article's.
  static func articleJSON(_ article: RenderedArticle) -> String {
    var members: [String: JSONValue] = [
      "slug": .string(article.article.slug),
      "title": .string(article.article.title),
      "url": .string(Route.article(slug: article.article.slug).path),
      "paragraphs": .array(
        article.markdown.paragraphs.compactMap { paragraph in
          guard let number = paragraph.number else { return nil }
          return .object(["n": .int(number), "text": .string(paragraph.text)])
        }),
    ]
    if let summary = article.article.summary { members["summary"] = .string(summary) }
    if let byline = article.article.byline { members["byline"] = .string(byline) }
    return JSONValue.object(members).text
  }

  /// - Parameter articles: `articleJSON` of each article, in site order.
  /// Everything but the articles: `{"entries":[…],"version":1}`, the members that sort after
  /// "articles".
  static func glossaryMembers(_ content: Content) -> JSONValue {
    let entries = content.glossary.sorted { $0.id < $1.id }.map { entry -> JSONValue in
      .object([
        "id": .string(entry.id),
        "term": .string(entry.term),
        "aliases": .array(entry.aliases.map { .string($0) }),
        "category": .string(entry.category.key),
        "category_label": .string(entry.category.label),
        "summary": .string(entry.summary),
        "url": .string(Route.entry(id: entry.id).path),
        "match_case": .bool(entry.matchCase),
      ])
    }
    return .object(["version": .int(version), "entries": .array(entries)])
  }

  /// The index is `{"articles":[…],"entries":[…],"version":1}` (members sorted, as
  /// `JSONValue` writes them), assembled as bytes once: at 10,000 articles it is 60 MB, and
  /// every intermediate String (the JSON, each file's text, its bytes) was a copy of it all.
  static func files(content: Content, articles: [String]) -> [OutputFile] {
    let rest = glossaryMembers(content).text.utf8.dropFirst()  // without its "{"
    var json: [UInt8] = []
    json.reserveCapacity(
      articles.reduce(rest.count + articles.count + 16) { $0 + $1.utf8.count })
    json += #"{"articles":["#.utf8
    for (index, article) in articles.enumerated() {
      if index > 0 { json.append(UInt8(ascii: ",")) }
      json += article.utf8
    }
    json += "],".utf8
    json += rest
    var script = Array("window.\(globalName) = ".utf8)
    script.reserveCapacity(script.count + json.count + 2)
    script += json
    script += ";\n".utf8
    json.append(0x0A)
    return [OutputFile(path: jsonPath, bytes: json), OutputFile(path: scriptPath, bytes: script)]
  }

}
