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
  /// How the search index is cut into files.
  public let search: SearchLayout

  public init(
    config: SiteConfig, articles: [String], entries: [String], assets: [String],
    staticFiles: [String] = [], mentionCounts: [String: Int] = [:]
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
  }

  /// Every page: the home page and its further pages, each article, the glossary, each
  /// entry and its further pages of mentions, the 404 page.
  public var pages: [Route] {
    var entryPages: [Route] = []
    entryPages.reserveCapacity(entries.count)
    for id in entries {
      entryPages.append(.entry(id: id))
      if let count = mentionPages[id] {
        entryPages += (2...count).map { .entryMentions(id: id, page: $0) }
      }
    }
    return [.home] + (1..<homePages).map { .homePage($0 + 1) }
      + articles.map { .article(slug: $0) } + [.glossary] + entryPages + [.notFound]
  }

  /// How many pages list the paragraphs that mention an entry.
  public func mentionPageCount(_ id: String) -> Int { mentionPages[id] ?? 1 }

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

  /// The absolute, clean URL: "https://example.org/glossary/quad/".
  public func url(of route: Route) -> String { baseURL + route.cleanPath }
}
