import Foundation

/// The files behind the search box and the nested term previews, cut so that a query reads
/// only what it needs (like Pagefind): a small manifest; postings files (term → articles with
/// a weight, and the glossary entries whose term or alias has the term); word-list files for
/// prefixes; one fragment per article (title, URL, summary, paragraphs) read only for the top
/// results; and the glossary entries, read whole only by the nested previews.
///
/// Every file is a script calling `window.glossSearch.<kind>(…)`, which gloss.js defines: a
/// `<script>` element loads it over HTTP and from `file://` alike (where `fetch` cannot), so
/// one copy serves both. JSON members are sorted and numbers plain: same input, same bytes.
enum SearchIndex {
  /// The global gloss.js defines and every index file calls.
  static let globalName = "glossSearch"
  static let version = 2

  /// `search/index.js`: the layout gloss.js needs to name every other file.
  static func manifestFile(_ layout: SearchLayout) -> OutputFile {
    let members: [String: JSONValue] = [
      "version": .int(version), "documents": .int(layout.documents),
      "terms": .int(layout.termShards), "words": .int(layout.wordShards),
    ]
    return script(.searchManifest, call: "manifest", JSONValue.object(members).text)
  }

  /// `search/entries.js`: every entry (`entries(_:full: true)`), for the nested previews.
  static func entriesFile(_ entries: [JSONValue]) -> OutputFile {
    script(.searchEntries, call: "entries", JSONValue.array(entries).text)
  }

  /// Every entry, sorted by id: in full for the previews, or as a search result shows it.
  static func entries(_ glossary: [GlossaryEntry], full: Bool) -> [JSONValue] {
    glossary.sorted { $0.id < $1.id }.map { entry(for: $0, full: full) }
  }

  /// `search/d/<n>.js`: article `number`'s fragment.
  static func documentFile(number: Int, _ article: RenderedArticle) -> OutputFile {
    script(.searchDocument(number), call: "document", "\(number), " + SearchDocument.json(article))
  }

  static func entry(for entry: GlossaryEntry, full: Bool) -> JSONValue {
    var members: [String: JSONValue] = [
      "id": .string(entry.id),
      "term": .string(entry.term),
      "aliases": .array(entry.aliases.map { .string($0) }),
      "category_label": .string(entry.category.label),
      "summary": .string(entry.summary),
      "url": .string(Route.entry(id: entry.id).path),
    ]
    if full {
      members["category"] = .string(entry.category.key)
      members["match_case"] = .bool(entry.matchCase)
    }
    return .object(members)
  }

  private static func script(_ route: Route, call: String, _ arguments: String) -> OutputFile {
    OutputFile(
      route: route, bytes: Array("window.\(globalName).\(call)(\(arguments));\n".utf8))
  }

  // MARK: - Postings and word lists

  /// A term's postings: [article, weight, article, weight, …] by article number, 32 bits each
  /// (at 10,000 articles, some 4 million pairs: half the memory of `Int`s).
  typealias PostingList = [UInt32]

  /// `search/t/<n>.js`: `{"entries":{term:[entry…]},"postings":{term:[article, weight, …]}}`,
  /// article numbers after the first given as the difference from the one before.
  static func termFile(
    shard: Int, postings: [String: PostingList], entries: [String: [JSONValue]]
  ) -> OutputFile {
    var fragments: [String: String]? = nil
    return termFile(
      shard: shard, postings: postings, entries: entries,
      terms: postings.keys.sorted(by: utf8Order), fragments: &fragments)
  }

  /// The same file, from its terms in order and each term's part as an earlier run wrote it
  /// (`fragments`, when kept): only the parts missing from it are written, and kept. A rebuild
  /// after one article's edit touches a few hundred terms of a file's thousands.
  static func termFile(
    shard: Int, postings: [String: PostingList], entries: [String: [JSONValue]], terms: [String],
    fragments: inout [String: String]?
  ) -> OutputFile {
    var text = "\(shard), {\"entries\":"
    text += JSONValue.object(entries.mapValues { .array($0) }).text
    text += ",\"postings\":{"
    for (index, term) in terms.enumerated() {
      if index > 0 { text += "," }
      if let fragment = fragments?[term] {
        text += fragment
        continue
      }
      let fragment = postingsFragment(term, postings[term]!)
      fragments?[term] = fragment
      text += fragment
    }
    text += "}}"
    return script(.searchTerms(shard), call: "terms", text)
  }

  /// `"term":[article, weight, …]`, article numbers after the first as differences.
  private static func postingsFragment(_ term: String, _ list: PostingList) -> String {
    var text = ""
    JSONValue.writeString(term, to: &text)
    text += ":["
    var previous = 0
    var pair = 0
    while pair < list.count {
      if pair > 0 { text += "," }
      text += String(Int(list[pair]) - previous)
      text += ","
      text += String(list[pair + 1])
      previous = Int(list[pair])
      pair += 2
    }
    text += "]"
    return text
  }

  /// `search/w/<n>.js`: `{term: articles and entries that have it}`.
  static func wordFile(shard: Int, words: [String: Int]) -> OutputFile {
    var text = "\(shard), {"
    for (index, term) in words.keys.sorted(by: utf8Order).enumerated() {
      if index > 0 { text += "," }
      JSONValue.writeString(term, to: &text)
      text += ":\(words[term]!)"
    }
    return script(.searchWords(shard), call: "words", text + "}")
  }

  static func utf8Order(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}
