/// The home page: every article's card and a way into the glossary.
public struct HomePage: TemplateModel {
  public var common: PageCommon
  public var articles: [ArticleCard]
  public var entryCount: Int
  public var glossaryURL: String
  /// Links to the other pages of the list, when there are several.
  public var pager: Pager?

  public static let templateFields = TemplateFields<Self>(
    "home page",
    .embedding { $0.common },
    [
      .list("articles") { $0.articles },
      .flag("has_articles") { !$0.articles.isEmpty },
      .number("entry_count") { $0.entryCount },
      .text("glossary_url") { $0.glossaryURL },
      .object("pager") { $0.pager },
    ])
}

/// Where a page is among the pages of a list, and the links to the others.
public struct Pager: TemplateModel {
  public var current: Int
  public var total: Int
  /// The page before (newer articles) and after (older ones).
  public var previousURL: String?
  public var nextURL: String?
  /// The first and last pages and those near this one, in order; a gap stands for the rest.
  public var pages: [PagerItem]

  public static let templateFields = TemplateFields<Self>(
    "pager",
    [
      .number("current") { $0.current },
      .number("total") { $0.total },
      .text("previous_url") { $0.previousURL },
      .text("next_url") { $0.nextURL },
      .list("pages") { $0.pages },
    ])
}

/// One page number of a pager, or a gap between page numbers.
public struct PagerItem: TemplateModel {
  public var number: Int
  public var url: String
  public var isCurrent: Bool
  public var isGap: Bool

  public static let templateFields = TemplateFields<Self>(
    "pager item",
    [
      .number("number") { $0.number },
      .text("url") { $0.url },
      .flagIfTrue("is_current") { $0.isCurrent },
      .flagIfTrue("is_gap") { $0.isGap },
    ])
}
