/// The paragraphs of every article with the glossary mentions the linker found in them, read
/// once for all spellings to tell which ones the check must look at closely.
///
/// The question per spelling is whether it occurs in the articles and every time inside a longer
/// term of another entry. Looking for each of 1,000 spellings in 10,000 articles would read the
/// articles 1,000 times; most spellings are settled by one paragraph that mentions their own
/// entry, and the rest mostly occur nowhere, which a few passes of one matcher for all of them
/// show. Only spellings that occur but never link are looked for alone in every paragraph.
struct ArticleText: Sendable {
  let paragraphs: [ParagraphText]
  private let patterns: [TermPattern]
  /// Patterns (by index) that occur, matched alone, where the linker found their own entry.
  private let linking: Set<Int>
  /// Patterns not in `linking` that occur anywhere in the articles.
  private let occurring: Set<Int>

  init(_ paragraphs: some Sequence<ParagraphText>, patterns: [TermPattern]) {
    let paragraphs = Array(paragraphs)
    var mentioning: [String: [Int]] = [:]
    for (index, paragraph) in paragraphs.enumerated() {
      for mention in paragraph.mentions where mentioning[mention.entryID]?.last != index {
        mentioning[mention.entryID, default: []].append(index)
      }
    }
    let links = ConcurrentMap.map(Array(patterns.indices)) { index in
      Self.linksSomewhere(
        patterns[index], in: mentioning[patterns[index].entryID] ?? [], of: paragraphs)
    }
    let linking = Set(patterns.indices.filter { links[$0] })
    self.paragraphs = paragraphs
    self.patterns = patterns
    self.linking = linking
    self.occurring = Self.occurring(
      patterns.indices.filter { !linking.contains($0) }, of: patterns, in: paragraphs)
  }

  /// Whether the pattern, matched alone, occurs where a mention of its own entry is: then it
  /// links there. Only the paragraphs that mention the entry can show it.
  private static func linksSomewhere(
    _ pattern: TermPattern, in candidates: [Int], of paragraphs: [ParagraphText]
  ) -> Bool {
    guard !candidates.isEmpty else { return false }
    let solo = TermMatcher(patterns: [pattern])
    for index in candidates {
      let paragraph = paragraphs[index]
      for match in solo.matches(in: paragraph.text)
      where paragraph.mentions.contains(where: {
        $0.entryID == pattern.entryID && $0.range.overlaps(match.range)
      }) {
        return true
      }
    }
    return false
  }

  /// Which of `indices` occur in the paragraphs, each as if matched alone. One matcher for all
  /// of them reads the text in a pass; where it finds one, that one occurs. A pattern it does not
  /// find may still occur hidden under a found one's match (leftmost-longest), so the next pass
  /// looks for those not yet found, until a pass finds nothing: then none of the rest has even
  /// a candidate match anywhere.
  private static func occurring(
    _ indices: [Int], of patterns: [TermPattern], in paragraphs: [ParagraphText]
  ) -> Set<Int> {
    var found = Set<Int>()
    var remaining = indices
    // Chunks of paragraphs, matched on every core.
    let chunk = max(1, paragraphs.count / 64)
    let starts = Array(stride(from: 0, to: paragraphs.count, by: chunk))
    while !remaining.isEmpty {
      let matcher = TermMatcher(patterns: remaining.map { patterns[$0] })
      let hits = ConcurrentMap.map(starts) { start -> Set<Int> in
        var hit = Set<Int>()
        for paragraph in paragraphs[start..<min(start + chunk, paragraphs.count)] {
          for match in matcher.matches(in: paragraph.text) { hit.insert(match.patternIndex) }
        }
        return hit
      }
      let new = hits.reduce(into: Set<Int>()) { $0.formUnion($1) }
      guard !new.isEmpty else { break }
      found.formUnion(new.map { remaining[$0] })
      remaining = remaining.indices.filter { !new.contains($0) }.map { remaining[$0] }
    }
    return found
  }

  /// Why the spelling at `patternIndex` never links although it occurs in the articles (each
  /// time part of a longer term), or nil.
  func alwaysInsideLongerTerms(patternIndex: Int, entryID: String) -> String? {
    guard !linking.contains(patternIndex), occurring.contains(patternIndex) else { return nil }
    let solo = TermMatcher(patterns: [patterns[patternIndex]])
    var occurrences = 0
    var swallowedBy: [String] = []
    for paragraph in paragraphs {
      for match in solo.matches(in: paragraph.text) {
        occurrences += 1
        let overlapping = paragraph.mentions.filter { $0.range.overlaps(match.range) }
        if overlapping.contains(where: { $0.entryID == entryID }) { return nil }
        for mention in overlapping {
          let text = String(decoding: Array(paragraph.text.utf8)[mention.range], as: UTF8.self)
          let label = "'\(text)' (\(mention.entryID))"
          if !swallowedBy.contains(label) { swallowedBy.append(label) }
        }
      }
    }
    guard occurrences > 0, !swallowedBy.isEmpty else { return nil }
    let examples =
      swallowedBy.prefix(3).joined(separator: ", ") + (swallowedBy.count > 3 ? ", …" : "")
    return
      "occurs \(occurrences) time\(occurrences == 1 ? "" : "s") in the articles but never links to '\(entryID)': each time it is part of a longer term: \(examples)"
  }
}
