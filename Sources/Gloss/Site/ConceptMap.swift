import Foundation

/// A static map of glossary terms: one node per term, a line between two terms for every
/// paragraph that mentions both. Laid out on a circle, grouped by category, with each label
/// turned along its radius, so labels never collide however many terms there are; the layout
/// depends on the data alone (no randomness, no clock), so the same content gives the same bytes.
/// Each node is a link to its entry: the map works without JavaScript, and gloss.js only adds
/// highlighting of a node's lines on hover and focus. The markup is compact, as every article
/// page carries a map: nodes sit in one group per category (the group's class colours the
/// dots), and each line names its two ends by their places among the nodes (`data-e="i j"`).
struct ConceptMap: Sendable {
  struct Node: Sendable, Hashable {
    var id: String
    var term: String
    /// What the map prints: the term, or a shorter spelling when the term is long.
    var label: String
    var category: EntryCategory
    var url: String
  }

  /// Two terms that share paragraphs; `a < b`, `weight` paragraphs.
  struct Edge: Sendable, Hashable {
    var a: String
    var b: String
    var weight: Int
  }

  var nodes: [Node]
  var edges: [Edge]
  /// Terms left out by `bounded`, and how many links each drawn term keeps.
  var omittedTerms = 0
  var linksPerNode: Int?

  static let maxLabelLength = 34

  /// - Parameters:
  ///   - entries: the terms to show (others mentioned in the paragraphs are ignored).
  ///   - paragraphs: for each paragraph, the ids of the entries it mentions (repeats allowed).
  ///   - link: an entry's link from the page that shows the map (from the route table).
  ///   - alphabeticalRank: each entry's place in the glossary's A–Z order, when the caller
  ///     knows it (folding every term again for every article's map was a tenth of a build).
  init(
    entries: [GlossaryEntry], paragraphs: [[String]], link: (String) -> String,
    alphabeticalRank: [String: Int]? = nil
  ) {
    let known = Set(entries.map(\.id))
    self.init(
      entries: entries, pairs: Self.pairs(in: paragraphs.map { $0.filter(known.contains) }),
      link: link, alphabeticalRank: alphabeticalRank)
  }

  /// From the pairs already counted (`pairs(in:)`; the pipeline keeps the glossary's running
  /// total): only pairs of two shown terms are drawn.
  init(
    entries: [GlossaryEntry], pairs: [Pair: Int], link: (String) -> String,
    alphabeticalRank: [String: Int]? = nil
  ) {
    let rank =
      alphabeticalRank
      ?? Dictionary(
        uniqueKeysWithValues: entries.map { ($0.id, AlphabeticalOrder.key($0.term)) }
          .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.enumerated().map { ($1.0, $0) })
    // Sorted by key, then picked: moving whole entries about in a sort was a cost of its own.
    let keys = entries.map { ($0.category.position, rank[$0.id] ?? 0) }
    let sorted = entries.indices.sorted { keys[$0] < keys[$1] }.map { entries[$0] }
    nodes = sorted.map { entry in
      Node(
        id: entry.id, term: entry.term, label: Self.label(for: entry), category: entry.category,
        url: link(entry.id))
    }
    let known = Set(nodes.map(\.id))
    edges = pairs.filter { known.contains($0.key.a) && known.contains($0.key.b) }
      .map { Edge(a: $0.key.a, b: $0.key.b, weight: $0.value) }
      .sorted { ($0.a, $0.b) < ($1.a, $1.b) }
  }

  /// Two entries, `a < b`.
  struct Pair: Hashable, Sendable {
    var a: String
    var b: String
  }

  /// How many paragraphs each pair of entries shares.
  static func pairs(in paragraphs: [[String]]) -> [Pair: Int] {
    var counts: [Pair: Int] = [:]
    for paragraph in paragraphs {
      let ids = Set(paragraph).sorted()
      for (index, a) in ids.enumerated() {
        for b in ids[(index + 1)...] { counts[Pair(a: a, b: b), default: 0] += 1 }
      }
    }
    return counts
  }

  /// At most `maxNodes` terms, the most connected (by shared paragraphs), each with its
  /// `linksPerNode` strongest links: a map of a thousand terms and a hundred thousand lines
  /// reads as nothing and weighs tens of megabytes. Maps within both limits are left whole.
  func bounded(maxNodes: Int, maxEdges: Int, linksPerNode: Int) -> ConceptMap {
    guard nodes.count > maxNodes || edges.count > maxEdges else { return self }
    var strength: [String: Int] = [:]
    for edge in edges {
      strength[edge.a, default: 0] += edge.weight
      strength[edge.b, default: 0] += edge.weight
    }
    let position = Dictionary(
      nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    let kept = Set(
      nodes.sorted {
        (strength[$1.id] ?? 0, position[$0.id] ?? 0) < (strength[$0.id] ?? 0, position[$1.id] ?? 0)
      }.prefix(maxNodes).map(\.id))
    var map = self
    map.nodes = nodes.filter { kept.contains($0.id) }
    let inside = edges.filter { kept.contains($0.a) && kept.contains($0.b) }
    map.edges = inside
    var strongest = Set<Pair>()
    for (id, list) in map.allNeighbours() {
      for neighbour in list.prefix(linksPerNode) {
        strongest.insert(
          id < neighbour.id ? Pair(a: id, b: neighbour.id) : Pair(a: neighbour.id, b: id))
      }
    }
    map.edges = inside.filter { strongest.contains(Pair(a: $0.a, b: $0.b)) }
    map.omittedTerms = nodes.count - map.nodes.count
    map.linksPerNode = linksPerNode
    return map
  }

  /// The ids each node shares a paragraph with, most shared first.
  func neighbours(of id: String) -> [(id: String, weight: Int)] {
    allNeighbours()[id] ?? []
  }

  /// Every node's neighbours, most shared first, in one pass over the edges: asking node by
  /// node would scan all edges for each of a thousand terms.
  func allNeighbours() -> [String: [(id: String, weight: Int)]] {
    let position = Dictionary(
      nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    var lists: [String: [(id: String, weight: Int)]] = [:]
    for edge in edges {
      lists[edge.a, default: []].append((edge.b, edge.weight))
      lists[edge.b, default: []].append((edge.a, edge.weight))
    }
    for (id, list) in lists {
      lists[id] = list.map { ($0.id, $0.weight, position[$0.id] ?? 0) }
        .sorted { ($1.1, $0.2) < ($0.1, $1.2) }.map { (id: $0.0, weight: $0.1) }
    }
    return lists
  }

  // MARK: layout

  struct Placement: Sendable, Hashable {
    /// Degrees, clockwise from three o'clock (SVG's y axis points down); the first node is at
    /// twelve o'clock.
    var angle: Double
    var x: Double
    var y: Double
  }

  struct Layout: Sendable {
    var size: Int
    var radius: Double
    var placements: [String: Placement]
  }

  static let fontSize = 11.0
  /// A generous average advance of the sans-serif face, in ems: labels must never be clipped.
  static let charWidth = 0.6
  static let slotLength = 22.0

  func layout() -> Layout {
    // One empty slot between categories, so the groups read as groups.
    var slots: [Double] = []
    var slot = 0.0
    for (index, node) in nodes.enumerated() {
      if index > 0, nodes[index - 1].category != node.category { slot += 1 }
      slots.append(slot)
      slot += 1
    }
    let categories = Set(nodes.map(\.category)).count
    let total = max(1, slot + (categories > 1 ? 1 : 0))
    let radius = max(70, (total * Self.slotLength / (2 * Double.pi)).rounded(.up))
    let longest = nodes.map { Double($0.label.count) }.max() ?? 0
    let margin = 10 + longest * Self.fontSize * Self.charWidth + 12
    let size = Int((2 * (radius + margin)).rounded(.up))
    let center = Double(size) / 2
    var placements: [String: Placement] = [:]
    for (index, node) in nodes.enumerated() {
      let angle = -90 + 360 * (slots[index] + 0.5) / total
      let radians = angle * Double.pi / 180
      placements[node.id] = Placement(
        angle: angle, x: center + radius * cos(radians), y: center + radius * sin(radians))
    }
    return Layout(size: size, radius: radius, placements: placements)
  }

  // MARK: output

  /// Inline SVG: a titled, described drawing made of links. Its implicit role is kept
  /// (`role="img"` would hide the links from assistive technology). `idPrefix` keeps the ids
  /// unique within the page.
  func svg(title: String, description: String, idPrefix: String = "cm") -> String {
    let layout = layout()
    let center = Double(layout.size) / 2
    let degree = Dictionary(grouping: edges.flatMap { [$0.a, $0.b] }, by: { $0 }).mapValues(\.count)
    // The drawing's own extent (labels are long on some sides only): no empty band around it.
    var minX = center - layout.radius
    var maxX = center + layout.radius
    var minY = center - layout.radius
    var maxY = center + layout.radius
    for node in nodes {
      guard let place = layout.placements[node.id] else { continue }
      let radians = place.angle * Double.pi / 180
      let reach = layout.radius + 10 + Double(node.label.count) * Self.fontSize * Self.charWidth
      minX = min(minX, center + reach * cos(radians) - Self.fontSize)
      maxX = max(maxX, center + reach * cos(radians) + Self.fontSize)
      minY = min(minY, center + reach * sin(radians) - Self.fontSize)
      maxY = max(maxY, center + reach * sin(radians) + Self.fontSize)
    }
    let left = max(0, Int(minX.rounded(.down)))
    let top = max(0, Int(minY.rounded(.down)))
    let width = min(layout.size, Int(maxX.rounded(.up))) - left
    let height = min(layout.size, Int(maxY.rounded(.up))) - top
    var svg = MarkupWriter(capacity: 256 * (nodes.count + edges.count) + 1024)
    svg.raw("<svg class=\"concept-map-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"")
    svg.raw("\(left) \(top) \(width) \(height)")
    svg.raw("\" width=\"")
    svg.int(width)
    svg.raw("\" height=\"")
    svg.int(height)
    svg.raw("\" aria-labelledby=\"")
    svg.raw(idPrefix)
    svg.raw("-title\" aria-describedby=\"")
    svg.raw(idPrefix)
    svg.raw("-desc\">\n<title id=\"")
    svg.raw(idPrefix)
    svg.raw("-title\">")
    svg.text(title)
    svg.raw("</title>\n<desc id=\"")
    svg.raw(idPrefix)
    svg.raw("-desc\">")
    svg.text(description)
    svg.raw("</desc>\n<g class=\"cm-edges\" aria-hidden=\"true\">\n")
    let index = Dictionary(
      nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    for edge in edges {
      guard let from = layout.placements[edge.a], let to = layout.placements[edge.b],
        let a = index[edge.a], let b = index[edge.b]
      else { continue }
      // Pulled towards the centre: lines bundle through the middle instead of cutting labels.
      let controlX = center + ((from.x + to.x) / 2 - center) * 0.2
      let controlY = center + ((from.y + to.y) / 2 - center) * 0.2
      let width = min(1 + Double(edge.weight - 1) * 0.6, 3.4)
      svg.raw("<path data-e=\"")
      svg.int(a)
      svg.raw(" ")
      svg.int(b)
      // A line of one paragraph is as wide as SVG's default: most lines say nothing.
      if edge.weight > 1 {
        svg.raw("\" stroke-width=\"")
        svg.number(width)
      }
      svg.raw("\" d=\"M")
      svg.numbers(from.x, from.y)
      svg.raw("Q")
      svg.numbers(controlX, controlY, to.x, to.y)
      svg.raw("\"/>\n")
    }
    svg.raw("</g>\n<g class=\"cm-nodes\" font-size=\"")
    svg.number(Self.fontSize)
    svg.raw("\">\n")
    for (position, node) in nodes.enumerated() {
      // Every node has its place: an index in `data-e` counts the nodes before it.
      guard let place = layout.placements[node.id] else { continue }
      if position == 0 || nodes[position - 1].category != node.category {
        if position > 0 { svg.raw("</g>\n") }
        svg.raw("<g class=\"cm-cat-")
        svg.attribute(node.category.colour)
        svg.raw("\">\n")
      }
      let radians = place.angle * Double.pi / 180
      let labelX = center + (layout.radius + 10) * cos(radians)
      let labelY = center + (layout.radius + 10) * sin(radians)
      // Labels on the left half are turned half a circle more, so none reads upside down.
      let leftHalf = place.angle > 90
      let rotation = leftHalf ? place.angle - 180 : place.angle
      let dot = 3.5 + Double(min(degree[node.id] ?? 0, 12)) * 0.3
      svg.raw("<a href=\"")
      svg.attribute(node.url)
      svg.raw("\">")
      // The label names the link; a shortened one gets the full term as its title.
      if node.label != node.term {
        svg.raw("<title>")
        svg.text(node.term)
        svg.raw("</title>")
      }
      svg.raw("<circle cx=\"")
      svg.number(place.x)
      svg.raw("\" cy=\"")
      svg.number(place.y)
      svg.raw("\" r=\"")
      svg.number(dot)
      svg.raw("\"/><text x=\"")
      svg.number(labelX)
      svg.raw("\" y=\"")
      svg.number(labelY)
      svg.raw("\" dy=\"0.35em\" text-anchor=\"")
      svg.raw(leftHalf ? "end" : "start")
      svg.raw("\" transform=\"rotate(")
      svg.numbers(rotation, labelX, labelY)
      svg.raw(")\">")
      svg.text(node.label)
      svg.raw("</text></a>\n")
    }
    if !nodes.isEmpty { svg.raw("</g>\n") }
    svg.raw("</g>\n</svg>")
    return svg.string
  }

  /// The same map as a list: each term, linked to its entry, with the terms it shares a
  /// paragraph with. The neighbours are named, not linked: each has its own line with its link,
  /// and a link per neighbour made the list most of a page's links and a sixth of its bytes.
  func listHTML(words: ConceptMapWords = .english) -> String {
    let byID = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0) })
    let neighbourLists = allNeighbours()
    let colon = words.text("map_list_colon")
    let separator = words.text("map_list_separator")
    var html = MarkupWriter(capacity: 64 * (nodes.count + 2 * edges.count) + 64)
    html.raw("<ul class=\"concept-list\">\n")
    for node in nodes {
      html.raw("<li><a href=\"")
      html.attribute(node.url)
      html.raw("\">")
      html.text(node.term)
      html.raw("</a>")
      html.text(colon)
      let neighbours = (neighbourLists[node.id] ?? []).compactMap { byID[$0.id] }
      if neighbours.isEmpty {
        html.raw("<span class=\"concept-list-none\">")
        html.text(words.text("map_list_none"))
        html.raw("</span>")
      } else {
        for (index, neighbour) in neighbours.enumerated() {
          if index > 0 { html.text(separator) }
          html.text(neighbour.term)
        }
      }
      html.raw("</li>\n")
    }
    html.raw("</ul>")
    return html.string
  }

  // MARK: helpers

  /// The term when it fits; otherwise its longest alias that fits; otherwise the term cut at a
  /// word boundary with an ellipsis. The node's title always carries the full term.
  static func label(for entry: GlossaryEntry) -> String {
    if entry.term.count <= maxLabelLength { return entry.term }
    if let alias = entry.aliases.filter({ $0.count <= maxLabelLength && $0.count >= 3 })
      .max(by: { ($0.count, $1) < ($1.count, $0) })
    {
      return alias
    }
    var cut = ""
    for word in entry.term.split(separator: " ") {
      let next = cut.isEmpty ? String(word) : cut + " " + word
      if next.count > maxLabelLength - 1 { break }
      cut = next
    }
    if cut.isEmpty { cut = String(entry.term.prefix(maxLabelLength - 1)) }
    return cut + "…"
  }

  /// One decimal, never "-0.0": enough precision for a drawing, and stable across platforms'
  /// last-bit differences in `sin` and `cos`.
  static func number(_ value: Double) -> String {
    var writer = MarkupWriter(capacity: 8)
    writer.number(value)
    return writer.string
  }

}

/// What a map says of itself to screen readers (its SVG's title and description), in the page's
/// language: the theme's strings `map_…`, English where it has none.
struct ConceptMapWords: Hashable, Sendable {
  static let keys = [
    "map_title_article", "map_title_glossary", "map_scope_article", "map_scope_glossary",
    "map_pairs", "map_shown", "map_shown_partial", "map_links", "map_description",
    "map_list_colon", "map_list_separator", "map_list_none",
  ]
  /// Each key's text, and its singular (`key/one`) where it has one for a count of 1.
  private var texts: [String: String] = [:]
  private var plural: PluralRule
  private var digits: [String]?

  init(_ strings: ThemeStrings, language: String) {
    let resolved = strings.resolve(language)
    plural = resolved.plural
    digits = resolved.digits
    for key in Self.keys {
      texts[key] = strings.text(key, in: language)
      texts[key + "/one"] = strings.text(key, in: language, count: 1)
    }
  }

  static let english = ConceptMapWords(.builtIn, language: "en")

  func text(_ key: String, _ values: [String: String] = [:], count: Int? = nil) -> String {
    let one = count.map(plural.isOne) ?? false
    let text = (one ? texts[key + "/one"] : nil) ?? texts[key] ?? key
    return Placeholders.fill(text, values)
  }

  func number(_ value: Int) -> String {
    var language = LanguageStrings.builtInEnglish
    language.digits = digits
    return language.number(value)
  }
}

/// The map as pages show it (see `ConceptMapView`), or none when there are fewer than two terms
/// to connect.
extension ConceptMap {
  static func article(
    _ rendered: RenderedArticle, entriesByID: [String: GlossaryEntry], from page: Route,
    alphabeticalRank: [String: Int]? = nil, words: ConceptMapWords = .english
  ) -> ConceptMapView? {
    let entries = rendered.markdown.termsInOrder.compactMap { entriesByID[$0] }
    let map = ConceptMap(
      entries: entries, paragraphs: rendered.markdown.paragraphs.map { $0.mentions.map(\.entryID) },
      link: { page.link(to: .entry(id: $0)) }, alphabeticalRank: alphabeticalRank
    ).bounded(
      maxNodes: articleLimits.maxNodes, maxEdges: articleLimits.maxEdges,
      linksPerNode: articleLimits.linksPerNode)
    return map.view(
      title: words.text("map_title_article", ["title": rendered.article.title]),
      scope: words.text("map_scope_article"), words: words)
  }

  /// Drawn terms and links per term, for an article's map (see `bounded`): past 40 lines a
  /// circle of twenty terms is a tangle (the first edition's article drew 362), and every line
  /// is bytes in every article page.
  static let articleLimits = (maxNodes: 60, maxEdges: 40, linksPerNode: 3)

  /// Drawn terms and links per term, for the glossary's map (see `bounded`).
  static let glossaryLimits = (maxNodes: 150, maxEdges: 1_000, linksPerNode: 6)

  /// The same for a glossary large enough to have category pages
  /// (`SiteRoutes.categoryPagesThreshold`): the map shares the index with the A–Z list of every
  /// term, and the whole page must stay under 300 KB; at 150 terms with 6 links each the map
  /// alone was 215 KB.
  static let largeGlossaryLimits = (maxNodes: 100, maxEdges: 300, linksPerNode: 3)

  /// - Parameters:
  ///   - pairs: the pairs every article's paragraphs share, counted.
  ///   - large: whether the glossary has category pages (`largeGlossaryLimits`).
  static func glossary(
    entries: [GlossaryEntry], pairs: [Pair: Int], alphabeticalRank: [String: Int]? = nil,
    words: ConceptMapWords = .english, large: Bool = false
  ) -> ConceptMapView? {
    let limits = large ? largeGlossaryLimits : glossaryLimits
    let map = ConceptMap(
      entries: entries, pairs: pairs, link: { Route.glossary.link(to: .entry(id: $0)) },
      alphabeticalRank: alphabeticalRank
    ).bounded(
      maxNodes: limits.maxNodes, maxEdges: limits.maxEdges, linksPerNode: limits.linksPerNode)
    return map.view(
      title: words.text("map_title_glossary"), scope: words.text("map_scope_glossary"),
      words: words)
  }

  func view(title: String, scope: String, words: ConceptMapWords = .english) -> ConceptMapView? {
    guard nodes.count >= 2 else { return nil }
    let pairs = words.text(
      "map_pairs", ["count": words.number(edges.count)], count: edges.count)
    let count = words.number(nodes.count)
    let shown =
      omittedTerms > 0
      ? words.text(
        "map_shown_partial",
        ["count": count, "total": words.number(nodes.count + omittedTerms), "scope": scope])
      : words.text("map_shown", ["count": count, "scope": scope])
    let links =
      linksPerNode.map { words.text("map_links", ["count": words.number($0)], count: $0) } ?? ""
    let description = words.text(
      "map_description", ["shown": shown, "pairs": pairs, "links": links])
    return ConceptMapView(
      svg: svg(title: title, description: description), listHTML: listHTML(words: words),
      termCount: nodes.count, edgeCount: edges.count,
      totalTerms: omittedTerms > 0 || linksPerNode != nil ? nodes.count + omittedTerms : nil,
      linksPerTerm: linksPerNode,
      categories: Set(nodes.map(\.category)).sorted { $0.position < $1.position }.map {
        ConceptMapView.Category(key: $0.key, label: $0.pluralLabel, colour: $0.colour)
      })
  }
}
