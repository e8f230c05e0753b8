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
  /// Pages of the home page's list of articles: 1 when they fit on one.
  public let homePages: Int
  /// How the search index is cut into files.
  public let search: SearchLayout

  public init(config: SiteConfig, articles: [String], entries: [String], assets: [String]) {
    self.baseURL = config.baseURL
    self.basePath = config.basePath
    self.articles = articles
    self.entries = entries
    self.assets = assets
    self.homePages = max(1, (articles.count + config.paginate - 1) / config.paginate)
    self.search = SearchLayout(articles: articles.count)
  }

  /// Every page: the home page and its further pages, each article, the glossary, each
  /// entry, the 404 page.
  public var pages: [Route] {
    [.home] + (1..<homePages).map { .homePage($0 + 1) } + articles.map { .article(slug: $0) }
      + [.glossary] + entries.map { .entry(id: $0) } + [.notFound]
  }

  /// Every file of the site, pages and others.
  public var all: [Route] {
    pages + [.feed, .sitemap, .robots] + search.routes + assets.map { .asset($0) }
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
