/// The model of any page, so that the pipeline can keep, compare and render pages of every
/// kind alike. Adding a kind of page means a case here and a model in Site/Pages.
///
/// Indirect: the pipeline keeps the models of the pages without a key (the glossary index, the
/// categories, the 404 page) and copies each out to compare it on every rebuild; boxed, a copy
/// is one reference instead of one per string the model holds.
indirect enum PageModel: Equatable, Sendable {
  case home(HomePage)
  case article(ArticlePage)
  case glossary(GlossaryIndexPage)
  case category(CategoryPage)
  case entry(EntryPage)
  case notFound(NotFoundPage)

  func render(with theme: Theme) -> [UInt8] {
    switch self {
    case .home(let page): theme.render(.home, page, language: page.common.language)
    case .article(let page): theme.render(.article, page, language: page.common.language)
    case .glossary(let page): theme.render(.glossary, page, language: page.common.language)
    case .category(let page): theme.render(.category, page, language: page.common.language)
    case .entry(let page): theme.render(.entry, page, language: page.common.language)
    case .notFound(let page): theme.render(.notFound, page, language: page.common.language)
    }
  }
}

extension PageModels {
  /// The small key of the page at `route`, for the pages whose model is made only when their
  /// key changes (articles, entries, the home page); nil for the others.
  func key(
    for route: Route, article: (String) -> RenderedArticle?, entry: (String) -> GlossaryEntry?
  ) -> PageKey? {
    switch route {
    case .home: .home(homeKey(page: 1))
    case .homePage(let number): .home(homeKey(page: number))
    case .article(let slug): article(slug).map { .article(articleKey($0)) }
    case .entry(let id): entry(id).map { .entry(entryKey($0)) }
    case .entryMentions(let id, let number): entry(id).map { .entry(entryKey($0, page: number)) }
    default: nil
    }
  }

  /// The model of the page at `route`, or nil when the route is not a page.
  func model(
    for route: Route, article: (String) -> RenderedArticle?, entry: (String) -> GlossaryEntry?
  )
    -> PageModel?
  {
    switch route {
    case .home: .home(home())
    case .homePage(let number): .home(home(page: number))
    case .article(let slug): article(slug).map { .article(self.article($0)) }
    case .glossary: .glossary(glossaryIndex())
    case .category(let key): category(key).map { .category($0) }
    case .categoryPage(let key, let number): category(key, page: number).map { .category($0) }
    case .entry(let id): entry(id).map { .entry(self.entry($0)) }
    case .entryMentions(let id, let number): entry(id).map { .entry(self.entry($0, page: number)) }
    case .notFound: .notFound(notFound())
    case .feed, .sitemap, .robots, .searchManifest, .searchEntries, .searchTerms, .searchWords,
      .searchDocument, .asset, .staticFile:
      nil
    }
  }
}
