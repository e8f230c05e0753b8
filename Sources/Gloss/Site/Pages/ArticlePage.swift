/// An article's page: the annotated text, its notes, its terms and its neighbours.
public struct ArticlePage: TemplateModel {
  public var common: PageCommon
  public var article: ArticleBody
  /// The older article (articles are newest first).
  public var previous: TitledLink?
  /// The newer article.
  public var next: TitledLink?

  public static let templateFields = TemplateFields<Self>(
    "article page",
    .embedding { $0.common },
    [
      .object("article") { $0.article },
      .object("prev") { $0.previous },
      .object("next") { $0.next },
    ])
}

/// The article itself, as its page shows it.
public struct ArticleBody: TemplateModel {
  public var summary: ArticleSummary
  public var authorNote: String?
  public var sourceTitle: String?
  public var sourceURL: String?
  public var wordCount: Int
  /// cmark's HTML with the glossary links and the notes' marks.
  public var bodyHTML: String
  public var toc: [TocItem]
  /// Entries in the order a reader meets them, the notes' included.
  public var terms: [TermTip]
  public var notes: [NoteItem]
  public var conceptMap: ConceptMapView?

  public static let templateFields = TemplateFields<Self>(
    "article",
    .embedding { $0.summary },
    [
      .text("author_note") { $0.authorNote },
      .text("source_title") { $0.sourceTitle },
      .text("source_url") { $0.sourceURL },
      .number("word_count") { $0.wordCount },
      .html("body_html") { $0.bodyHTML },
      .list("toc") { $0.toc },
      .flag("has_toc") { !$0.toc.isEmpty },
      .list("terms") { $0.terms },
      .flag("has_terms") { !$0.terms.isEmpty },
      .list("notes") { $0.notes },
      .flag("has_notes") { !$0.notes.isEmpty },
      .flagIfTrue("note_count_one") { $0.notes.count == 1 },
    ],
    .embeddingIfPresent { $0.conceptMap })
}

/// A heading, for the table of contents.
public struct TocItem: TemplateModel {
  public var id: String
  public var text: String
  public var level: Int

  public static let templateFields = TemplateFields<Self>(
    "heading", [.text("id") { $0.id }, .text("text") { $0.text }, .number("level") { $0.level }])
}

/// An editor's note, as the endnotes list it.
public struct NoteItem: TemplateModel {
  public var number: Int
  public var id: String
  public var kind: String
  public var kindLabel: String
  public var noteHTML: String
  /// The passage as the reader sees it.
  public var quote: String
  public var sources: [SourceItem]
  /// N of the paragraph's `p-N`.
  public var paragraph: Int?

  public static let templateFields = TemplateFields<Self>(
    "note",
    [
      .number("number") { $0.number },
      .text("id") { $0.id },
      .text("kind") { $0.kind },
      .text("kind_label") { $0.kindLabel },
      .html("note_html") { $0.noteHTML },
      .text("quote") { $0.quote },
      .list("sources") { $0.sources },
      .flag("has_sources") { !$0.sources.isEmpty },
      .number("paragraph") { $0.paragraph },
    ])
}
