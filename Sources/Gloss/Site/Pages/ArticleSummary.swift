/// What lists of articles show of one: the home page's cards and the top of the article page.
public struct ArticleSummary: TemplateModel {
  public var slug: String
  public var title: String
  public var byline: String?
  public var summary: String?
  public var date: String?
  public var dateDisplay: String?
  public var readingMinutes: Int
  /// Entries the article's body mentions.
  public var termCount: Int
  public var noteCount: Int
  /// Set when a count shown with the card is 1, for singular wording.
  public var termCountOne: Bool

  static let fields: [TemplateField<Self>] = [
    .text("slug") { $0.slug },
    .text("title") { $0.title },
    .number("reading_minutes") { $0.readingMinutes },
    .number("term_count") { $0.termCount },
    .number("note_count") { $0.noteCount },
    .flagIfTrue("term_count_one") { $0.termCountOne },
    .text("byline") { $0.byline },
    .text("summary") { $0.summary },
    .text("date") { $0.date },
    .text("date_display") { $0.dateDisplay },
  ]

  public static let templateFields = TemplateFields<Self>("article summary", fields)
}

/// An article's card on the home page: its summary and a link to it.
public struct ArticleCard: TemplateModel {
  public var summary: ArticleSummary
  public var url: String

  public static let templateFields = TemplateFields<Self>(
    "article card", .embedding { $0.summary },
    [.text("url") { $0.url }])
}
