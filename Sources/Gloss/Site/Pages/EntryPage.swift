/// A glossary entry's page: the explanation, its sources, related entries and every paragraph
/// that mentions it.
public struct EntryPage: TemplateModel {
  public var common: PageCommon
  public var entry: EntryBody
  public var previous: TermLink?
  public var next: TermLink?

  public static let templateFields = TemplateFields<Self>(
    "entry page",
    .embedding { $0.common },
    [
      .object("entry") { $0.entry },
      .object("prev_entry") { $0.previous },
      .object("next_entry") { $0.next },
    ])
}

/// The entry itself, as its page shows it.
public struct EntryBody: TemplateModel {
  public var id: String
  public var term: String
  public var aliases: [String]
  public var category: String
  public var categoryLabel: String
  /// The category's own page, on a large glossary (`SiteRoutes.categoryPagesThreshold`).
  public var categoryURL: String? = nil
  public var summary: String
  public var bodyHTML: String
  /// Tips for the entries the body links to.
  public var terms: [TermTip]
  public var sources: [SourceItem]
  public var seeAlso: [RelatedEntry]
  /// Entries whose see_also names this one.
  public var referencedBy: [RelatedEntry]
  /// This page's share of the paragraphs that mention the entry (`SiteRoutes.mentionsPerPage`).
  public var mentions: [MentionItem]
  /// How many paragraphs mention it in all, and which of them (1-based) this page lists.
  public var mentionCount: Int
  public var mentionsFrom: Int
  public var mentionsTo: Int
  /// Links to the other pages of mentions, when there are several.
  public var mentionsPager: Pager?
  /// A further page of mentions (2 or more), which shows the entry's header and the mentions
  /// only.
  public var isLaterPage: Bool

  public static let templateFields = TemplateFields<Self>(
    "entry",
    [
      .list("terms") { $0.terms },
      .flag("has_terms") { !$0.terms.isEmpty },
      .text("id") { $0.id },
      .text("term") { $0.term },
      .texts("aliases") { $0.aliases },
      .flag("has_aliases") { !$0.aliases.isEmpty },
      .text("category") { $0.category },
      .text("category_label") { $0.categoryLabel },
      .text("category_url") { $0.categoryURL },
      .text("summary") { $0.summary },
      .html("body_html") { $0.bodyHTML },
      .list("sources") { $0.sources },
      .flag("has_sources") { !$0.sources.isEmpty },
      .list("see_also") { $0.seeAlso },
      .flag("has_see_also") { !$0.seeAlso.isEmpty },
      .list("mentions") { $0.mentions },
      .flag("has_mentions") { !$0.mentions.isEmpty },
      .number("mention_count") { $0.mentionCount },
      .number("mentions_from") { $0.mentionsFrom },
      .number("mentions_to") { $0.mentionsTo },
      .object("mentions_pager") { $0.mentionsPager },
      .flagIfTrue("is_later_page") { $0.isLaterPage },
      .list("referenced_by") { $0.referencedBy },
      .flag("has_referenced_by") { !$0.referencedBy.isEmpty },
    ])
}

/// Another entry named on an entry's page.
public struct RelatedEntry: TemplateModel {
  public var id: String
  public var term: String
  public var url: String
  public var summary: String

  public static let templateFields = TemplateFields<Self>(
    "related entry",
    [
      .text("id") { $0.id }, .text("term") { $0.term }, .text("url") { $0.url },
      .text("summary") { $0.summary },
    ])
}

/// A paragraph that mentions the entry.
public struct MentionItem: TemplateModel {
  public var articleTitle: String
  public var articleURL: String
  /// The paragraph's link (the article's with `#p-N`).
  public var url: String
  /// The sentence with the term in `<mark>`.
  public var excerptHTML: String
  public var paragraph: Int?

  public static let templateFields = TemplateFields<Self>(
    "mention",
    [
      .text("article_title") { $0.articleTitle },
      .text("article_url") { $0.articleURL },
      .html("excerpt_html") { $0.excerptHTML },
      .text("url") { $0.url },
      .number("paragraph") { $0.paragraph },
    ])
}
