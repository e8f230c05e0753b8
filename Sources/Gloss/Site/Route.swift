/// A file of the generated site. Every output path, relative link and absolute URL is derived
/// from a route here (`SiteRoutes`); nothing else in Gloss spells a path out.
public enum Route: Hashable, Sendable, Comparable {
  case home
  /// Page `n` (2 or more) of the home page's list of articles; page 1 is `home`.
  case homePage(Int)
  case article(slug: String)
  case glossary
  case entry(id: String)
  /// Page `n` (2 or more) of the paragraphs that mention an entry; page 1 is the entry's own.
  case entryMentions(id: String, page: Int)
  /// The entries of one category, on a large glossary (`SiteRoutes.categoryPagesThreshold`):
  /// under `categories/`, as Hugo puts a taxonomy's terms, apart from the entries' own folders.
  case category(key: String)
  /// Page `n` (2 or more) of a category's entries; page 1 is `category`.
  case categoryPage(key: String, page: Int)
  case notFound
  case feed
  case sitemap
  case robots
  /// The search index (`SearchIndex`): its manifest, the glossary entries, postings files,
  /// word-list files and one fragment per article, by number.
  case searchManifest
  case searchEntries
  case searchTerms(Int)
  case searchWords(Int)
  case searchDocument(Int)
  /// A theme asset, by its path under `assets/`.
  case asset(String)
  /// A file of `Content/static/`, published at the same path.
  case staticFile(String)

  /// The file's path under the output folder.
  public var path: String {
    switch self {
    case .home: "index.html"
    case .homePage(let number): "page/\(number)/index.html"
    case .article(let slug): "articles/\(slug)/index.html"
    case .glossary: "glossary/index.html"
    case .entry(let id): "glossary/\(id)/index.html"
    case .entryMentions(let id, let number): "glossary/\(id)/page/\(number)/index.html"
    case .category(let key): "categories/\(key)/index.html"
    case .categoryPage(let key, let number): "categories/\(key)/page/\(number)/index.html"
    case .notFound: "404.html"
    case .feed: "feed.xml"
    case .sitemap: "sitemap.xml"
    case .robots: "robots.txt"
    case .searchManifest: "search/index.js"
    case .searchEntries: "search/entries.js"
    case .searchTerms(let number): "search/t/\(number).js"
    case .searchWords(let number): "search/w/\(number).js"
    case .searchDocument(let number): "search/d/\(number).js"
    case .asset(let name): "assets/\(name)"
    case .staticFile(let name): name
    }
  }

  /// The folders the file is in, outermost first: what relative links start from.
  var folders: [String] {
    switch self {
    case .home, .notFound, .feed, .sitemap, .robots: []
    case .searchManifest, .searchEntries: ["search"]
    case .searchTerms: ["search", "t"]
    case .searchWords: ["search", "w"]
    case .searchDocument: ["search", "d"]
    case .homePage(let number): ["page", String(number)]
    case .article(let slug): ["articles", slug]
    case .glossary: ["glossary"]
    case .entry(let id): ["glossary", id]
    case .entryMentions(let id, let number): ["glossary", id, "page", String(number)]
    case .category(let key): ["categories", key]
    case .categoryPage(let key, let number): ["categories", key, "page", String(number)]
    case .asset(let name): ["assets"] + name.split(separator: "/").dropLast().map(String.init)
    case .staticFile(let name): name.split(separator: "/").dropLast().map(String.init)
    }
  }

  /// The file's name in its folder.
  private var fileName: String {
    switch self {
    case .home, .homePage, .article, .glossary, .entry, .entryMentions, .category, .categoryPage:
      "index.html"
    case .asset(let name), .staticFile(let name):
      name.split(separator: "/").last.map(String.init) ?? name
    default: path.split(separator: "/").last.map(String.init) ?? path
    }
  }

  /// The address a server gives the file: a page's folder, with no `index.html`.
  var cleanPath: String {
    path.hasSuffix("/index.html")
      ? String(path.dropLast("index.html".count))
      : path == "index.html" ? "" : path
  }

  /// A relative link from a page at `self` to `target`, naming its file: browsers do not
  /// resolve a folder to its `index.html` under `file://`.
  public func link(to target: Route) -> String {
    // Every page links to dozens of others: folders are compared as lists, never parsed.
    let from = folders
    let to = target.folders
    var shared = 0
    while shared < from.count, shared < to.count, from[shared] == to[shared] { shared += 1 }
    var link = String(repeating: "../", count: from.count - shared)
    for folder in to[shared...] { link += folder + "/" }
    return link + target.fileName
  }

  /// `link(to: .home)` without the file name: the prefix templates put before every site path.
  var relativeRoot: String { String(repeating: "../", count: folders.count) }

  public static func < (lhs: Route, rhs: Route) -> Bool { lhs.path < rhs.path }

  /// Page `number` of the home page's list.
  static func home(page number: Int) -> Route { number <= 1 ? .home : .homePage(number) }

  /// Page `number` of the paragraphs that mention an entry.
  static func entry(id: String, page number: Int) -> Route {
    number <= 1 ? .entry(id: id) : .entryMentions(id: id, page: number)
  }

  /// Page `number` of a category's entries.
  static func category(key: String, page number: Int) -> Route {
    number <= 1 ? .category(key: key) : .categoryPage(key: key, page: number)
  }
}
