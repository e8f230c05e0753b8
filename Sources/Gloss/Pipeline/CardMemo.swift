/// Each article's card (its summary), kept while its render and the site's settings are the
/// same: dates and reading times are written once per render, not once per run.
typealias CardMemo = InputMemo<CardInputs, ArticleSummary>

struct CardInputs: Equatable, Sendable {
  var version: Int
  var site: Int
  var language: String
}
