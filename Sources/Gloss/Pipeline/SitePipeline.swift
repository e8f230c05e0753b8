import Foundation

/// load → import → parse → link → render → write: the one pipeline of every build. A full
/// build is a run from an empty cache; `gloss serve` and `gloss build --watch` keep the cache
/// and run it again after each change, redoing only what the change affects.
///
/// Kept between runs: every parsed content file (until its file changes), the theme, the
/// glossary linker (until a term or alias changes), each article rendered with its mentions
/// and search data (keyed by everything `SiteGenerator.renderArticle` reads), each entry's
/// rendered body, each article's concept map, and the input of every file of the last good
/// site. Which files to make again is not planned by hand: every file's input is made anew and
/// compared with the last one, and only files whose input changed are made. For the many pages
/// (articles, entries, the home page's) the input is a small key, and their typed models are
/// made only when it changes and let go once rendered; for the others it is the typed model or
/// what the file is made of. A failed run changes none of what is kept.
///
/// Not thread-safe: one run at a time (the watch loop guarantees it).
public final class SitePipeline: @unchecked Sendable {
  public let paths: BuildPaths
  let clock: @Sendable () -> UInt64
  /// Whether the last good site's files stay in memory between runs (serve, watch). A one-shot
  /// build streams every file to `sink` and keeps none.
  private let retainsSite: Bool
  /// Whether a retained site keeps each file's bytes, or only a digest of them: `gloss serve`
  /// holds the served copies itself, and a second copy of a 10,000-article site is 800 MB.
  /// Without the bytes, `files` is empty; what changed is still told by the digests.
  private let keepsFileBytes: Bool
  /// Where files go as soon as they are made, from any thread, instead of into `written`.
  var sink: (@Sendable (OutputFile) -> Void)?
  /// Whether the search index's postings, word lists and article documents are made, or only
  /// named (empty): `gloss check` reads no byte of them, and at 10,000 articles gathering the
  /// postings is a fifth of a build's memory.
  var makesSearchIndex = true
  /// Called with (articles rendered, articles to render) as each article finishes.
  var progress: (@Sendable (Int, Int) -> Void)?

  private let contentCache: ContentCache
  private let contentRoot: String
  private let themeRoot: String

  private var theme: Theme?
  private var themeStamps: [String: FileStamp] = [:]
  private var themeGeneration = 0

  private var patterns: [TermPattern] = []
  private var linker: GlossaryLinker?
  private var linkerGeneration = 0

  private struct RenderKey: Hashable {
    var article: Article
    var annotations: [Annotation]
    var policy: LinkPolicy
    var linkerGeneration: Int
    /// The words the build writes around the notes (the theme's, in the article's language).
    var noteWords: NoteWords

    /// Whether this is the key of `article` with these inputs. Compared field by field in
    /// place: making each article's key to compare it copied all 10,000 articles on every run.
    func matches(
      _ article: Article, annotations: [Annotation]?, policy: LinkPolicy, linkerGeneration: Int,
      noteWords: NoteWords
    ) -> Bool {
      self.linkerGeneration == linkerGeneration && self.policy == policy
        && self.noteWords == noteWords && self.annotations == (annotations ?? [])
        && self.article == article
    }
  }

  /// A class: every rebuild reads all 10,000 of them, and a reference is copied in one retain.
  /// Unchecked: `newestTip` is written only by the pipeline's own run (one at a time), never
  /// while pages are made.
  private final class CachedRender: @unchecked Sendable {
    let key: RenderKey
    let rendered: RenderedArticle
    let sites: [(entryID: String, site: MentionSite)]
    /// The article's part of the search index, made with the render and kept with it.
    let search: SearchDocument
    /// The newest number of the tips the article shows, and the `tipsGeneration` it is for.
    var newestTip: (tipsGeneration: Int, value: Int)?

    init(
      key: RenderKey, rendered: RenderedArticle, sites: [(entryID: String, site: MentionSite)],
      search: SearchDocument
    ) {
      self.key = key
      self.rendered = rendered
      self.sites = sites
      self.search = search
    }
  }

  private var renders: [String: CachedRender] = [:]
  private var nextVersion = 0
  private var entryBodies:
    [String: (body: String, linkerGeneration: Int, rendered: RenderedMarkdown)] =
      [:]
  private var mentionIndex = MentionIndex()
  let conceptMaps: ConceptMapMemo
  private var pairCounts = PairCounts()
  private let pageMemos: PageMemos
  private let searchShards = SearchShards()
  /// What every page shows of the site: its settings, the theme, the pictures' sizes (share
  /// cards state them). `pageVersions.site` changes whenever they do.
  private struct SiteInputs: Equatable {
    var config: SiteConfig
    var themeGeneration: Int
    var imageSizes: [String: ImageSize]
  }
  private var siteInputs: SiteInputs?
  /// Each entry's tip as pages show it: id, term, summary, category and its label.
  private var entryTips: [String: [String]] = [:]
  private var pageVersions = PageVersions()
  /// The one counter every number of `pageVersions` comes from.
  private var pageCounter = 0
  /// The pages whose model the last run made again (their key changed), sorted by path.
  private(set) var modelled: [String] = []

  /// The last good site.
  private struct Published {
    var themeGeneration: Int
    var inputs: [Route: FileInput]
    /// Every file by path, when the pipeline retains the site and its bytes.
    var files: [String: OutputFile]
    /// Every file's digest by path, when it retains the site but not the bytes.
    var digests: [String: FileDigest]
    /// Every route, in table order, and every path they give.
    var routes: [Route]
    var paths: Set<String>
  }

  private var published: Published?

  public init(
    paths: BuildPaths, retainsSite: Bool = true, keepsFileBytes: Bool = true,
    clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  ) {
    self.paths = paths
    self.retainsSite = retainsSite
    self.keepsFileBytes = keepsFileBytes
    self.conceptMaps = ConceptMapMemo(retains: retainsSite)
    self.pageMemos = PageMemos()
    self.clock = clock
    self.contentCache = ContentCache(
      loader: ContentLoader(directory: paths.content, displayRoot: paths.contentDisplay))
    self.contentRoot = paths.content.standardizedFileURL.path
    self.themeRoot = paths.theme.standardizedFileURL.path
  }

  /// The memos keep only the values of articles the site still has.
  private func keepMemos(of routes: [Route]) {
    var slugs: Set<String> = [ConceptMapMemo.glossaryKey]
    for route in routes {
      if case .article(let slug) = route { slugs.insert(slug) }
    }
    conceptMaps.keep(only: slugs)
    pageMemos.cards.keep(only: slugs)
  }

  /// Every file of the last good build, sorted by path; empty before the first one and when
  /// the pipeline does not retain the site.
  public var files: [OutputFile] {
    (published?.files.values).map { $0.sorted { $0.path < $1.path } } ?? []
  }

  public var hasSucceeded: Bool { published != nil }

  /// The content of the last good run.
  public private(set) var content: Content?

  /// The articles of the last good run, rendered, in site order.
  public var renderedArticles: [RenderedArticle] {
    (content?.articles ?? []).compactMap { renders[$0.slug]?.rendered }
  }

  /// How a changed path is named in logs: under the folder names the user gave.
  public func displayName(_ path: String) -> String {
    if path == contentRoot { return paths.contentDisplay }
    if path == themeRoot { return paths.themeDisplay }
    if path.hasPrefix(contentRoot + "/") {
      return join(paths.contentDisplay, path.dropFirst(contentRoot.count + 1))
    }
    if path.hasPrefix(themeRoot + "/") {
      return join(paths.themeDisplay, path.dropFirst(themeRoot.count + 1))
    }
    return path
  }

  private func join(_ display: String, _ rest: Substring) -> String {
    display.hasSuffix("/") ? display + rest : display + "/" + rest
  }

  /// Whether a changed path can affect the site at all (the watcher also sees other files).
  public func isRelevant(_ path: String) -> Bool {
    path == contentRoot || path == themeRoot || path.hasPrefix(contentRoot + "/")
      || path.hasPrefix(themeRoot + "/")
  }

  public func rebuild(_ requested: ChangeSet = .everything) -> RebuildOutcome {
    let start = clock()
    var changedSources: [String] = []
    var changes = requested
    if case .paths(let set) = requested {
      // Files that exist, or that are gone but had a name a site uses: not the nameless
      // temporary files tools write and rename within a moment (`sed -i`, some editors).
      changedSources = set.filter { path in
        isRelevant(path)
          && (FileManager.default.fileExists(atPath: path)
            || !URL(fileURLWithPath: path).pathExtension.isEmpty)
      }.map(displayName).sorted()
      // A root folder itself replaced, or a folder above it: nothing cached can be trusted.
      let roots = [contentRoot, themeRoot]
      if set.contains(where: { path in roots.contains { $0 == path || $0.hasPrefix(path + "/") } })
      {
        changes = .everything
      }
    }
    func failure(_ diagnostics: [Diagnostic], articles: Int = 0, entries: Int = 0) -> RebuildOutcome
    {
      RebuildOutcome(
        report: BuildReport(
          articles: articles, entries: entries, pagesWritten: 0, filesWritten: 0,
          milliseconds: Int((clock() - start) / 1_000_000), diagnostics: diagnostics),
        succeeded: false, written: [], removed: [], rendered: [], changedSources: changedSources)
    }

    // Load: the content and, when it changed, the theme, side by side (a third of a small
    // site's build).
    let themeStale = theme == nil || themeChanged(changes)
    if themeStale {
      theme = nil
      themeGeneration += 1
      // Stamps first: a file written while the theme loads shows up as a change next time.
      themeStamps = currentThemeStamps()
    }
    let paths = self.paths
    let contentCache = self.contentCache
    let (loaded, loadedTheme) = ConcurrentMap.both(
      { contentCache.load(changes) },
      { () -> Result<Theme, BuildFailure>? in
        guard themeStale else { return nil }
        do throws(BuildFailure) {
          return .success(try Theme(directory: paths.theme, displayRoot: paths.themeDisplay))
        } catch {
          return .failure(error)
        }
      })
    var diagnostics = loaded.diagnostics
    switch loadedTheme {
    case .success(let fresh)?: theme = fresh
    case .failure(let error)?: diagnostics += error.diagnostics
    case nil: break
    }
    // The theme's warnings (a language's missing string) are told on every build, like content's.
    diagnostics += theme?.warnings ?? []
    guard var content = loaded.content, let theme,
      !diagnostics.contains(where: { $0.severity == .error })
    else {
      return failure(Diagnostics(diagnostics).sorted)
    }
    if let baseURL = paths.baseURL {
      content.config.baseURL = SiteConfig.normalized(baseURL: baseURL)
    }
    // The default categories in the site's language: what every later stage shows.
    content = content.localizingDefaultCategories(theme.strings)
    let counts = (articles: content.articles.count, entries: content.glossary.count)

    // Parse, link and render the articles whose inputs changed.
    let newPatterns = SiteGenerator.patterns(for: content.glossary)
    if linker == nil || newPatterns != patterns {
      linker = GlossaryLinker(patterns: newPatterns)
      patterns = newPatterns
      linkerGeneration += 1
    }
    guard let linker else { return failure(diagnostics) }
    var generator = SiteGenerator(content: content, theme: theme, linker: linker)
    let current = renderArticles(content, generator)
    let rendered = current.map(\.rendered)
    let noteErrors = rendered.flatMap { generator.unanchoredNoteErrors($0) }
    guard noteErrors.isEmpty else {
      return failure(noteErrors, articles: counts.articles, entries: counts.entries)
    }
    let mentionsChanged = mentionIndex.update(
      current.map { ($0.key.article.slug, $0.rendered.version, $0.sites) })
    for id in mentionsChanged {
      pageCounter += 1
      pageVersions.mentions[id] = pageCounter
    }
    let mentions = mentionIndex.lists
    generator.mentionCounts = mentions.mapValues(\.count)
    diagnostics = Diagnostics(diagnostics + generator.unmentionedEntryWarnings(mentions)).sorted

    // Each file's input; the files whose input changed are made again.
    let routes = generator.routes
    let collisions = routes.collisions
    guard collisions.isEmpty else {
      return failure(
        collisions.sorted().map { path in
          .error(
            staticDisplay(path),
            "'\(path)' is a file Gloss makes itself; rename or remove this static file")
        }, articles: counts.articles, entries: counts.entries)
    }
    if theme.usesConceptMap {
      pairCounts.update(
        rendered.map { article in
          (
            article.article.slug, article.version,
            { article.markdown.paragraphs.map { $0.mentions.map(\.entryID) } }
          )
        })
    }
    updatePageVersions(content, articles: current)
    let pages = generator.pageModels(
      rendered: rendered, mentions: mentions, entryBodies: renderEntryBodies(generator),
      conceptMaps: conceptMaps, glossaryPairs: (pairCounts.totals, pairCounts.generation),
      memos: pageMemos, versions: pageVersions)
    let articlesBySlug = Dictionary(
      rendered.map { ($0.article.slug, $0) }, uniquingKeysWith: { first, _ in first })
    let entriesByID = pages.entriesByID
    // The last good run's inputs are read in place, never copied: a copy would make the changes
    // below copy every input, file digest and path of the site.
    let hasPrevious = published?.themeGeneration == themeGeneration
    let versions = rendered.map(\.version)
    // Search numbers articles from the oldest: a new article leaves the others' numbers as
    // they were, and with them most postings files.
    let searchOrder = Array(current.reversed())
    let shardInput = FileInput.searchShards(
      versions: searchOrder.map(\.rendered.version),
      entries: SearchIndex.entries(content.glossary, full: false), layout: routes.search)
    // The postings and word-list files share one input, compared here once rather than once
    // per file (a thousand files, each input ten thousand versions and every entry); when it
    // changed, they are made by patching in the changed articles' postings.
    let shardsUnchanged = hasPrevious && published?.inputs[.searchTerms(0)] == shardInput
    let shardFiles: [String: OutputFile] =
      shardsUnchanged || !makesSearchIndex
      ? [:]
      : searchShards.files(
        documents: searchOrder.map(\.search), versions: searchOrder.map(\.rendered.version),
        glossary: content.glossary, layout: routes.search, retain: retainsSite)
    func otherInput(_ route: Route) -> FileInput? {
      switch route {
      case .feed:
        .feed(versions: Array(versions.prefix(Feed.entryLimit)), config: content.config)
      case .searchManifest: .searchManifest(routes.search)
      case .searchEntries: .searchEntries(SearchIndex.entries(content.glossary, full: true))
      case .searchTerms, .searchWords: shardInput
      case .searchDocument(let number):
        searchOrder.indices.contains(number)
          ? .searchDocument(version: searchOrder[number].rendered.version) : nil
      case .sitemap: .sitemap(routes, dates: content.articles.map(\.date))
      case .robots: .robots(baseURL: content.config.baseURL)
      case .asset: .asset(themeGeneration: themeGeneration)
      case .staticFile(let name): .staticFile(FileStamp(path: staticURL(name).path))
      default:
        pages.model(for: route, article: { articlesBySlug[$0] }, entry: { entriesByID[$0] })
          .map(FileInput.page)
      }
    }
    let makesSearchIndex = self.makesSearchIndex
    func make(_ route: Route, _ input: FileInput) -> [OutputFile] {
      switch input {
      case .searchShards where !makesSearchIndex, .searchDocument where !makesSearchIndex:
        [OutputFile(route: route, bytes: [])]
      case .page(let model):
        [OutputFile(route: route, bytes: model.render(with: theme))]
      case .keyedPage: []  // never here: a keyed page is rendered where its model is made
      case .feed: [generator.feedFile(rendered)]
      case .searchManifest(let layout): [SearchIndex.manifestFile(layout)]
      case .searchEntries(let entries): [SearchIndex.entriesFile(entries)]
      case .searchShards: shardFiles[route.path].map { [$0] } ?? []
      case .searchDocument:
        if case .searchDocument(let number) = route {
          [SearchIndex.documentFile(number: number, searchOrder[number].rendered)]
        } else {
          []
        }
      case .sitemap: [generator.sitemapFile()]
      case .robots: [generator.robotsFile()]
      case .asset:
        if case .asset(let name) = route, let file = generator.assetFile(name) {
          [file]
        } else {
          []
        }
      case .staticFile:
        if case .staticFile(let name) = route,
          let data = FileManager.default.contents(atPath: staticURL(name).path)
        {
          [OutputFile(route: route, bytes: Array(data))]
        } else {
          []
        }
      }
    }
    // Site-wide files first, the longest jobs, so that no core is left finishing one alone.
    let all = routes.all
    if retainsSite { keepMemos(of: all) }
    let order = all.filter { !$0.isArticleOrEntry } + all.filter(\.isArticleOrEntry)
    let retains = retainsSite
    let sink = self.sink
    let compress = paths.compress
    let made = ConcurrentMap.map(order) { route -> Made in
      let old = hasPrevious ? self.published?.inputs[route] : nil
      let input: FileInput
      var files: [OutputFile]
      var modelled = false
      if let key = pages.key(
        for: route, article: { articlesBySlug[$0] }, entry: { entriesByID[$0] })
      {
        // The key alone tells an unchanged page: no model is made, and none is kept.
        if case .keyedPage(let oldKey)? = old, oldKey == key {
          return Made(route: route, unchanged: true)
        }
        guard
          let model = pages.model(
            for: route, article: { articlesBySlug[$0] }, entry: { entriesByID[$0] })
        else { return Made(route: route) }
        input = .keyedPage(key)
        modelled = true
        files = [OutputFile(route: route, bytes: model.render(with: theme))]
      } else {
        guard let fresh = otherInput(route) else { return Made(route: route) }
        input = fresh
        if case .searchShards = input, old != nil {
          if shardsUnchanged { return Made(route: route, unchanged: true) }
        } else if let old, old == input {
          return Made(route: route, unchanged: true)
        }
        files = make(route, input)
      }
      let kept = retains ? input : nil
      if compress { files += files.flatMap(Precompression.companions) }
      if route.isCopied, files.isEmpty { return Made(route: route, unreadable: true) }
      guard let sink else {
        return Made(
          route: route, input: kept, modelled: modelled, files: files, paths: files.map(\.path))
      }
      files.forEach(sink)
      return Made(route: route, input: kept, modelled: modelled, paths: files.map(\.path))
    }
    if let failed = missingAssets(made) {
      return failure(failed, articles: counts.articles, entries: counts.entries)
    }

    // Publish: what changed, what is gone.
    var files = published?.files ?? [:]
    var digests = published?.digests ?? [:]
    // Let `files` and `digests` be the only references, so that they change in place instead of
    // being copied.
    published?.files = [:]
    published?.digests = [:]
    let keepsBytes = keepsFileBytes
    var written: [OutputFile] = []
    var renderedPaths: [String] = []
    var pagesWritten = 0
    var filesWritten = 0
    for item in made {
      renderedPaths += item.paths
      if sink != nil {
        filesWritten += item.paths.count
        pagesWritten += item.paths.filter { $0.hasSuffix(".html") }.count
        continue
      }
      for file in item.files {
        if keepsBytes {
          guard files[file.path]?.bytes != file.bytes else { continue }
          if retains { files[file.path] = file }
        } else {
          let digest = FileDigest(file.bytes)
          guard digests[file.path] != digest else { continue }
          if retains { digests[file.path] = digest }
        }
        written.append(file)
        filesWritten += 1
        if file.path.hasSuffix(".html") { pagesWritten += 1 }
      }
    }
    // The same routes as last time (most edits): the same paths, none removed.
    let currentPaths: Set<String>
    let removed: [String]
    if published?.routes == all, let paths = published?.paths {
      currentPaths = paths
      removed = []
    } else {
      currentPaths = Set(
        compress
          ? all.flatMap { [$0.path] + Precompression.companionPaths(of: $0.path) }
          : all.map(\.path))
      removed = (published?.paths ?? []).subtracting(currentPaths).sorted()
    }
    for path in removed {
      files[path] = nil
      digests[path] = nil
    }
    // The last run's inputs, changed in place where a route's input changed.
    var inputs: [Route: FileInput] = [:]
    if retains {
      if hasPrevious, let kept = published?.inputs {
        published?.inputs = [:]
        inputs = kept
      }
      var live = 0
      for item in made {
        if !item.unchanged { inputs[item.route] = item.input }
        if item.unchanged || item.input != nil { live += 1 }
      }
      // More kept than live: a route is gone, or no longer has an input to keep.
      if inputs.count != live {
        let current = Set(made.lazy.filter { $0.unchanged || $0.input != nil }.map(\.route))
        inputs = inputs.filter { current.contains($0.key) }
      }
    }
    modelled = made.filter { $0.modelled }.map { $0.route.path }.sorted()
    published = Published(
      themeGeneration: themeGeneration, inputs: inputs, files: files, digests: digests,
      routes: all, paths: currentPaths)
    self.content = content
    written.sort { $0.path < $1.path }
    return RebuildOutcome(
      report: BuildReport(
        articles: counts.articles, entries: counts.entries, pagesWritten: pagesWritten,
        filesWritten: filesWritten, milliseconds: Int((clock() - start) / 1_000_000),
        diagnostics: diagnostics),
      succeeded: true, written: written, removed: removed, rendered: renderedPaths.sorted(),
      changedSources: changedSources)
  }

  /// What making one route's files gave: its input (kept when the site is), the files (unless
  /// they went to the sink) and their paths.
  private struct Made {
    var route: Route
    /// The input, when it is new or changed (and the site is kept).
    var input: FileInput?
    /// Whether the input is the last good run's: nothing was made.
    var unchanged = false
    /// Whether a page model was made (its key changed).
    var modelled = false
    var files: [OutputFile] = []
    var paths: [String] = []
    /// An asset that could not be read.
    var unreadable = false
  }

  // MARK: - Stages

  /// Numbers the site's settings, each entry's tip, and the linker, for the pages' keys.
  private func updatePageVersions(_ content: Content, articles: [CachedRender]) {
    let site = SiteInputs(
      config: content.config, themeGeneration: themeGeneration, imageSizes: content.imageSizes)
    if site != siteInputs {
      siteInputs = site
      pageCounter += 1
      pageVersions.site = pageCounter
    }
    for entry in content.glossary {
      let tip = [entry.id, entry.term, entry.summary, entry.category.key, entry.category.label]
      if entryTips[entry.id] != tip {
        entryTips[entry.id] = tip
        pageCounter += 1
        pageVersions.tips[entry.id] = pageCounter
        pageVersions.tipsGeneration += 1
      }
    }
    if entryTips.count != content.glossary.count {
      let current = Set(content.glossary.map(\.id))
      for id in entryTips.keys where !current.contains(id) {
        entryTips[id] = nil
        pageVersions.tips[id] = nil
        pageVersions.tipsGeneration += 1
      }
    }
    pageVersions.linkerGeneration = linkerGeneration
    pageVersions.articleTips = newestTips(articles)
  }

  /// Each article's newest tip, in site order: worked out again only for articles rendered anew
  /// and, when a tip changed, for all of them (on both cores).
  private func newestTips(_ articles: [CachedRender]) -> [Int] {
    let generation = pageVersions.tipsGeneration
    let versions = pageVersions
    let stale = articles.indices.filter { articles[$0].newestTip?.tipsGeneration != generation }
    let fresh = ConcurrentMap.map(stale) { versions.newestTip(articles[$0].rendered.termsInOrder) }
    for (index, value) in zip(stale, fresh) { articles[index].newestTip = (generation, value) }
    return articles.map { $0.newestTip?.value ?? 0 }
  }

  /// Articles in site order, rendered again where their inputs changed.
  private func renderArticles(_ content: Content, _ generator: SiteGenerator) -> [CachedRender] {
    // The notes' words by language: worked out once per language, not once per article.
    var noteWordsByLanguage: [String: NoteWords] = [:]
    func noteWords(_ article: Article) -> NoteWords {
      let language = article.language ?? content.config.language
      if let known = noteWordsByLanguage[language] { return known }
      let words = generator.noteWords(article)
      noteWordsByLanguage[language] = words
      return words
    }
    let articles = content.articles
    let stale = articles.indices.filter { index in
      guard let cached = renders[articles[index].slug] else { return true }
      return !cached.key.matches(
        articles[index], annotations: content.annotations[articles[index].slug],
        policy: articles[index].linkPolicy ?? content.config.linkPolicy,
        linkerGeneration: linkerGeneration, noteWords: noteWords(articles[index]))
    }
    let keys = stale.map { index in
      RenderKey(
        article: articles[index], annotations: content.annotations[articles[index].slug] ?? [],
        policy: articles[index].linkPolicy ?? content.config.linkPolicy,
        linkerGeneration: linkerGeneration, noteWords: noteWords(articles[index]))
    }
    let counter = progress.map { ProgressCounter(total: stale.count, report: $0) }
    // Numbered in the order of `stale`, as they were when numbered one by one after rendering.
    let firstVersion = nextVersion + 1
    nextVersion += stale.count
    let fresh = ConcurrentMap.map(Array(keys.enumerated())) { position, key -> CachedRender in
      defer { counter?.tick() }
      let rendered = generator.renderArticle(key.article).numbered(firstVersion + position)
      return CachedRender(
        key: key, rendered: rendered, sites: generator.mentionSites(rendered),
        search: SearchDocument(rendered))
    }
    for render in fresh { renders[render.key.article.slug] = render }
    let slugs = content.articles.map(\.slug)
    if renders.count != slugs.count {
      let current = Set(slugs)
      for slug in renders.keys where !current.contains(slug) { renders[slug] = nil }
    }
    return slugs.compactMap { renders[$0] }
  }

  /// Each entry's body, rendered again when its text or the linker changed.
  private func renderEntryBodies(_ generator: SiteGenerator) -> [String: RenderedMarkdown] {
    let glossary = generator.content.glossary
    let stale = glossary.filter { entry in
      guard let cached = entryBodies[entry.id] else { return true }
      return cached.linkerGeneration != linkerGeneration || cached.body != entry.body
    }
    for (entry, rendered) in zip(stale, ConcurrentMap.map(stale, generator.entryBody)) {
      entryBodies[entry.id] = (entry.body, linkerGeneration, rendered)
    }
    if entryBodies.count != glossary.count {
      let current = Set(glossary.map(\.id))
      for id in entryBodies.keys where !current.contains(id) { entryBodies[id] = nil }
    }
    return entryBodies.mapValues(\.rendered)
  }

  /// An asset or static file that could not be read: it changed under the build.
  private func missingAssets(_ made: [Made]) -> [Diagnostic]? {
    let missing = made.filter(\.unreadable).map(\.route)
    guard !missing.isEmpty else { return nil }
    return missing.map { route in
      if case .staticFile(let name) = route {
        return .error(staticDisplay(name), "cannot read file")
      }
      return .error(
        "\(paths.themeDisplay.hasSuffix("/") ? paths.themeDisplay : paths.themeDisplay + "/")\(route.path)",
        "cannot read asset")
    }
  }

  private func staticURL(_ name: String) -> URL {
    paths.content.appendingPathComponent(ContentCache.staticFolder).appendingPathComponent(name)
  }

  /// How a static file is named in messages: under the content folder's name as given.
  private func staticDisplay(_ name: String) -> String {
    join(paths.contentDisplay, Substring(ContentCache.staticFolder + "/" + name))
  }

  // MARK: - Theme

  private func themeChanged(_ changes: ChangeSet) -> Bool {
    switch changes {
    case .everything: currentThemeStamps() != themeStamps
    case .paths(let set): set.contains { $0 == themeRoot || $0.hasPrefix(themeRoot + "/") }
    }
  }

  private func currentThemeStamps() -> [String: FileStamp] {
    var stamps: [String: FileStamp] = [:]
    for relative in Theme.files(under: paths.theme) {
      stamps[relative] = FileStamp(path: paths.theme.appendingPathComponent(relative).path)
    }
    return stamps
  }
}

extension Route {
  /// Files copied as they are, which a change on disk during the build can make unreadable.
  fileprivate var isCopied: Bool {
    switch self {
    case .asset, .staticFile: true
    default: false
    }
  }

  /// Articles, entries and search fragments: the many short jobs, done after the few long
  /// site-wide ones.
  fileprivate var isArticleOrEntry: Bool {
    switch self {
    case .article, .entry, .entryMentions, .searchDocument: true
    default: false
    }
  }
}
