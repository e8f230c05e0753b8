/// How many files the search index is cut into: fixed by the number of articles, so that the
/// route table knows every file before anything is rendered, and an edit changes the contents
/// of a few files, never their names.
public struct SearchLayout: Sendable, Equatable, Hashable {
  /// Articles, numbered 0… from the oldest (the reverse of site order), so that a new
  /// article takes the next number and the others keep theirs.
  public let documents: Int
  /// Files of postings (term → articles), a power of two: a term's file is its hash's low bits.
  public let termShards: Int
  /// Files of the word list (term → how many articles have it), keyed by a term's first two
  /// characters: what a prefix query reads to find the words it could be.
  public let wordShards: Int

  /// About ten articles' terms per postings file: at 10,000 articles a file holds a common
  /// word's postings and little else, so a one-word query reads tens of kilobytes.
  static let articlesPerTermShard = 10
  static let termShardsPerWordShard = 16
  static let maximumTermShards = 4096

  public init(articles: Int) {
    documents = articles
    var shards = 1
    while shards * Self.articlesPerTermShard < articles, shards < Self.maximumTermShards {
      shards *= 2
    }
    termShards = shards
    wordShards = max(1, shards / Self.termShardsPerWordShard)
  }

  /// The files, in the order the route table lists them.
  var routes: [Route] {
    [.searchManifest, .searchEntries] + (0..<termShards).map { .searchTerms($0) }
      + (0..<wordShards).map { .searchWords($0) } + (0..<documents).map { .searchDocument($0) }
  }
}
