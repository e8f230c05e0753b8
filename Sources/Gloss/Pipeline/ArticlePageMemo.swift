/// Each article's page model, kept while everything it is made from is the same: the article's
/// render, its neighbours' links, and what every page shows of the site and of the entries
/// (`SitePipeline` numbers those, `sharedVersion`). A rebuild after one edit then makes one
/// article's model instead of ten thousand, and finds the others equal at once.
typealias ArticlePageMemo = InputMemo<ArticlePageInputs, ArticlePage>

/// What an article's page model is made from.
struct ArticlePageInputs: Equatable, Sendable {
  var version: Int
  var previous: TitledLink?
  var next: TitledLink?
  var sharedVersion: Int
}
