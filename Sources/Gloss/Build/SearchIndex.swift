import Foundation

/// A JSON value with a fixed way to print it: object keys sorted by their UTF-8 bytes, no
/// whitespace, and every string escaped so that the text is also safe inside an HTML
/// `<script>` element and in older JavaScript parsers. Same value, same bytes, on every platform
/// (Foundation's encoders promise neither key order nor escaping).
indirect enum JSONValue: Sendable, Hashable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])

  var text: String {
    var output = ""
    write(to: &output)
    return output
  }

  func write(to output: inout String) {
    switch self {
    case .string(let string): Self.writeString(string, to: &output)
    case .int(let number): output += String(number)
    case .bool(let flag): output += flag ? "true" : "false"
    case .array(let items):
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += "," }
        item.write(to: &output)
      }
      output += "]"
    case .object(let members):
      output += "{"
      for (index, key) in members.keys.sorted(by: {
        Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
      })
      .enumerated() {
        if index > 0 { output += "," }
        Self.writeString(key, to: &output)
        output += ":"
        members[key]?.write(to: &output)
      }
      output += "}"
    }
  }

  static func writeString(_ string: String, to output: inout String) {
    output += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      // `</script>` or `<!--` inside a string must not end or confuse an enclosing script element.
      case "<": output += "\\u003c"
      case ">": output += "\\u003e"
      case "&": output += "\\u0026"
      // Line and paragraph separators end a line in pre-2019 JavaScript.
      case "\u{2028}": output += "\\u2028"
      case "\u{2029}": output += "\\u2029"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}

/// The data behind the search box and the nested term previews: every article (title, summary,
/// numbered paragraphs) and every glossary entry (term, aliases, category, summary), with URLs
/// relative to the site root. Written twice by the build: `search.json` for tools and servers,
/// and `search-index.js`, which a `<script>` element can load where `fetch` cannot (`file://`).
enum SearchIndex {
  static let jsonPath = "search.json"
  static let scriptPath = "search-index.js"
  /// The global `search-index.js` assigns; gloss.js reads it.
  static let globalName = "GLOSS_SEARCH_INDEX"
  static let version = 1

  static func value(content: Content, rendered: [RenderedArticle]) -> JSONValue {
    let articles = rendered.map { article -> JSONValue in
      var members: [String: JSONValue] = [
        "slug": .string(article.article.slug),
        "title": .string(article.article.title),
        "url": .string("articles/\(article.article.slug)/index.html"),
        "paragraphs": .array(
          article.markdown.paragraphs.compactMap { paragraph in
            guard let number = paragraph.number else { return nil }
            return .object(["n": .int(number), "text": .string(paragraph.text)])
          }),
      ]
      if let summary = article.article.summary { members["summary"] = .string(summary) }
      if let byline = article.article.byline { members["byline"] = .string(byline) }
      return .object(members)
    }
    let entries = content.glossary.sorted { $0.id < $1.id }.map { entry -> JSONValue in
      .object([
        "id": .string(entry.id),
        "term": .string(entry.term),
        "aliases": .array(entry.aliases.map { .string($0) }),
        "category": .string(entry.category.rawValue),
        "category_label": .string(entry.category.label),
        "summary": .string(entry.summary),
        "url": .string("glossary/\(entry.id)/index.html"),
        "match_case": .bool(entry.matchCase),
      ])
    }
    return .object([
      "version": .int(version), "articles": .array(articles), "entries": .array(entries),
    ])
  }

  static func files(content: Content, rendered: [RenderedArticle]) -> [OutputFile] {
    let json = value(content: content, rendered: rendered).text
    return [
      OutputFile(path: jsonPath, text: json + "\n"),
      OutputFile(path: scriptPath, text: "window.\(globalName) = \(json);\n"),
    ]
  }
}
