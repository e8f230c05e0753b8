/// The small key of a page whose model is made only when it changes: articles', entries' and
/// the home page's (the many pages). Two runs that give a page equal keys give it equal models.
enum PageKey: Equatable, Sendable {
  case article(ArticlePageInputs)
  case entry(EntryPageInputs)
  case home(HomePageInputs)
}

/// The numbers page keys are made of, kept by the pipeline across runs. Every number comes from
/// one counter that only goes up, so a page's newest number changes whenever any of its
/// numbers does.
struct PageVersions: Sendable {
  /// Changes whenever the site's settings, the theme or a picture's size does.
  var site = 0
  /// Each entry's tip (term, summary, category), by id.
  var tips: [String: Int] = [:]
  /// Each entry's list of mentions, by id.
  var mentions: [String: Int] = [:]
  var linkerGeneration = 0
  /// Goes up whenever an entry's tip changes, comes or goes: what each article's newest tip in
  /// `articleTips` is remembered against.
  var tipsGeneration = 0
  /// Each article's `newestTip(termsInOrder)`, in site order, when the pipeline worked them out
  /// ahead (looked up every run, they were 200,000 dictionary lookups at 10,000 articles); empty
  /// otherwise.
  var articleTips: [Int] = []

  /// The newest number of the tips of `ids`.
  func newestTip(_ ids: [String]) -> Int {
    var newest = 0
    for id in ids {
      if let version = tips[id], version > newest { newest = version }
    }
    return newest
  }
}

/// What page models share across runs: each article's card (the home pages and the entry pages
/// show it). Page models themselves are not kept: a page is made again only when its key
/// changes, and kept, the models of 10,000 articles' pages are hundreds of megabytes.
final class PageMemos: Sendable {
  let cards = CardMemo()
}
