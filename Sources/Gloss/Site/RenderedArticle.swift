import Foundation

/// An article after parse → link → render.
public struct RenderedArticle: Sendable {
  public let article: Article
  public let markdown: RenderedMarkdown
  public let policy: LinkPolicy
  /// Editor's notes by number, rendered for the margin and the endnotes.
  let notes: [Int: RenderedNote]
  /// Changes whenever the pipeline renders the article again: what pages made from the render
  /// compare to know whether it changed.
  var version = 0
  /// Glossary entries in reading order: the body's, then those only the notes mention. Worked
  /// out once with the render: the article page, its map and its key all read it.
  let termsInOrder: [String]

  init(
    article: Article, markdown: RenderedMarkdown, policy: LinkPolicy,
    notes: [Int: RenderedNote] = [:]
  ) {
    self.article = article
    self.markdown = markdown
    self.policy = policy
    self.notes = notes
    var seen = Set<String>()
    var order: [String] = []
    let fromNotes = markdown.notes.flatMap { notes[$0.number]?.termsInOrder ?? [] }
    for id in markdown.termsInOrder + fromNotes where seen.insert(id).inserted { order.append(id) }
    self.termsInOrder = order
  }
}

/// Where a glossary entry is mentioned.
public struct MentionSite: Sendable, Hashable {
  public var slug: String
  public var articleTitle: String
  public var paragraph: Int?
  public var excerptHTML: String
}
