/// The glossary's index: every entry by category and A–Z, and the glossary's concept map. On a
/// large glossary (`SiteRoutes.categoryPagesThreshold`) the categories are listed with their
/// counts and links to their own pages (`CategoryPage`) instead of every entry's summary.
public struct GlossaryIndexPage: TemplateModel {
  public var common: PageCommon
  public var categories: [CategoryGroup]
  public var letters: [LetterGroup]
  public var entryCount: Int
  public var conceptMap: ConceptMapView?
  /// Whether each category has a page of its own (then `categories` list no entries).
  public var hasCategoryPages = false

  public static let templateFields = TemplateFields<Self>(
    "glossary page",
    .embedding { $0.common },
    [
      .list("categories") { $0.categories },
      .list("letters") { $0.letters },
      .number("entry_count") { $0.entryCount },
      .flagIfTrue("has_category_pages") { $0.hasCategoryPages },
    ],
    .embeddingIfPresent { $0.conceptMap })
}

/// The entries of one category, A–Z: all of them, or a page's share of them, or none when the
/// glossary index only links to the category's page.
public struct CategoryGroup: TemplateModel {
  public var key: String
  public var label: String
  /// `cm-cat-<colour>` in the theme (`EntryCategory.colour`).
  public var colour: String
  public var entries: [EntryItem]
  /// How many entries the category has in all.
  public var count: Int
  /// The category's own page, when it has one.
  public var url: String?

  public static let templateFields = TemplateFields<Self>(
    "category",
    [
      .text("key") { $0.key },
      .text("label") { $0.label },
      .text("colour") { $0.colour },
      .text("anchor") { "cat-\($0.key)" },
      .list("entries") { $0.entries },
      .number("count") { $0.count },
      .text("url") { $0.url },
    ])
}

/// The entries under one initial.
public struct LetterGroup: TemplateModel {
  public var letter: String
  public var anchor: String
  public var entries: [EntryItem]

  public static let templateFields = TemplateFields<Self>(
    "letter",
    [
      .text("letter") { $0.letter },
      .text("anchor") { $0.anchor },
      .list("entries") { $0.entries },
    ])
}

/// An entry's line in the glossary index.
public struct EntryItem: TemplateModel {
  public var id: String
  public var term: String
  public var url: String
  public var summary: String
  public var aliases: [String]
  public var mentionCount: Int
  public var category: String
  public var categoryLabel: String

  public static let templateFields = TemplateFields<Self>(
    "glossary entry",
    [
      .text("id") { $0.id },
      .text("term") { $0.term },
      .text("url") { $0.url },
      .text("summary") { $0.summary },
      .text("aliases_text") { $0.aliases.joined(separator: ", ") },
      .flag("has_aliases") { !$0.aliases.isEmpty },
      .number("mention_count") { $0.mentionCount },
      .text("category") { $0.category },
      .text("category_label") { $0.categoryLabel },
    ])
}
