import Foundation

/// What one rebuild did: for the log line, the status endpoint, and whoever publishes the files.
public struct RebuildOutcome: Sendable {
  /// Articles, entries, pages written, milliseconds and diagnostics (errors when it failed).
  public var report: BuildReport
  public var succeeded: Bool
  /// Files that are new or whose bytes changed, sorted by path; every file after the first
  /// good build.
  public var written: [OutputFile]
  /// Paths of the previous good build that no longer exist.
  public var removed: [String]
  /// Files generated again, sorted (some may have come out identical and not been written).
  public var rendered: [String]
  /// The changed files, as the user names them ("Content/articles/a.md"), sorted.
  public var changedSources: [String]

  /// "Content/articles/a.md", "3 files", or "a full scan".
  public var changeDescription: String {
    switch changedSources.count {
    case 0: "a full scan"
    case 1: changedSources[0]
    case 2, 3: changedSources.joined(separator: ", ")
    default: "\(changedSources.count) files"
    }
  }

  /// One line for the log.
  public var logLine: String {
    let errors = report.diagnostics.filter { $0.severity == .error }.count
    let warnings = report.diagnostics.filter { $0.severity == .warning }.count
    guard succeeded else {
      let count = "\(errors) error\(errors == 1 ? "" : "s") in \(report.milliseconds) ms"
      return changedSources.isEmpty
        ? "build failed: \(count)" : "rebuild failed after \(changeDescription): \(count)"
    }
    let pages = "\(report.pagesWritten) page\(report.pagesWritten == 1 ? "" : "s") written"
    var line =
      changedSources.isEmpty ? "built: \(pages)" : "rebuilt after \(changeDescription): \(pages)"
    let assets = written.count - report.pagesWritten
    if assets > 0 { line += ", \(assets) other file\(assets == 1 ? "" : "s")" }
    if !removed.isEmpty { line += ", \(removed.count) removed" }
    line += " in \(report.milliseconds) ms"
    if warnings > 0 { line += " (\(warnings) warning\(warnings == 1 ? "" : "s"))" }
    return line
  }
}

/// Builds the site again and again, redoing only what a change affects, with output byte for
/// byte what `Builder.generate()` gives for the same files (tests compare the two after every
/// kind of edit).
///
/// Kept between builds: every parsed content file (until its file changes), the theme, the
/// glossary linker (until a term or alias changes), each article rendered with its mentions
/// (keyed by everything `SiteGenerator.renderArticle` reads), and the last good site. A page is
/// rendered again only when something it shows changed; the result replaces the previous
/// file only when its bytes differ. A failed build changes none of the kept site.
///
/// Not thread-safe: one rebuild at a time (the watch loop guarantees it).
public final class IncrementalBuilder: @unchecked Sendable {
  public let paths: BuildPaths
  let clock: @Sendable () -> UInt64
  private let contentLoader: IncrementalContentLoader
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
  }

  private struct CachedRender {
    var key: RenderKey
    var rendered: RenderedArticle
    var sites: [(entryID: String, site: MentionSite)]
    var terms: [String]
    /// The article's part of the search index, made with the render and kept with it.
    var searchJSON: String
    /// Changes whenever the article is rendered again.
    var version: Int
    /// What the home page shows of the article.
    var homeCard: HomeCard { HomeCard(rendered) }
  }

  /// What the home page shows of an article (`PageContexts.articleSummary`): an edit that
  /// changes none of it, like most edits of an article's text, leaves the home page as it is.
  struct HomeCard: Equatable {
    var title: String
    var byline: String?
    var summary: String?
    var date: String?
    var readingMinutes: Int
    var termCount: Int
    var noteCount: Int

    init(_ rendered: RenderedArticle) {
      title = rendered.article.title
      byline = rendered.article.byline
      summary = rendered.article.summary
      date = rendered.article.date
      readingMinutes = PageModels.readingMinutes(rendered.markdown.wordCount)
      termCount = rendered.markdown.termsInOrder.count
      noteCount = rendered.markdown.notes.count
    }
  }

  private var renders: [String: CachedRender] = [:]
  private var nextVersion = 0

  /// Each entry's body rendered, with the terms it links to (its page shows their tips), by
  /// entry id, until its text or the linker changes.
  private var entryBodies:
    [String: (body: String, linkerGeneration: Int, rendered: RenderedMarkdown, terms: Set<String>)] =
      [:]

  private func updateEntryBodies(_ generator: SiteGenerator) -> [String: RenderedMarkdown] {
    let stale = generator.content.glossary.filter { entry in
      guard let cached = entryBodies[entry.id] else { return true }
      return cached.linkerGeneration != linkerGeneration || cached.body != entry.body
    }
    for (entry, rendered) in zip(stale, ConcurrentMap.map(stale, generator.entryBody)) {
      entryBodies[entry.id] = (entry.body, linkerGeneration, rendered, Set(rendered.termsInOrder))
    }
    if entryBodies.count != generator.content.glossary.count {
      let current = Set(generator.content.glossary.map(\.id))
      for id in entryBodies.keys where !current.contains(id) { entryBodies[id] = nil }
    }
    return entryBodies.mapValues(\.rendered)
  }

  private func bodyTerms(of entry: GlossaryEntry) -> Set<String> {
    entryBodies[entry.id]?.terms ?? []
  }

  private struct Neighbour: Hashable {
    var id: String
    var title: String
  }

  private struct Neighbours: Hashable {
    var before: Neighbour?
    var after: Neighbour?
  }

  /// The last good build.
  private struct Published {
    var content: Content
    var themeGeneration: Int
    var linkerGeneration: Int
    var versions: [String: Int]
    var homeCards: [String: HomeCard]
    var order: [String]
    var entryNeighbours: [String: Neighbours]
    /// Paths of the files generators of several files made (the search index).
    var searchIndexPaths: [String]
    var assetPaths: [String]
    var files: [String: OutputFile]
  }

  private var published: Published?

  private var mentionIndex = MentionIndex()
  /// Entries whose mentions changed since the last good build.
  private var pendingMentionChanges = Set<String>()

  public init(
    paths: BuildPaths,
    clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  ) {
    self.paths = paths
    self.clock = clock
    self.contentLoader = IncrementalContentLoader(
      loader: ContentLoader(directory: paths.content, displayRoot: paths.contentDisplay))
    self.contentRoot = paths.content.standardizedFileURL.path
    self.themeRoot = paths.theme.standardizedFileURL.path
  }

  /// Every file of the last good build, sorted by path; empty before the first one.
  public var files: [OutputFile] {
    (published?.files.values).map { $0.sorted { $0.path < $1.path } } ?? []
  }

  public var hasSucceeded: Bool { published != nil }

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

    let loaded = contentLoader.load(changes)
    var diagnostics = loaded.diagnostics
    if theme == nil || themeChanged(changes) {
      theme = nil
      themeGeneration += 1
      // Stamps first: a file written while the theme loads shows up as a change next time.
      themeStamps = currentThemeStamps()
      do {
        theme = try Theme(directory: paths.theme, displayRoot: paths.themeDisplay)
      } catch {
        diagnostics += error.diagnostics
      }
    }
    guard let content = loaded.content, let theme,
      !diagnostics.contains(where: { $0.severity == .error })
    else {
      return failure(Diagnostics(diagnostics).sorted)
    }

    let newPatterns = SiteGenerator.patterns(for: content.glossary)
    if linker == nil || newPatterns != patterns {
      linker = GlossaryLinker(patterns: newPatterns)
      patterns = newPatterns
      linkerGeneration += 1
    }
    guard let linker else { return failure(diagnostics) }
    let generator = SiteGenerator(content: content, theme: theme, linker: linker)

    // Articles: render those whose inputs changed.
    let keys = content.articles.map { article in
      RenderKey(
        article: article, annotations: content.annotations[article.slug] ?? [],
        policy: article.linkPolicy ?? content.config.linkPolicy, linkerGeneration: linkerGeneration)
    }
    let stale = keys.indices.filter { renders[keys[$0].article.slug]?.key != keys[$0] }
    let fresh = ConcurrentMap.map(stale) { index -> CachedRender in
      let rendered = generator.renderArticle(keys[index].article)
      return CachedRender(
        key: keys[index], rendered: rendered, sites: generator.mentionSites(rendered),
        terms: rendered.termsInOrder, searchJSON: SearchIndex.articleJSON(rendered),
        version: 0)
    }
    for var render in fresh {
      nextVersion += 1
      render.version = nextVersion
      renders[render.key.article.slug] = render
    }
    let slugs = content.articles.map(\.slug)
    if renders.count != slugs.count {
      let current = Set(slugs)
      for slug in renders.keys where !current.contains(slug) { renders[slug] = nil }
    }
    let current = slugs.compactMap { renders[$0] }
    let rendered = current.map(\.rendered)

    let noteErrors = rendered.flatMap { generator.unanchoredNoteErrors($0) }
    guard noteErrors.isEmpty else {
      return failure(noteErrors, articles: content.articles.count, entries: content.glossary.count)
    }
    pendingMentionChanges.formUnion(
      mentionIndex.update(current.map { ($0.key.article.slug, $0.version, $0.sites) }))
    let mentions = mentionIndex.lists
    diagnostics = Diagnostics(diagnostics + generator.unmentionedEntryWarnings(mentions)).sorted

    let pages = generator.pageModels(
      rendered: rendered, mentions: mentions, entryBodies: updateEntryBodies(generator))
    let entryNeighbours = Self.neighbours(
      pages.entriesAlphabetically.map { Neighbour(id: $0.id, title: $0.term) })
    let plan = Plan(
      previous: published, content: content, current: current,
      mentionChanges: pendingMentionChanges, entryNeighbours: entryNeighbours,
      themeGeneration: themeGeneration, linkerGeneration: linkerGeneration,
      bodyTerms: { self.bodyTerms(of: $0) })

    // Pages, in the order SiteGenerator.generate() lists them.
    var renderedPages: [OutputFile] = []
    if plan.homeDirty { renderedPages.append(generator.homePage(pages)) }
    renderedPages += ConcurrentMap.map(current.filter { plan.articleDirty($0) }) {
      generator.articlePage($0.rendered, pages)
    }
    if plan.glossaryIndexDirty { renderedPages.append(generator.glossaryIndexPage(pages)) }
    renderedPages += ConcurrentMap.map(content.glossary.filter { plan.entryDirty($0) }) {
      generator.entryPage($0, pages)
    }
    if plan.everything { renderedPages.append(generator.notFoundPage(pages)) }
    if plan.feedDirty { renderedPages.append(generator.feedFile(rendered)) }
    var searchIndexPaths = published?.searchIndexPaths ?? []
    if plan.searchIndexDirty {
      let index = generator.searchIndexFiles(articles: current.map(\.searchJSON))
      searchIndexPaths = index.map(\.path)
      renderedPages += index
    }
    if plan.sitemapDirty { renderedPages.append(generator.sitemapFile()) }
    var otherFiles: [OutputFile] = []
    if plan.everything {
      do {
        otherFiles = try generator.assetFiles()
      } catch {
        return failure(
          error.diagnostics, articles: content.articles.count, entries: content.glossary.count)
      }
    }

    var files = published?.files ?? [:]
    // Let `files` be the only reference, so that it changes in place instead of being copied.
    published?.files = [:]
    var written: [OutputFile] = []
    for file in renderedPages + otherFiles where files[file.path]?.bytes != file.bytes {
      written.append(file)
      files[file.path] = file
    }
    let assetPaths =
      plan.everything ? theme.assets.map { "assets/\($0)" } : published?.assetPaths ?? []
    // The set of files changes only with the articles, the entries, the theme or the search
    // index's files; otherwise nothing is left over and nothing can be missing.
    var removed: [String] = []
    var expectedCount = files.count
    if plan.everything || plan.orderChanged || !plan.changedEntries.isEmpty
      || searchIndexPaths != published?.searchIndexPaths
    {
      let expected = Set(generator.routes.all.map(\.path))
      for path in files.keys where !expected.contains(path) {
        removed.append(path)
        files[path] = nil
      }
      expectedCount = expected.count
    }
    if files.count != expectedCount {
      // A page the plan skipped although the last build lacks it: plan and generate() disagree.
      // Build everything next time.
      published = nil
      return failure(
        [
          .error(
            paths.outputDisplay, "incremental build is missing pages; restart to build from scratch"
          )
        ],
        articles: content.articles.count, entries: content.glossary.count)
    }

    published = Published(
      content: content, themeGeneration: themeGeneration, linkerGeneration: linkerGeneration,
      versions: Dictionary(uniqueKeysWithValues: current.map { ($0.key.article.slug, $0.version) }),
      homeCards: Dictionary(
        uniqueKeysWithValues: current.map { ($0.key.article.slug, $0.homeCard) }),
      order: slugs, entryNeighbours: entryNeighbours, searchIndexPaths: searchIndexPaths,
      assetPaths: assetPaths, files: files)
    pendingMentionChanges = []
    written.sort { $0.path < $1.path }
    let pagesWritten = written.filter { $0.path.hasSuffix(".html") }.count
    return RebuildOutcome(
      report: BuildReport(
        articles: content.articles.count, entries: content.glossary.count,
        pagesWritten: pagesWritten,
        filesWritten: written.count, milliseconds: Int((clock() - start) / 1_000_000),
        diagnostics: diagnostics),
      succeeded: true, written: written, removed: removed.sorted(),
      rendered: (renderedPages + otherFiles).map(\.path).sorted(),
      changedSources: changedSources)
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

  private static func neighbours(_ items: [Neighbour]) -> [String: Neighbours] {
    var result: [String: Neighbours] = [:]
    for (index, item) in items.enumerated() {
      result[item.id] = Neighbours(
        before: index > 0 ? items[index - 1] : nil,
        after: index + 1 < items.count ? items[index + 1] : nil)
    }
    return result
  }

  // MARK: - What to render

  /// Which pages show something that changed since the last good build. Each rule lists what
  /// the page's context (PageContexts) reads; rendering too much costs time, too little is a
  /// stale page, which the byte-identity tests catch.
  private struct Plan {
    /// No previous build, or the theme or site settings changed: every page.
    let everything: Bool
    let changedArticles: Set<String>
    let changedEntries: Set<String>
    /// Changed entries whose tip in an article (term, summary, category) changed.
    let changedTips: Set<String>
    let orderChanged: Bool
    let articleNeighboursChanged: Set<String>
    let entriesDirty: Set<String>
    let homeDirty: Bool
    let glossaryIndexDirty: Bool
    let searchIndexDirty: Bool
    let feedDirty: Bool
    let sitemapDirty: Bool

    init(
      previous: Published?, content: Content, current: [CachedRender],
      mentionChanges: Set<String>,
      entryNeighbours: [String: Neighbours], themeGeneration: Int, linkerGeneration: Int,
      bodyTerms: (GlossaryEntry) -> Set<String>
    ) {
      guard let previous, previous.themeGeneration == themeGeneration,
        previous.content.config == content.config
      else {
        everything = true
        changedArticles = []
        changedEntries = []
        changedTips = []
        orderChanged = true
        articleNeighboursChanged = []
        entriesDirty = []
        homeDirty = true
        glossaryIndexDirty = true
        searchIndexDirty = true
        feedDirty = true
        sitemapDirty = true
        return
      }
      everything = false
      let order = current.map(\.key.article.slug)
      orderChanged = order != previous.order
      changedArticles = Set(
        current.filter { previous.versions[$0.key.article.slug] != $0.version }.map(
          \.key.article.slug))

      // Entries whose own data changed, were added or removed.
      let oldEntries = Dictionary(
        uniqueKeysWithValues: previous.content.glossary.map { ($0.id, $0) })
      let newEntries = Dictionary(uniqueKeysWithValues: content.glossary.map { ($0.id, $0) })
      var changedEntries = Set<String>()
      for entry in content.glossary where oldEntries[entry.id] != entry {
        changedEntries.insert(entry.id)
      }
      for entry in previous.content.glossary where newEntries[entry.id] == nil {
        changedEntries.insert(entry.id)
      }
      self.changedEntries = changedEntries
      let changedTips = changedEntries.filter { id in
        guard let old = oldEntries[id], let new = newEntries[id] else { return true }
        return (old.term, old.summary, old.category) != (new.term, new.summary, new.category)
      }
      self.changedTips = changedTips

      // Previous/next links name the neighbouring articles by title.
      var neighboursChanged = Set<String>()
      if orderChanged {
        let old = Self.articleNeighbours(previous.content.articles)
        for (slug, value) in Self.articleNeighbours(content.articles) where old[slug] != value {
          neighboursChanged.insert(slug)
        }
      } else {
        let oldArticles = previous.content.articles
        for (index, article) in content.articles.enumerated()
        where changedArticles.contains(article.slug) && oldArticles[index].title != article.title {
          if index > 0 { neighboursChanged.insert(content.articles[index - 1].slug) }
          if index + 1 < content.articles.count {
            neighboursChanged.insert(content.articles[index + 1].slug)
          }
        }
      }
      articleNeighboursChanged = neighboursChanged

      // An entry page shows: the entry; its see-also targets, the entries that point to it and
      // those its body links to (term, summary, category); its A–Z neighbours; its mentions;
      // and its body linked by the linker.
      var dirty = Set<String>()
      if previous.linkerGeneration != linkerGeneration {
        dirty = Set(newEntries.keys)
      } else {
        dirty = changedEntries
        // Other entries appear as links with their term and summary: "see also", "referred
        // to by" (which changes with the referring entry's see_also), and tips for the terms
        // of a body.
        for id in changedEntries {
          let old = Set(oldEntries[id]?.seeAlso ?? [])
          let new = Set(newEntries[id]?.seeAlso ?? [])
          dirty.formUnion(changedTips.contains(id) ? old.union(new) : old.symmetricDifference(new))
        }
        if !changedTips.isEmpty {
          for entry in content.glossary
          where entry.seeAlso.contains(where: changedTips.contains)
            || !bodyTerms(entry).isDisjoint(with: changedTips)
          {
            dirty.insert(entry.id)
          }
        }
        if !changedEntries.isEmpty {
          for (id, value) in entryNeighbours where previous.entryNeighbours[id] != value {
            dirty.insert(id)
          }
        }
      }
      dirty.formUnion(mentionChanges)
      entriesDirty = dirty

      // Pages about the whole site are rendered again whenever an article or an entry they
      // draw on changed: the glossary index counts mentions and maps which terms share
      // paragraphs, the search index holds every article's text and every entry.
      let articlesChanged = orderChanged || !changedArticles.isEmpty
      let changedSlugs = changedArticles
      let cardChanged = current.contains { render in
        changedSlugs.contains(render.key.article.slug)
          && previous.homeCards[render.key.article.slug] != render.homeCard
      }
      let entryCountChanged = content.glossary.count != previous.content.glossary.count
      homeDirty = order != previous.order || cardChanged || entryCountChanged
      glossaryIndexDirty = articlesChanged || !changedEntries.isEmpty
      searchIndexDirty = articlesChanged || !changedEntries.isEmpty
      feedDirty = articlesChanged
      sitemapDirty =
        orderChanged
        || changedEntries.contains { (oldEntries[$0] == nil) != (newEntries[$0] == nil) }
    }

    /// An article page shows its rendered text, its neighbours' titles, and for each entry it
    /// mentions a tip and a concept-map node (term, summary, category).
    func articleDirty(_ render: CachedRender) -> Bool {
      let slug = render.key.article.slug
      return everything || changedArticles.contains(slug) || articleNeighboursChanged.contains(slug)
        || (!changedTips.isEmpty && render.terms.contains { changedTips.contains($0) })
    }

    func entryDirty(_ entry: GlossaryEntry) -> Bool {
      everything || entriesDirty.contains(entry.id)
    }

    private static func articleNeighbours(_ articles: [Article]) -> [String: Neighbours] {
      IncrementalBuilder.neighbours(articles.map { Neighbour(id: $0.slug, title: $0.title) })
    }
  }
}

/// Entry id → every paragraph that mentions it, in article order (`SiteGenerator.mentionIndex`),
/// kept up to date by replacing one article's part of each list rather than merging every
/// article's mentions again.
struct MentionIndex {
  private(set) var lists: [String: [MentionSite]] = [:]
  /// For each list, the position in `order` of the article each site comes from (ascending).
  private var owners: [String: [Int]] = [:]
  private var order: [String] = []
  private var versions: [String: Int] = [:]
  private var entriesOf: [String: Set<String>] = [:]

  /// Brings the lists up to date with the articles, `current` in site order; returns the
  /// entries whose list changed.
  mutating func update(
    _ current: [(slug: String, version: Int, sites: [(entryID: String, site: MentionSite)])]
  )
    -> Set<String>
  {
    let newOrder = current.map(\.slug)
    guard newOrder == order else { return rebuild(current) }
    var changed = Set<String>()
    for (position, article) in current.enumerated() where versions[article.slug] != article.version
    {
      versions[article.slug] = article.version
      var fresh: [String: [MentionSite]] = [:]
      for (entryID, site) in article.sites { fresh[entryID, default: []].append(site) }
      let entries = Set(fresh.keys)
      for entryID in entries.union(entriesOf[article.slug] ?? []) {
        let owned = owners[entryID] ?? []
        var lower = 0
        var upper = owned.count
        while lower < upper {
          let middle = (lower + upper) / 2
          if owned[middle] < position { lower = middle + 1 } else { upper = middle }
        }
        var end = lower
        while end < owned.count, owned[end] == position { end += 1 }
        let replacement = fresh[entryID] ?? []
        let same =
          lists[entryID].map { $0[lower..<end].elementsEqual(replacement) } ?? replacement.isEmpty
        if same { continue }
        changed.insert(entryID)
        // Subscripted in place: no copy of a list that may hold thousands of sites.
        lists[entryID, default: []].replaceSubrange(lower..<end, with: replacement)
        owners[entryID, default: []].replaceSubrange(
          lower..<end, with: repeatElement(position, count: replacement.count))
        if lists[entryID]?.isEmpty == true {
          lists[entryID] = nil
          owners[entryID] = nil
        }
      }
      entriesOf[article.slug] = entries
    }
    return changed
  }

  private mutating func rebuild(
    _ current: [(slug: String, version: Int, sites: [(entryID: String, site: MentionSite)])]
  )
    -> Set<String>
  {
    let old = lists
    lists = [:]
    owners = [:]
    entriesOf = [:]
    versions = [:]
    for (position, article) in current.enumerated() {
      var entries = Set<String>()
      for (entryID, site) in article.sites {
        lists[entryID, default: []].append(site)
        owners[entryID, default: []].append(position)
        entries.insert(entryID)
      }
      entriesOf[article.slug] = entries
      versions[article.slug] = article.version
    }
    order = current.map(\.slug)
    return Set(old.keys).union(lists.keys).filter { old[$0] != lists[$0] }
  }
}
