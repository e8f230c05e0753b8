/// A glossary entry as a page that mentions it shows it: the term's preview (its tip) and its
/// line in "Terms in this article".
public struct TermTip: TemplateModel {
  public var id: String
  public var term: String
  public var url: String
  public var summary: String
  public var category: String
  public var categoryLabel: String

  public static let templateFields = TemplateFields<Self>(
    "term",
    [
      .text("id") { $0.id },
      .text("term") { $0.term },
      .text("url") { $0.url },
      .text("summary") { $0.summary },
      .text("category") { $0.category },
      .text("category_label") { $0.categoryLabel },
    ])
}

/// A link to another page with its title: previous and next articles.
public struct TitledLink: TemplateModel {
  public var title: String
  public var url: String

  public static let templateFields = TemplateFields<Self>(
    "link", [.text("title") { $0.title }, .text("url") { $0.url }])
}

/// A link to a glossary entry with its term: previous and next entries A–Z.
public struct TermLink: TemplateModel {
  public var term: String
  public var url: String

  public static let templateFields = TemplateFields<Self>(
    "entry link", [.text("term") { $0.term }, .text("url") { $0.url }])
}

/// A source: a title and an address.
public struct SourceItem: TemplateModel {
  public var title: String
  public var url: String

  public static let templateFields = TemplateFields<Self>(
    "source", [.text("title") { $0.title }, .text("url") { $0.url }])
}
