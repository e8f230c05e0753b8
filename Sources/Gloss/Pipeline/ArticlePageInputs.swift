/// What an article's page model is made from, as small values: the article's render, its
/// neighbours' titles, the site's settings and the tips of the entries it shows. Comparing two is
/// comparing a few numbers and the neighbours' names, never two pages: a rebuild after one edit
/// makes one article's model instead of ten thousand.
struct ArticlePageInputs: Equatable, Sendable {
  var version: Int
  var previous: Neighbour?
  var next: Neighbour?
  /// `PageVersions.site`.
  var site: Int
  /// The newest of the numbers of the tips of the entries the page shows (`PageVersions.tips`).
  var tips: Int
}

/// An article or entry next to a page, as the page links to it: by slug or id, and by title or
/// term.
struct Neighbour: Equatable, Sendable {
  var id: String
  var title: String
}
