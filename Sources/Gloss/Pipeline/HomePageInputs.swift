/// What a page of the home page's list is made from: an article edit makes again only the page
/// whose card it changed.
struct HomePageInputs: Equatable, Sendable {
  var number: Int
  var total: Int
  var cards: [ArticleSummary]
  var entryCount: Int
  var site: Int
}
