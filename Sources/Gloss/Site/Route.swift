/// A file of the generated site. Every output path, relative link and absolute URL is derived
/// from a route here (`SiteRoutes`); nothing else in Gloss spells a path out.
public enum Route: Hashable, Sendable, Comparable {
  case home
  case article(slug: String)
  case glossary
  case entry(id: String)
  case notFound
  case feed
  case sitemap
  case searchData
  case searchScript
  /// A theme asset, by its path under `assets/`.
  case asset(String)

  /// The file's path under the output folder.
  public var path: String {
    switch self {
    case .home: "index.html"
    case .article(let slug): "articles/\(slug)/index.html"
    case .glossary: "glossary/index.html"
    case .entry(let id): "glossary/\(id)/index.html"
    case .notFound: "404.html"
    case .feed: "feed.xml"
    case .sitemap: "sitemap.xml"
    case .searchData: "search.json"
    case .searchScript: "search-index.js"
    case .asset(let name): "assets/\(name)"
    }
  }

  /// The folder the file is in, "" or ending in "/": what relative links start from.
  var folder: String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[...slash])
  }

  /// The address a server gives the file: a page's folder, with no `index.html`.
  var cleanPath: String {
    path.hasSuffix("/index.html")
      ? String(path.dropLast("index.html".count))
      : path == "index.html" ? "" : path
  }

  /// Whether the file is an HTML page (what the summary line counts).
  public var isPage: Bool { path.hasSuffix(".html") }

  /// A relative link from a page at `self` to `target`, naming its file: browsers do not
  /// resolve a folder to its `index.html` under `file://`.
  public func link(to target: Route) -> String {
    let from = folder.split(separator: "/")
    let to = target.path.split(separator: "/")
    var shared = 0
    while shared < from.count, shared < to.count - 1, from[shared] == to[shared] { shared += 1 }
    return String(repeating: "../", count: from.count - shared)
      + to[shared...].joined(separator: "/")
  }

  /// `link(to: .home)` without the file name: the prefix templates put before every site path.
  var relativeRoot: String { String(repeating: "../", count: folder.split(separator: "/").count) }

  public static func < (lhs: Route, rhs: Route) -> Bool { lhs.path < rhs.path }
}
