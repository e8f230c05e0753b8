import Foundation
import Testing

@testable import Gloss

@Suite("The concept map: terms as nodes, shared paragraphs as lines")
struct ConceptMapTests {
  static func glossaryEntry(
    _ id: String, _ term: String, _ category: EntryCategory, aliases: [String] = []
  ) -> GlossaryEntry {
    let place = FilePosition(path: "Content/glossary/\(id).md", line: 2, column: 7)
    return GlossaryEntry(
      id: id, term: term, aliases: aliases, category: category, summary: "About \(term).",
      seeAlso: [], sources: [],
      matchCase: false, body: "", path: place.path, bodyFirstLine: 8, termLocation: place,
      aliasLocations: [],
      seeAlsoLocations: [])
  }

  static let entries = [
    glossaryEntry("quad", "Quad", .standard("organization")),
    glossaryEntry("aukus", "AUKUS", .standard("alliance")),
    glossaryEntry("nato", "NATO", .standard("alliance")),
    glossaryEntry("containment", "Containment", .standard("doctrine")),
  ]

  @Test("a large map keeps its most connected terms, each with its strongest links, and says so")
  func boundedMap() throws {
    // 200 terms; term i shares a paragraph with the next 20, and term 0..9 with every term.
    let entries = (0..<200).map { Self.glossaryEntry("t\($0)", "Term \($0)", .standard("concept")) }
    var paragraphs: [[String]] = []
    for i in 0..<200 {
      for j in (i + 1)..<min(200, i + 21) { paragraphs.append(["t\(i)", "t\(j)"]) }
    }
    for hub in 0..<10 {
      for other in 0..<200 where other != hub { paragraphs.append(["t\(hub)", "t\(other)"]) }
    }
    let whole = ConceptMap(entries: entries, paragraphs: paragraphs, link: { $0 })
    let map = whole.bounded(maxNodes: 150, maxEdges: 1_000, linksPerNode: 6)
    #expect(map.nodes.count == 150)
    #expect(map.omittedTerms == 50)
    for hub in 0..<10 { #expect(map.nodes.contains { $0.id == "t\(hub)" }) }
    #expect(map.edges.count <= 150 * 6)
    let kept = Set(map.nodes.map(\.id))
    #expect(map.edges.allSatisfy { kept.contains($0.a) && kept.contains($0.b) })
    let view = try #require(map.view(title: "T", scope: "glossary terms"))
    #expect(view.totalTerms == 200 && view.linksPerTerm == 6)
    #expect(view.svg.contains("The 150 most connected of 200 glossary terms"))
    // A map within the limits is drawn whole, as before.
    let small = ConceptMap(entries: Self.entries, paragraphs: [["quad", "aukus"]], link: { $0 })
    #expect(small.bounded(maxNodes: 150, maxEdges: 1_000, linksPerNode: 1).edges == small.edges)
    #expect(small.view(title: "T", scope: "terms")?.totalTerms == nil)
  }

  @Test(
    "an article's map draws each term with its 3 strongest links once it has over 40, and says so")
  func boundedArticleMap() throws {
    // Eight terms all in one paragraph: 28 pairs, drawn whole; then twelve: 66, bounded.
    func site(_ count: Int) -> String {
      let ids = (0..<count).map { "term\($0)" }
      return minimalSite + ids.map { entry($0, term: "Term\($0.dropFirst(4))") }.joined()
        + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\n"
        + ids.map { "Term\($0.dropFirst(4))" }.joined(separator: " and ") + ".\n"
    }
    let theme = TestSite.minimalTheme.merging([
      "Theme/templates/article.mustache":
        "{{#article}}{{concept_map_term_count}} terms, {{concept_map_edge_count}} lines{{#concept_map_partial}}, {{concept_map_links_per_term}} per term{{/concept_map_partial}}{{#concept_map_omits_terms}}, some left out{{/concept_map_omits_terms}}{{/article}}"
    ]) { _, new in new }
    let small = try TestSite(site(8), theme: theme)
    try small.build()
    #expect(try small.read("Site/articles/a/index.html") == "8 terms, 28 lines")
    let large = try TestSite(site(12), theme: theme)
    try large.build()
    let page = try large.read("Site/articles/a/index.html")
    #expect(page.hasPrefix("12 terms, ") && page.hasSuffix(" lines, 3 per term"))
    let lines = Int(page.split(separator: " ")[2])!
    #expect(lines <= 12 * 3 && lines >= 12 * 3 / 2)
  }

  @Test("the site-wide pair counts follow edits article by article")
  func pairCountsFollowEdits() {
    var counts = PairCounts()
    counts.update([("a", 1, { [["x", "y"], ["x", "y", "z"]] }), ("b", 1, { [["y", "x"]] })])
    #expect(counts.totals == ConceptMap.pairs(in: [["x", "y"], ["x", "y", "z"], ["y", "x"]]))
    let generation = counts.generation
    counts.update([("a", 1, { [] }), ("b", 1, { [] })])
    #expect(counts.generation == generation, "unchanged versions are not counted again")
    counts.update([("a", 2, { [["x", "z"]] })])
    #expect(counts.totals == ConceptMap.pairs(in: [["x", "z"]]))
    #expect(counts.generation > generation)
  }

  @Test("two terms are joined once per paragraph they share; repeats in a paragraph count once")
  func edges() {
    let map = ConceptMap(
      entries: Self.entries,
      paragraphs: [
        ["quad", "aukus", "quad"], ["aukus", "quad"], ["nato", "unknown"], ["nato", "containment"],
      ],
      link: { "\($0)/index.html" })
    #expect(
      map.edges == [
        ConceptMap.Edge(a: "aukus", b: "quad", weight: 2),
        ConceptMap.Edge(a: "containment", b: "nato", weight: 1),
      ])
    #expect(map.neighbours(of: "quad").map(\.id) == ["aukus"])
    #expect(map.neighbours(of: "nato").map(\.id) == ["containment"])
  }

  @Test("nodes are grouped by category in the contract's order, A–Z inside a category")
  func order() {
    let map = ConceptMap(
      entries: Self.entries.reversed(), paragraphs: [], link: { "\($0)/index.html" })
    #expect(map.nodes.map(\.id) == ["quad", "aukus", "nato", "containment"])
  }

  @Test(
    "every node is a link to its entry, labelled with its term, inside a titled and described SVG")
  func markup() {
    let map = ConceptMap(
      entries: Self.entries, paragraphs: [["quad", "aukus"]],
      link: { "../../glossary/\($0)/index.html" })
    let svg = map.svg(title: "Map <of> terms", description: "A & B")
    #expect(svg.hasPrefix("<svg class=\"concept-map-svg\" xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains(#"aria-labelledby="cm-title" aria-describedby="cm-desc""#))
    #expect(svg.contains(#"<title id="cm-title">Map &lt;of&gt; terms</title>"#))
    #expect(svg.contains(#"<desc id="cm-desc">A &amp; B</desc>"#))
    #expect(!svg.contains(#"role="img""#), "role img would hide the links")
    // A label that is the whole term names its link; no title repeats it.
    for entry in Self.entries {
      #expect(svg.contains(#"<a href="../../glossary/\#(entry.id)/index.html"><circle "#))
      #expect(svg.contains(">\(entry.term)</text>"))
    }
    #expect(svg.components(separatedBy: "<title").count - 1 == 1)
    // Compact: a line names its ends by their places among the nodes (quad 0, aukus 1, nato 2,
    // containment 3), and a group per category colours its dots.
    #expect(svg.contains(#"<path data-e="1 0" d="M"#))
    #expect(svg.components(separatedBy: "<path ").count - 1 == 1)
    let categories = Set(Self.entries.map(\.category.colour))
    for colour in categories { #expect(svg.contains(#"<g class="cm-cat-\#(colour)">"#)) }
    #expect(svg.components(separatedBy: "<g class=\"cm-cat-").count - 1 == categories.count)
    #expect(svg.components(separatedBy: "<circle ").count - 1 == Self.entries.count)
    for old in ["data-a=", "data-b=", "data-weight=", "data-id=", "class=\"cm-node\"", "cm-dot"] {
      #expect(!svg.contains(old), "\(old)")
    }
  }

  @Test("each line's data-e names the nodes it joins, in the order the nodes are drawn")
  func edgeEnds() throws {
    let map = ConceptMap(
      entries: Self.entries, paragraphs: [["quad", "aukus", "nato"], ["containment", "nato"]],
      link: { "\($0)/index.html" })
    let svg = map.svg(title: "t", description: "d")
    let drawn = svg.matches(of: try Regex(#"<a href="([^"]+)/index.html">"#)).map {
      String($0.output[1].substring ?? "")
    }
    #expect(drawn == map.nodes.map(\.id))
    let ends = svg.matches(of: try Regex(#"data-e="(\d+) (\d+)""#)).map {
      Set([
        drawn[Int($0.output[1].substring ?? "") ?? 0],
        drawn[Int($0.output[2].substring ?? "") ?? 0],
      ])
    }
    #expect(ends.count == map.edges.count)
    // Only a line of more than one paragraph states its width (SVG's default is 1).
    #expect(!svg.contains("stroke-width="))
    let heavier = ConceptMap(
      entries: Self.entries,
      paragraphs: [["quad", "aukus"], ["quad", "aukus"], ["nato", "containment"]],
      link: { "\($0)/index.html" }
    ).svg(title: "t", description: "d")
    #expect(heavier.contains(#"<path data-e="1 0" stroke-width="1.6" d="M"#))
    #expect(heavier.components(separatedBy: "stroke-width=").count - 1 == 1)
    #expect(Set(ends) == Set(map.edges.map { Set([$0.a, $0.b]) }))
  }

  @Test("the layout is the same every time and stays inside its view box")
  func deterministicLayout() throws {
    let paragraphs = [["quad", "aukus", "nato"], ["containment", "nato"]]
    let first = ConceptMap(
      entries: Self.entries, paragraphs: paragraphs, link: { "\($0)/index.html" }
    ).svg(
      title: "t", description: "d")
    let second = ConceptMap(
      entries: Self.entries, paragraphs: paragraphs, link: { "\($0)/index.html" }
    ).svg(
      title: "t", description: "d")
    #expect(first == second)
    let box = try #require(first.firstMatch(of: try Regex(#"viewBox="(\d+) (\d+) (\d+) (\d+)""#)))
    let numbers = (1...4).map { Double(box.output[$0].substring ?? "") ?? 0 }
    let (left, top, width, height) = (numbers[0], numbers[1], numbers[2], numbers[3])
    for match in first.matches(of: try Regex(#"cx="(-?[\d.]+)" cy="(-?[\d.]+)""#)) {
      let x = Double(match.output[1].substring ?? "") ?? -1
      let y = Double(match.output[2].substring ?? "") ?? -1
      #expect(
        x > left && x < left + width && y > top && y < top + height,
        "node at \(x), \(y) outside the drawing")
    }
  }

  @Test("no two labels share an angle, and left-half labels are turned to read left to right")
  func labelsDoNotCollide() {
    let many = (0..<40).map {
      Self.glossaryEntry("t\($0)", "Term number \($0)", EntryCategory.defaults[$0 % 9])
    }
    let map = ConceptMap(entries: many, paragraphs: [], link: { "\($0)/index.html" })
    let layout = map.layout()
    let angles = layout.placements.values.map(\.angle).sorted()
    for (a, b) in zip(angles, angles.dropFirst()) {
      // Arc between neighbours at the circle: at least the label's line height.
      #expect((b - a) * Double.pi / 180 * layout.radius >= ConceptMap.fontSize * 1.2)
    }
    let svg = map.svg(title: "t", description: "d")
    #expect(svg.contains(#"text-anchor="end""#) && svg.contains(#"text-anchor="start""#))
  }

  @Test("a long term is shown by its longest short alias, or cut at a word with an ellipsis")
  func labels() {
    #expect(
      ConceptMap.label(for: Self.glossaryEntry("a", "AUKUS", .standard("alliance"))) == "AUKUS")
    let ministry = Self.glossaryEntry(
      "m", "Ministry of Foreign Affairs of the Russian Federation", .standard("organization"),
      aliases: [
        "MFA", "Russian Foreign Ministry", "Ministry of Foreign Affairs of Russia, Moscow office",
      ])
    #expect(ConceptMap.label(for: ministry) == "Russian Foreign Ministry")
    let treaty = Self.glossaryEntry(
      "t", "Treaty of Good-Neighbourliness and Friendly Cooperation", .standard("document"))
    #expect(ConceptMap.label(for: treaty) == "Treaty of Good-Neighbourliness…")
  }

  @Test("a shortened label keeps the full term as its link's title")
  func shortenedLabelTitle() {
    let treaty = Self.glossaryEntry(
      "t", "Treaty of Good-Neighbourliness and Friendly Cooperation", .standard("document"))
    let map = ConceptMap(
      entries: [treaty] + Self.entries, paragraphs: [], link: { "\($0)/index.html" })
    let svg = map.svg(title: "t", description: "d")
    #expect(
      svg.contains(
        #"<a href="t/index.html"><title>Treaty of Good-Neighbourliness and Friendly Cooperation</title><circle "#
      ))
    #expect(svg.contains(">Treaty of Good-Neighbourliness…</text>"))
    #expect(svg.components(separatedBy: "<title").count - 1 == 2)
  }

  @Test("the map as a list links each term once and names the terms it shares a paragraph with")
  func listLinksEachTermOnce() {
    let map = ConceptMap(
      entries: Self.entries, paragraphs: [["quad", "aukus", "nato"]],
      link: { "\($0)/index.html" })
    let list = map.listHTML()
    #expect(list.contains(#"<li><a href="quad/index.html">Quad</a>: AUKUS, NATO</li>"#))
    #expect(list.contains(#"<li><a href="aukus/index.html">AUKUS</a>: "#))
    #expect(
      list.contains(
        #"<li><a href="containment/index.html">Containment</a>: <span class="concept-list-none">no shared paragraph</span></li>"#
      ))
    #expect(list.components(separatedBy: "<a ").count - 1 == Self.entries.count)
  }

  @Test("the map as a list speaks the site's language")
  func listInTheSiteLanguage() throws {
    let theme = try Theme(directory: Repository.root.appendingPathComponent("Theme"))
    let map = ConceptMap(
      entries: Self.entries, paragraphs: [["quad", "aukus", "nato"]],
      link: { "\($0)/index.html" })
    let chinese = map.listHTML(words: ConceptMapWords(theme.strings, language: "zh"))
    #expect(chinese.contains(#"<li><a href="quad/index.html">Quad</a>：AUKUS、NATO</li>"#))
    #expect(chinese.contains(#"<span class="concept-list-none">未与其他术语同段出现</span>"#))
    let urdu = map.listHTML(words: ConceptMapWords(theme.strings, language: "ur"))
    #expect(urdu.contains(#"<li><a href="quad/index.html">Quad</a>: AUKUS، NATO</li>"#))
  }

  @Test("numbers have one decimal at most and never read -0")
  func numbers() {
    #expect(ConceptMap.number(12.34) == "12.3")
    #expect(ConceptMap.number(12.0) == "12")
    #expect(ConceptMap.number(-0.04) == "0")
    #expect(ConceptMap.number(-3.25) == "-3.3" || ConceptMap.number(-3.25) == "-3.2")
  }

  @Test("the glossary index and each article get a map; a single term gets none")
  func pages() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad and AUKUS.

        NATO alone.
        """ + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS")
        + entry("nato", term: "NATO"))
    try site.write(
      "Theme/templates/glossary.mustache",
      "{{#has_concept_map}}MAP {{concept_map_term_count}}/{{concept_map_edge_count}}{{{concept_map_svg}}}{{{concept_map_list_html}}}{{#concept_map_categories}}[{{key}}:{{label}}]{{/concept_map_categories}}{{/has_concept_map}}"
    )
    try site.write(
      "Theme/templates/article.mustache",
      "{{#article.has_concept_map}}MAP {{article.concept_map_term_count}}{{{article.concept_map_svg}}}{{/article.has_concept_map}}"
    )
    try site.build()
    let glossary = try site.read("Site/glossary/index.html")
    #expect(glossary.contains("MAP 3/1"))
    #expect(glossary.contains(#"href="quad/index.html""#))
    #expect(glossary.contains("[concept:Concepts]"))
    #expect(
      glossary.contains(
        #"<li><a href="nato/index.html">NATO</a>: <span class="concept-list-none">no shared paragraph</span></li>"#
      ))
    let article = try site.read("Site/articles/a/index.html")
    #expect(article.contains("MAP 3"))
    #expect(article.contains(#"href="../../glossary/aukus/index.html""#))

    let lonely = try TestSite(
      minimalSite + "\n-- Content/articles/b.md --\n---\ntitle: B\n---\nOnly Quad.\n"
        + entry("quad", term: "Quad"))
    try lonely.write(
      "Theme/templates/article.mustache",
      "{{#article.has_concept_map}}MAP{{/article.has_concept_map}}{{^article.has_concept_map}}NONE{{/article.has_concept_map}}"
    )
    try lonely.build()
    #expect(try lonely.read("Site/articles/b/index.html") == "NONE")
  }

  @Test("a theme whose templates never name the concept map does not get one computed")
  func onlyWhenTheThemeShowsIt() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nQuad and AUKUS.\n"
        + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS"))
    let plain = try Theme(directory: site.root.appendingPathComponent("Theme"))
    #expect(!plain.usesConceptMap)
    try site.write(
      "Theme/templates/glossary.mustache",
      "{{#has_concept_map}}MAP {{concept_map_term_count}}{{/has_concept_map}}")
    #expect(try Theme(directory: site.root.appendingPathComponent("Theme")).usesConceptMap)
    try site.build()
    #expect(try site.read("Site/glossary/index.html") == "MAP 2")
  }
}
