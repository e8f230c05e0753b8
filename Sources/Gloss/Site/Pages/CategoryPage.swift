/// A page of one category of a large glossary (`SiteRoutes.categoryPagesThreshold`): its entries
/// A–Z with their summaries and mention counts, as the glossary index lists them on a small
/// glossary; `SiteRoutes.entriesPerCategoryPage` at a time.
public struct CategoryPage: TemplateModel {
  public var common: PageCommon
  /// The category, with this page's share of its entries.
  public var category: CategoryGroup
  public var glossaryURL: String
  /// Every category that has a page, this one included, for moving between them.
  public var categories: [CategoryLink]
  /// Which of the category's entries (1-based) this page lists.
  public var entriesFrom: Int
  public var entriesTo: Int
  /// Links to the category's other pages, when it has several.
  public var pager: Pager?

  public static let templateFields = TemplateFields<Self>(
    "category page",
    .embedding { $0.common },
    [
      .object("category") { $0.category },
      .text("glossary_url") { $0.glossaryURL },
      .list("categories") { $0.categories },
      .number("entries_from") { $0.entriesFrom },
      .number("entries_to") { $0.entriesTo },
      .object("pager") { $0.pager },
    ])
}

/// A link to a category's page, as the list of categories shows it.
public struct CategoryLink: TemplateModel {
  public var label: String
  public var url: String
  public var count: Int
  public var isCurrent: Bool

  public static let templateFields = TemplateFields<Self>(
    "category link",
    [
      .text("label") { $0.label },
      .text("url") { $0.url },
      .number("count") { $0.count },
      .flagIfTrue("is_current") { $0.isCurrent },
    ])
}
