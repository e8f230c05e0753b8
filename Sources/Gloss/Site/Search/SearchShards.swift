import Foundation

/// The postings and word-list files of the search index, kept between rebuilds. A first build
/// gathers every article's postings (at 10,000 articles, some 4 million); a rebuild after an
/// edit patches in only the articles whose render changed (and any new ones), and makes again
/// only the files whose postings, entries or word counts they touched.
///
/// Not thread-safe: the pipeline calls it once per run.
final class SearchShards: @unchecked Sendable {
  private struct State {
    var layout: SearchLayout
    var versions: [Int]
    var documents: [SearchDocument]
    /// By postings file: term → the entries with the term in their names.
    var entries: [[String: [JSONValue]]]
    /// By postings file: term → [article, weight, article, weight, …], by article number.
    var postings: [[String: SearchIndex.PostingList]]
    /// By word-list file: term → how many articles and entries have it.
    var words: [[String: Int]]
    var files: [String: OutputFile]
    /// By postings file, once a rebuild has patched it: its terms in order, and each term's
    /// part of the file as last written. Empty until then.
    var terms: [[String]?]
    var fragments: [[String: String]]
  }

  private var state: State?

  /// More changed articles than this, and gathering everything again is as quick.
  static func patchLimit(documents: Int) -> Int { max(64, documents / 8) }

  /// Every postings and word-list file, by path.
  /// - Parameters:
  ///   - documents: each article's search data, by number (oldest first).
  ///   - versions: each article's render version, by number: what tells a changed article.
  /// - Parameter retain: whether a rebuild will follow (serve, watch); a one-shot build keeps
  ///   nothing, which is most of the memory the index takes.
  func files(
    documents: [SearchDocument], versions: [Int], glossary: [GlossaryEntry], layout: SearchLayout,
    retain: Bool = true
  ) -> [String: OutputFile] {
    defer { if !retain { state = nil } }
    let entries = Self.entriesByShard(glossary, layout: layout)
    guard var state, state.layout == layout, versions.count >= state.versions.count else {
      return rebuildAll(documents, versions, entries, layout)
    }
    let changed = versions.indices.filter {
      $0 >= state.versions.count || versions[$0] != state.versions[$0]
    }
    guard changed.count <= Self.patchLimit(documents: versions.count) else {
      return rebuildAll(documents, versions, entries, layout)
    }
    self.state = nil  // patched in place below; kept again once consistent
    let mask = UInt32(layout.termShards - 1)
    var touchedShards = Set<Int>()
    var touchedTerms = Set<String>()
    // Postings files that gained or lost a term.
    var reshaped = Set<Int>()
    for number in changed {
      // Only the terms that came, went or changed weight: an edit changes a few words of an
      // article's hundreds, and a common word's postings are as long as the site.
      let (removed, weighed) = Self.difference(
        from: number < state.documents.count ? state.documents[number].postings : [],
        to: documents[number].postings)
      for posting in removed {
        let shard = Int(posting.hash & mask)
        if Self.remove(number, from: &state.postings[shard], term: posting.term) {
          reshaped.insert(shard)
        }
        touchedShards.insert(shard)
        touchedTerms.insert(posting.term)
      }
      for posting in weighed {
        let shard = Int(posting.hash & mask)
        if Self.set(
          number, weight: posting.weight, in: &state.postings[shard], term: posting.term)
        {
          reshaped.insert(shard)
        }
        touchedShards.insert(shard)
        touchedTerms.insert(posting.term)
      }
    }
    for shard in entries.indices where entries[shard] != state.entries[shard] {
      touchedShards.insert(shard)
      touchedTerms.formUnion(entries[shard].keys)
      touchedTerms.formUnion(state.entries[shard].keys)
    }
    state.entries = entries
    var touchedWordShards = Set<Int>()
    for term in touchedTerms {
      let shard = Int(SearchText.hash(utf8: term.utf8) & mask)
      let count =
        (state.postings[shard][term]?.count ?? 0) / 2 + (entries[shard][term]?.count ?? 0)
      let wordShard = SearchText.wordShard(term, count: layout.wordShards)
      state.words[wordShard][term] = count > 0 ? count : nil
      touchedWordShards.insert(wordShard)
    }
    for shard in touchedShards {
      // The terms in order, sorted again only when the file gained or lost one.
      if reshaped.contains(shard) || state.terms[shard] == nil {
        state.terms[shard] = state.postings[shard].keys.sorted(by: SearchIndex.utf8Order)
      }
      // Only the touched terms' parts are written again (every part, the first time).
      var fragments: [String: String]? = state.fragments[shard]
      state.fragments[shard] = [:]  // the only reference while it changes
      for term in touchedTerms { fragments?[term] = nil }
      let file = SearchIndex.termFile(
        shard: shard, postings: state.postings[shard], entries: entries[shard],
        terms: state.terms[shard]!, fragments: &fragments)
      state.fragments[shard] = fragments ?? [:]
      state.files[file.path] = file
    }
    for shard in touchedWordShards {
      let file = SearchIndex.wordFile(shard: shard, words: state.words[shard])
      state.files[file.path] = file
    }
    state.versions = versions
    state.documents = documents
    self.state = state
    return state.files
  }

  /// The entries under each of the terms of their names, by postings file.
  private static func entriesByShard(_ glossary: [GlossaryEntry], layout: SearchLayout)
    -> [[String: [JSONValue]]]
  {
    var shards = [[String: [JSONValue]]](repeating: [:], count: layout.termShards)
    for entry in glossary.sorted(by: { $0.id < $1.id }) {
      let value = SearchIndex.entry(for: entry, full: false)
      for term in Set(([entry.term] + entry.aliases).flatMap(SearchText.terms)) {
        shards[SearchText.termShard(term, count: layout.termShards)][term, default: []].append(
          value)
      }
    }
    return shards
  }

  private func rebuildAll(
    _ documents: [SearchDocument], _ versions: [Int], _ entries: [[String: [JSONValue]]],
    _ layout: SearchLayout
  ) -> [String: OutputFile] {
    let mask = UInt32(layout.termShards - 1)
    // Postings gathered per group of files, the groups on both cores: each group reads every
    // article's postings but stores only its own.
    // As many groups as cores: every group reads all postings, so more groups only read more.
    let groups = min(layout.termShards, max(1, ProcessInfo.processInfo.activeProcessorCount))
    let grouped = ConcurrentMap.map(Array(0..<groups)) {
      group -> [Int: [String: SearchIndex.PostingList]] in
      // One lookup per posting: the term's slot in `lists`, appended to in place.
      var slots: [String: Int] = [:]
      var lists: [SearchIndex.PostingList] = []
      var terms: [(term: String, shard: Int)] = []
      for (number, document) in documents.enumerated() {
        for posting in document.postings {
          let shard = Int(posting.hash & mask)
          guard shard % groups == group else { continue }
          if let slot = slots[posting.term] {
            lists[slot].append(UInt32(number))
            lists[slot].append(posting.weight)
          } else {
            slots[posting.term] = lists.count
            lists.append([UInt32(number), posting.weight])
            terms.append((posting.term, shard))
          }
        }
      }
      var shards: [Int: [String: SearchIndex.PostingList]] = [:]
      for (slot, item) in terms.enumerated() {
        shards[item.shard, default: [:]][item.term] = lists[slot]
      }
      return shards
    }
    var postings = [[String: SearchIndex.PostingList]](repeating: [:], count: layout.termShards)
    for group in grouped {
      for (shard, terms) in group { postings[shard] = terms }
    }
    var words = [[String: Int]](repeating: [:], count: layout.wordShards)
    for shard in 0..<layout.termShards {
      for (term, list) in postings[shard] {
        words[SearchText.wordShard(term, count: layout.wordShards)][term] = list.count / 2
      }
      for (term, list) in entries[shard] {
        words[SearchText.wordShard(term, count: layout.wordShards)][term, default: 0] +=
          list.count
      }
    }
    let termFiles = ConcurrentMap.map(Array(0..<layout.termShards)) { shard in
      SearchIndex.termFile(shard: shard, postings: postings[shard], entries: entries[shard])
    }
    let wordFiles = words.enumerated().map { SearchIndex.wordFile(shard: $0, words: $1) }
    let files = Dictionary(
      (termFiles + wordFiles).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    state = State(
      layout: layout, versions: versions, documents: documents, entries: entries,
      postings: postings, words: words, files: files,
      terms: Array(repeating: nil, count: layout.termShards),
      fragments: Array(repeating: [:], count: layout.termShards))
    return files
  }

  /// Where article `number`'s pair is, or would go, in a list sorted by article number.
  private static func position(of number: Int, in list: SearchIndex.PostingList) -> Int {
    var low = 0
    var high = list.count / 2
    while low < high {
      let middle = (low + high) / 2
      if Int(list[middle * 2]) < number { low = middle + 1 } else { high = middle }
    }
    return low * 2
  }

  /// Whether the term is gone from the file.
  @discardableResult
  private static func remove(
    _ number: Int, from shard: inout [String: SearchIndex.PostingList], term: String
  )
    -> Bool
  {
    guard var list = shard[term] else { return false }
    shard[term] = nil  // the only reference while it changes
    let at = position(of: number, in: list)
    if at < list.count, Int(list[at]) == number { list.removeSubrange(at..<(at + 2)) }
    if !list.isEmpty { shard[term] = list }
    return list.isEmpty
  }

  /// Sets the article's weight under the term, adding the article (and the term) if need be.
  /// Whether the term is new to the file.
  @discardableResult
  private static func set(
    _ number: Int, weight: UInt32, in shard: inout [String: SearchIndex.PostingList],
    term: String
  ) -> Bool {
    let new = shard[term] == nil
    var list = shard[term] ?? []
    shard[term] = nil  // the only reference while it changes
    let at = position(of: number, in: list)
    if at < list.count, Int(list[at]) == number {
      list[at + 1] = weight
    } else {
      list.insert(contentsOf: [UInt32(number), weight], at: at)
    }
    shard[term] = list
    return new
  }

  /// What changed between an article's old and new postings (both in their order, by hash then
  /// term): the terms it no longer has, and those it gained or whose weight changed.
  static func difference(
    from old: [SearchDocument.Posting], to new: [SearchDocument.Posting]
  ) -> (removed: [SearchDocument.Posting], weighed: [SearchDocument.Posting]) {
    func precedes(_ a: SearchDocument.Posting, _ b: SearchDocument.Posting) -> Bool {
      a.hash != b.hash ? a.hash < b.hash : a.term < b.term
    }
    var removed: [SearchDocument.Posting] = []
    var weighed: [SearchDocument.Posting] = []
    var i = 0
    var j = 0
    while i < old.count || j < new.count {
      if j == new.count || (i < old.count && precedes(old[i], new[j])) {
        removed.append(old[i])
        i += 1
      } else if i == old.count || precedes(new[j], old[i]) {
        weighed.append(new[j])
        j += 1
      } else {
        if old[i].weight != new[j].weight { weighed.append(new[j]) }
        i += 1
        j += 1
      }
    }
    return (removed, weighed)
  }
}
