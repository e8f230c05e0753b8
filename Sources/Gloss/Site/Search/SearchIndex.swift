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
  static func documentFile(number: Int, _ document: SearchDocument) -> OutputFile {
    script(.searchDocument(number), call: "document", "\(number), " + document.json)
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
      members["category"] = .string(entry.category.rawValue)
      members["match_case"] = .bool(entry.matchCase)
    }
    return .object(members)
  }

  private static func script(_ route: Route, call: String, _ arguments: String) -> OutputFile {
    OutputFile(
      route: route, bytes: Array("window.\(globalName).\(call)(\(arguments));\n".utf8))
  }

  // MARK: - Postings and word lists

  /// Every postings file and word-list file.
  /// - Parameter documents: each article's search data, by number (oldest first).
  static func shardFiles(
    documents: [SearchDocument], glossary: [GlossaryEntry], layout: SearchLayout
  ) -> [OutputFile] {
    let mask = UInt32(layout.termShards - 1)
    // The entries under each of the terms of their names.
    var entriesByTerm: [String: [JSONValue]] = [:]
    for entry in glossary.sorted(by: { $0.id < $1.id }) {
      let terms = Set(([entry.term] + entry.aliases).flatMap(SearchText.terms))
      let value = Self.entry(for: entry, full: false)
      for term in terms { entriesByTerm[term, default: []].append(value) }
    }
    // Postings gathered per group of shards, the groups on both cores: each group reads every
    // article's postings but hashes and stores only its own.
    let groups = min(layout.termShards, 16)
    let grouped = ConcurrentMap.map(Array(0..<groups)) { group -> [Int: [String: [Int]]] in
      var shards: [Int: [String: [Int]]] = [:]
      for (number, document) in documents.enumerated() {
        for posting in document.postings {
          let shard = Int(posting.hash & mask)
          guard shard % groups == group else { continue }
          shards[shard, default: [:]][posting.term, default: []] += [number, posting.weight]
        }
      }
      return shards
    }
    var postings: [Int: [String: [Int]]] = [:]
    for group in grouped { postings.merge(group) { first, _ in first } }
    var entryShards: [Int: [String: [JSONValue]]] = [:]
    for (term, entries) in entriesByTerm {
      entryShards[SearchText.termShard(term, count: layout.termShards), default: [:]][term] =
        entries
    }

    var files = ConcurrentMap.map(Array(0..<layout.termShards)) { shard in
      termFile(
        shard: shard, postings: postings[shard] ?? [:], entries: entryShards[shard] ?? [:])
    }
    // The word list: each term with the number of articles and entries that have it.
    var words = [[String: Int]](repeating: [:], count: layout.wordShards)
    for shard in postings.values {
      for (term, list) in shard {
        words[SearchText.wordShard(term, count: layout.wordShards)][term] = list.count / 2
      }
    }
    for (term, entries) in entriesByTerm {
      words[SearchText.wordShard(term, count: layout.wordShards)][term, default: 0] +=
        entries.count
    }
    for (shard, list) in words.enumerated() {
      var text = "\(shard), {"
      for (index, term) in list.keys.sorted(by: utf8Order).enumerated() {
        if index > 0 { text += "," }
        JSONValue.writeString(term, to: &text)
        text += ":\(list[term]!)"
      }
      files.append(script(.searchWords(shard), call: "words", text + "}"))
    }
    return files
  }

  /// `search/t/<n>.js`: `{"entries":{term:[entry…]},"postings":{term:[article, weight, …]}}`,
  /// article numbers after the first given as the difference from the one before.
  private static func termFile(
    shard: Int, postings: [String: [Int]], entries: [String: [JSONValue]]
  ) -> OutputFile {
    var text = "\(shard), {\"entries\":"
    text += JSONValue.object(entries.mapValues { .array($0) }).text
    text += ",\"postings\":{"
    for (index, term) in postings.keys.sorted(by: utf8Order).enumerated() {
      if index > 0 { text += "," }
      JSONValue.writeString(term, to: &text)
      text += ":["
      let list = postings[term]!
      var previous = 0
      var pair = 0
      while pair < list.count {
        if pair > 0 { text += "," }
        text += String(list[pair] - previous)
        text += ","
        text += String(list[pair + 1])
        previous = list[pair]
        pair += 2
      }
      text += "]"
    }
    text += "}}"
    return script(.searchTerms(shard), call: "terms", text)
  }

  private static func utf8Order(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }
}
