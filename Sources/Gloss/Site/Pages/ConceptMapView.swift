/// A drawn concept map and its legend, as the article and glossary pages show it.
public struct ConceptMapView: TemplateModel {
  public struct Category: TemplateModel {
    public var key: String
    public var label: String
    /// `cm-cat-<colour>` in the theme (`EntryCategory.colour`).
    public var colour: String

    public static let templateFields = TemplateFields<Self>(
      "map category",
      [.text("key") { $0.key }, .text("label") { $0.label }, .text("colour") { $0.colour }])
  }

  public var svg: String
  public var listHTML: String
  public var termCount: Int
  public var edgeCount: Int
  /// Set when the map is bounded: all the terms there are, and the links each drawn one keeps.
  public var totalTerms: Int?
  public var linksPerTerm: Int?
  public var categories: [Category]

  public static let templateFields = TemplateFields<Self>(
    "concept map",
    [
      .flag("has_concept_map") { _ in true },
      .html("concept_map_svg") { $0.svg },
      .html("concept_map_list_html") { $0.listHTML },
      .number("concept_map_term_count") { $0.termCount },
      .number("concept_map_edge_count") { $0.edgeCount },
      .list("concept_map_categories") { $0.categories },
      .flagIfTrue("concept_map_partial") { $0.totalTerms != nil },
      // Set when some terms are not drawn at all, not only some of their links.
      .flagIfTrue("concept_map_omits_terms") { ($0.totalTerms ?? 0) > $0.termCount },
      .number("concept_map_total_terms") { $0.totalTerms },
      .number("concept_map_links_per_term") { $0.linksPerTerm },
    ])
}
