/// One article's part of the search index, made with its render and kept with it: a rebuild
/// makes only the edited article's.
struct SearchDocument: Sendable, Equatable {
  /// A term the article contains and how much it weighs there. Some 5 million are kept at
  /// 10,000 articles until the index is written: a 32-bit weight beside the 32-bit hash keeps
  /// each at 24 bytes instead of 32.
  struct Posting: Sendable, Equatable {
    var term: String
    var hash: UInt32
    var weight: UInt32
  }

  /// Every term of the title, the summary and the numbered paragraphs, sorted by hash.
  var postings: [Posting]

  /// Words of the title weigh most, then the summary's; body words by how often they occur, up
  /// to a cap so that one long article does not outrank every short one.
  static let titleWeight = 30
  static let summaryWeight = 10
  static let bodyWeightCap = 20

  /// The fragment a result is shown from: `{"paragraphs":[{"n":1,"text":…}],"slug":…,
  /// "summary":…,"title":…,"url":…}`, as JSON text. Made when the fragment's file is written,
  /// not kept: at 10,000 articles the fragments are 60 MB.
  static func json(_ article: RenderedArticle) -> String {
    var members: [String: JSONValue] = [
      "slug": .string(article.article.slug),
      "title": .string(article.article.title),
      "url": .string(Route.article(slug: article.article.slug).path),
      "paragraphs": .array(
        article.markdown.paragraphs.compactMap { paragraph in
          guard let number = paragraph.number else { return nil }
          return .object(["n": .int(number), "text": .string(paragraph.text)])
        }),
    ]
    if let summary = article.article.summary { members["summary"] = .string(summary) }
    if let byline = article.article.byline { members["byline"] = .string(byline) }
    return JSONValue.object(members).text
  }

  init(_ article: RenderedArticle) {
    var body: [String: Int] = [:]
    body.reserveCapacity(512)
    for paragraph in article.markdown.paragraphs where paragraph.number != nil {
      for term in SearchText.terms(paragraph.text) { body[term, default: 0] += 1 }
    }
    var weights = body.mapValues { min($0, Self.bodyWeightCap) }
    for term in Set(SearchText.terms(article.article.summary ?? "")) {
      weights[term, default: 0] += Self.summaryWeight
    }
    for term in Set(SearchText.terms(article.article.title)) {
      weights[term, default: 0] += Self.titleWeight
    }
    // In a stable order that costs no String comparison: by hash, then by term on the rare tie.
    postings = weights.map { term, weight in
      Posting(term: term, hash: SearchText.hash(utf8: term.utf8), weight: UInt32(weight))
    }.sorted { $0.hash != $1.hash ? $0.hash < $1.hash : $0.term < $1.term }
  }
}
