/// How many paragraphs each pair of entries shares across the whole site (the glossary's
/// concept map), kept up to date by taking out an edited article's pairs and adding its new
/// ones, instead of counting every paragraph of every article again.
struct PairCounts {
  private(set) var totals: [ConceptMap.Pair: Int] = [:]
  /// Changes whenever `totals` does.
  private(set) var generation = 0
  private var byArticle: [String: (version: Int, pairs: [ConceptMap.Pair: Int])] = [:]

  /// Brings the totals up to date with the articles (slug, render version, paragraphs' entry ids).
  mutating func update(_ current: [(slug: String, version: Int, paragraphs: () -> [[String]])]) {
    var changed = false
    var present = Set<String>()
    for article in current {
      present.insert(article.slug)
      if byArticle[article.slug]?.version == article.version { continue }
      let pairs = ConceptMap.pairs(in: article.paragraphs())
      let old = byArticle[article.slug]
      byArticle[article.slug] = (article.version, pairs)
      // Most edits change words, not which terms share a paragraph.
      if let old, old.pairs == pairs { continue }
      if let old { add(old.pairs, sign: -1) }
      add(pairs, sign: 1)
      changed = true
    }
    if byArticle.count != present.count {
      for (slug, old) in byArticle where !present.contains(slug) {
        add(old.pairs, sign: -1)
        byArticle[slug] = nil
        changed = true
      }
    }
    if changed { generation += 1 }
  }

  private mutating func add(_ pairs: [ConceptMap.Pair: Int], sign: Int) {
    for (pair, count) in pairs {
      let total = (totals[pair] ?? 0) + sign * count
      totals[pair] = total == 0 ? nil : total
    }
  }
}
