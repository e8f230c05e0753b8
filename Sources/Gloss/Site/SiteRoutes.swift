/// The route table of one site: every file the build writes, with the prefix pages use for
/// site-relative links and the absolute URL the feed, the sitemap and canonical links use.
/// Generation, rebuilds, the sitemap, the feed, the search index and `gloss check` all read it.
public struct SiteRoutes: Sendable, Equatable {
  /// With a trailing slash: "https://example.org/readings/".
  public let baseURL: String
  /// The path part of the base URL: "/readings/".
  public let basePath: String
  public let articles: [String]
  public let entries: [String]
  public let assets: [String]
  /// Files of `Content/static/`, by path: they may replace `robots.txt`, nothing else Gloss makes.
  public let staticFiles: [String]
  /// Pages of the home page's list of articles: 1 when they fit on one.
  public let homePages: Int
  /// Pages of each entry's list of mentions, for the entries that need more than one.
  public let mentionPages: [String: Int]
  /// Paragraphs listed per page of an entry's mentions: at 10,000 articles an entry can be
  /// mentioned thousands of times, and its page must stay light.
  public static let mentionsPerPage = 50
  /// The categories that have pages of their own, in display order: every category with
  /// entries once the glossary has more than `categoryPagesThreshold`, else none.
  public let categories: [String]
  /// Pages of each category's list of entries, for the categories that need more than one.
  public let categoryPages: [String: Int]
  /// Entries past which the glossary index stops listing every entry with its summary: each
  /// category gets a page of its own (as Hugo gives each taxonomy term one) and the index keeps
  /// the categories, the concept map and the terms A–Z. At a thousand entries the whole list was
  /// 712 KB; the first edition's 61 stay on one page, as they were.
  public static let categoryPagesThreshold = 200
  /// Entries listed per page of a category: a page stays well under 300 KB however large the
  /// category grows.
  public static let entriesPerCategoryPage = 200
  /// How the search index is cut into files.
  public let search: SearchLayout

  public init(
    config: SiteConfig, articles: [String], entries: [String], assets: [String],
    staticFiles: [String] = [], mentionCounts: [String: Int] = [:],
    categorySizes: [(key: String, count: Int)] = []
  ) {
    self.baseURL = config.baseURL
    self.basePath = config.basePath
    self.articles = articles
    self.entries = entries
    self.assets = assets
    self.staticFiles = staticFiles
    self.homePages = max(1, (articles.count + config.paginate - 1) / config.paginate)
    self.mentionPages = mentionCounts.compactMapValues { count in
      let pages = (count + Self.mentionsPerPage - 1) / Self.mentionsPerPage
      return pages > 1 ? pages : nil
    }
    self.search = SearchLayout(articles: articles.count)
    let split = entries.count > Self.categoryPagesThreshold
    let sizes = split ? categorySizes.filter { $0.count > 0 } : []
    self.categories = sizes.map(\.key)
    self.categoryPages = Dictionary(
      sizes.compactMap { size in
        let pages = (size.count + Self.entriesPerCategoryPage - 1) / Self.entriesPerCategoryPage
        return pages > 1 ? (size.key, pages) : nil
      }, uniquingKeysWith: { first, _ in first })
  }

  /// Whether each category has a page of its own, and the glossary index only links to them.
  public var hasCategoryPages: Bool { !categories.isEmpty }

  /// Every page: the home page and its further pages, each article, the glossary, each
  /// category's pages (on a large glossary), each entry and its further pages of mentions,
  /// the 404 page.
  public var pages: [Route] {
    var entryPages: [Route] = []
    entryPages.reserveCapacity(entries.count)
    for id in entries {
      entryPages.append(.entry(id: id))
      if let count = mentionPages[id] {
        entryPages += (2...count).map { .entryMentions(id: id, page: $0) }
      }
    }
    let categoryRoutes = categories.flatMap { key in
      (1...categoryPageCount(key)).map { Route.category(key: key, page: $0) }
    }
    return [.home] + (1..<homePages).map { .homePage($0 + 1) }
      + articles.map { .article(slug: $0) } + [.glossary] + categoryRoutes + entryPages
      + [.notFound]
  }

  /// How many pages list the paragraphs that mention an entry.
  public func mentionPageCount(_ id: String) -> Int { mentionPages[id] ?? 1 }

  /// How many pages list a category's entries.
  public func categoryPageCount(_ key: String) -> Int { categoryPages[key] ?? 1 }

  /// Every file of the site, pages and others.
  public var all: [Route] {
    generated.filter { $0 != .robots || !staticFiles.contains(Route.robots.path) }
      + staticFiles.filter { !collisions.contains($0) }.map { .staticFile($0) }
  }

  /// Every file Gloss makes itself.
  private var generated: [Route] {
    pages + [.feed, .sitemap, .robots] + search.routes + assets.map { .asset($0) }
  }

  /// Static files at a path Gloss writes a file of its own to (other than `robots.txt`, which
  /// a site may write itself, as Hugo sites do): an error, as two files cannot share a path.
  public var collisions: Set<String> {
    guard !staticFiles.isEmpty else { return [] }
    let own = Set(generated.map(\.path)).subtracting([Route.robots.path])
    // A page's folder is taken too: `articles/x` cannot be a file when `articles/x/index.html` is.
    let folders = Set(
      generated.flatMap { route in
        route.folders.indices.map { route.folders[...$0].joined(separator: "/") }
      })
    return Set(staticFiles.filter { own.contains($0) || folders.contains($0) })
  }

  /// Pages search engines should list: every page but the 404.
  public var listed: [Route] { pages.filter { $0 != .notFound } }

  /// What a template's `{{root}}` is on a page: the relative way back to the site root; for the
  /// 404 page, which servers show at any address, the absolute path of the base URL.
  public func root(of route: Route) -> String {
    route == .notFound ? basePath : route.relativeRoot
  }

  /// The link from the page at `route` to `target`: relative, except from the 404 page, which
  /// is served at any address and so links from the site's base path.
  public func link(from route: Route, to target: Route) -> String {
    route == .notFound ? basePath + target.path : route.link(to: target)
  }

  /// The absolute, clean URL: "https://example.org/glossary/quad/".
  public func url(of route: Route) -> String { baseURL + route.cleanPath }
}
