/// Everything a file of the site is made from. Two builds that give a route equal inputs give
/// it equal bytes, so a rebuild makes again exactly the files whose input changed: for the many
/// pages, a small key; for the other pages, their model; for the other files, what they are
/// made of.
enum FileInput: Equatable, Sendable {
  case page(PageModel)
  /// A page made only when its key changes (`PageKey`). Its model is made, rendered and let go:
  /// kept, the models of 10,000 articles' pages are hundreds of megabytes a rebuild never reads.
  case keyedPage(PageKey)
  /// The newest articles' render versions (a version changes whenever an article is rendered
  /// again) and the site settings.
  case feed(versions: [Int], config: SiteConfig)
  /// The search index's layout (its manifest).
  case searchManifest(SearchLayout)
  /// Every entry as the entries file writes it (what the nested previews read).
  case searchEntries([JSONValue])
  /// Every article's render version by search number, each entry as the postings files show
  /// it, and the layout: what the postings and word-list files are made from (all at once).
  case searchShards(versions: [Int], entries: [JSONValue], layout: SearchLayout)
  /// One article's render version (its search fragment).
  case searchDocument(version: Int)
  /// The routes, and the dates that give pages their `lastmod`.
  case sitemap(SiteRoutes, dates: [String?])
  /// Where the sitemap is.
  case robots(baseURL: String)
  /// A theme's asset, by the theme's generation (it changes whenever the theme is read again).
  case asset(themeGeneration: Int)
  /// A file of `Content/static/`, by its stamp (copied again whenever the file changes).
  case staticFile(FileStamp?)
}
