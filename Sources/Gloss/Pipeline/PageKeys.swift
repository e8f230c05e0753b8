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

  /// The newest number of the tips of `ids`.
  func newestTip(_ ids: [String]) -> Int {
    var newest = 0
    for id in ids {
      if let version = tips[id], version > newest { newest = version }
    }
    return newest
  }
}

/// The page models kept across runs, by page. A one-shot build keeps no page models (each is
/// made once and written), but keeps the cards: a card is a fragment shared within the build.
final class PageMemos: Sendable {
  let articles: ArticlePageMemo
  let entries: EntryPageMemo
  let homes: HomePageMemo
  let cards = CardMemo()

  init(retains: Bool = true) {
    articles = ArticlePageMemo(retains: retains)
    entries = EntryPageMemo(retains: retains)
    homes = HomePageMemo(retains: retains)
  }
}
