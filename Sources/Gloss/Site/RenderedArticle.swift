import Foundation

/// An article after parse → link → render.
///
/// A class: the pipeline keeps 10,000 of them and hands them to every stage on every rebuild;
/// shared, a render is one reference instead of a copy of every string it holds.
public final class RenderedArticle: Sendable {
  public let article: Article
  public let markdown: RenderedMarkdown
  public let policy: LinkPolicy
  /// Editor's notes by number, rendered for the margin and the endnotes.
  let notes: [Int: RenderedNote]
  /// Changes whenever the pipeline renders the article again: what pages made from the render
  /// compare to know whether it changed.
  let version: Int
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
    self.version = 0
    var seen = Set<String>()
    var order: [String] = []
    let fromNotes = markdown.notes.flatMap { notes[$0.number]?.termsInOrder ?? [] }
    for id in markdown.termsInOrder + fromNotes where seen.insert(id).inserted { order.append(id) }
    self.termsInOrder = order
  }

  private init(_ other: RenderedArticle, version: Int) {
    article = other.article
    markdown = other.markdown
    policy = other.policy
    notes = other.notes
    termsInOrder = other.termsInOrder
    self.version = version
  }

  /// The same render with the pipeline's number.
  func numbered(_ version: Int) -> RenderedArticle { RenderedArticle(self, version: version) }
}

/// Where a glossary entry is mentioned.
public struct MentionSite: Sendable, Hashable {
  public var slug: String
  public var articleTitle: String
  public var paragraph: Int?
  public var excerptHTML: String
}
