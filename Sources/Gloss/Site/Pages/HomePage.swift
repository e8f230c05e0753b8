/// The home page: every article's card and a way into the glossary.
public struct HomePage: TemplateModel {
  public var common: PageCommon
  public var articles: [ArticleCard]
  public var entryCount: Int
  public var glossaryURL: String

  public static let templateFields = TemplateFields<Self>(
    "home page",
    .embedding { $0.common },
    [
      .list("articles") { $0.articles },
      .flag("has_articles") { !$0.articles.isEmpty },
      .number("entry_count") { $0.entryCount },
      .text("glossary_url") { $0.glossaryURL },
    ])
}
