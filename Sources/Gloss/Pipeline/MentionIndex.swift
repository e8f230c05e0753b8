/// Entry id → every paragraph that mentions it, in article order (see `SiteGenerator.mentionSites`),
/// kept up to date by replacing one article's part of each list rather than merging every
/// article's mentions again.
struct MentionIndex {
  private(set) var lists: [String: [MentionSite]] = [:]
  /// For each list, the position in `order` of the article each site comes from (ascending).
  private var owners: [String: [Int]] = [:]
  private var order: [String] = []
  private var versions: [String: Int] = [:]
  private var entriesOf: [String: Set<String>] = [:]

  /// Brings the lists up to date with the articles, `current` in site order; returns the
  /// entries whose list changed.
  @discardableResult
  mutating func update(
    _ current: [(slug: String, version: Int, sites: [(entryID: String, site: MentionSite)])]
  )
    -> Set<String>
  {
    let newOrder = current.map(\.slug)
    guard newOrder == order else { return rebuild(current) }
    var changed = Set<String>()
    for (position, article) in current.enumerated() where versions[article.slug] != article.version
    {
      versions[article.slug] = article.version
      var fresh: [String: [MentionSite]] = [:]
      for (entryID, site) in article.sites { fresh[entryID, default: []].append(site) }
      let entries = Set(fresh.keys)
      for entryID in entries.union(entriesOf[article.slug] ?? []) {
        let owned = owners[entryID] ?? []
        var lower = 0
        var upper = owned.count
        while lower < upper {
          let middle = (lower + upper) / 2
          if owned[middle] < position { lower = middle + 1 } else { upper = middle }
        }
        var end = lower
        while end < owned.count, owned[end] == position { end += 1 }
        let replacement = fresh[entryID] ?? []
        let same =
          lists[entryID].map { $0[lower..<end].elementsEqual(replacement) } ?? replacement.isEmpty
        if same { continue }
        changed.insert(entryID)
        // Subscripted in place: no copy of a list that may hold thousands of sites.
        lists[entryID, default: []].replaceSubrange(lower..<end, with: replacement)
        owners[entryID, default: []].replaceSubrange(
          lower..<end, with: repeatElement(position, count: replacement.count))
        if lists[entryID]?.isEmpty == true {
          lists[entryID] = nil
          owners[entryID] = nil
        }
      }
      entriesOf[article.slug] = entries
    }
    return changed
  }

  private mutating func rebuild(
    _ current: [(slug: String, version: Int, sites: [(entryID: String, site: MentionSite)])]
  )
    -> Set<String>
  {
    let old = lists
    lists = [:]
    owners = [:]
    entriesOf = [:]
    versions = [:]
    for (position, article) in current.enumerated() {
      var entries = Set<String>()
      for (entryID, site) in article.sites {
        lists[entryID, default: []].append(site)
        owners[entryID, default: []].append(position)
        entries.insert(entryID)
      }
      entriesOf[article.slug] = entries
      versions[article.slug] = article.version
    }
    order = current.map(\.slug)
    return Set(old.keys).union(lists.keys).filter { old[$0] != lists[$0] }
  }
}
