/// The pages of the home page's list, kept by page number while their cards are the same: an
/// article edit makes again only the page whose card it changed.
typealias HomePageMemo = InputMemo<HomePageInputs, HomePage>

/// What a page of the home page is made from.
struct HomePageInputs: Equatable, Sendable {
  var number: Int
  var total: Int
  var cards: [ArticleSummary]
  var entryCount: Int
  var site: Int
}

/// Each article's card (its summary), kept while its render and the site's settings are the
/// same: dates and reading times are written once per render, not once per run.
typealias CardMemo = InputMemo<CardInputs, ArticleSummary>

struct CardInputs: Equatable, Sendable {
  var version: Int
  var site: Int
  var language: String
}
