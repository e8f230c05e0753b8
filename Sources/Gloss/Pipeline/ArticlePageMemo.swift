import Foundation

/// Each article's page model, kept while everything it is made from is the same: the article's
/// render, its neighbours' links, and what every page shows of the site and of the entries
/// (`SitePipeline` numbers those, `sharedVersion`). A rebuild after one edit then makes one
/// article's model instead of ten thousand, and finds the others equal at once.
final class ArticlePageMemo: @unchecked Sendable {
  struct Key: Equatable {
    var version: Int
    var previous: TitledLink?
    var next: TitledLink?
    var sharedVersion: Int
  }

  private var pages: [String: (key: Key, page: ArticlePage)] = [:]
  private let lock = NSLock()

  func page(slug: String, key: Key, make: () -> ArticlePage) -> ArticlePage {
    lock.lock()
    let cached = pages[slug]
    lock.unlock()
    if let cached, cached.key == key { return cached.page }
    let page = make()
    lock.lock()
    pages[slug] = (key, page)
    lock.unlock()
    return page
  }
}
