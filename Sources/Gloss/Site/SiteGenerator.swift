import Foundation

/// The renderers of the pipeline's stages: an article from Markdown to linked HTML, an entry's
/// body, the page models, and each kind of file from its input. Pure: reads nothing from disk
/// but the theme's assets, writes nothing; the same input gives the same bytes. `SitePipeline`
/// decides which of them to call.
public struct SiteGenerator: Sendable {
  public var content: Content
  public var theme: Theme
  public let linker: GlossaryLinker
  /// How many paragraphs mention each entry, once the articles are rendered: long lists of
  /// mentions are split over pages (`SiteRoutes.mentionPages`).
  var mentionCounts: [String: Int] = [:]

  public init(content: Content, theme: Theme) {
    self.content = content.localizingDefaultCategories(theme.strings)
    self.theme = theme
    self.linker = GlossaryLinker(patterns: Self.patterns(for: content.glossary))
  }

  /// With a linker built earlier for the same glossary spellings (the pipeline keeps one
  /// across rebuilds: building the matcher is the costly part).
  init(content: Content, theme: Theme, linker: GlossaryLinker) {
    self.content = content
    self.theme = theme
    self.linker = linker
  }

  static func patterns(for entries: [GlossaryEntry]) -> [TermPattern] {
    entries.flatMap { entry in
      entry.spellings.map { TermPattern(text: $0, entryID: entry.id, matchCase: entry.matchCase) }
    }
  }

  /// The route table of this content and theme.
  var routes: SiteRoutes {
    let counts = Dictionary(grouping: content.glossary, by: \.category.key).mapValues(\.count)
    return SiteRoutes(
      config: content.config, articles: content.articles.map(\.slug),
      entries: content.glossary.map(\.id),
      assets: Array(Set(theme.assets + theme.stringsAssets)).sorted(),
      staticFiles: content.staticFiles, mentionCounts: mentionCounts,
      categorySizes: content.config.categories.map { ($0.key, counts[$0.key] ?? 0) })
  }

  func pageModels(
    rendered: [RenderedArticle], mentions: [String: [MentionSite]],
    entryBodies: [String: RenderedMarkdown], conceptMaps: ConceptMapMemo = ConceptMapMemo(),
    glossaryPairs: (pairs: [ConceptMap.Pair: Int], generation: Int)? = nil,
    memos: PageMemos = PageMemos(), versions: PageVersions = PageVersions()
  ) -> PageModels {
    let pairs =
      glossaryPairs
      ?? (
        theme.usesConceptMap
          ? ConceptMap.pairs(
            in: rendered.flatMap { $0.markdown.paragraphs.map { $0.mentions.map(\.entryID) } })
          : [:], 0
      )
    return PageModels(
      content: content, routes: routes, rendered: rendered, mentions: mentions,
      entryBodies: entryBodies, includeConceptMap: theme.usesConceptMap, conceptMaps: conceptMaps,
      glossaryPairs: pairs, memos: memos, versions: versions,
      themeShareCard: theme.shareCard, strings: theme.strings)
  }

  func entryBody(_ entry: GlossaryEntry) -> RenderedMarkdown {
    let page = Route.entry(id: entry.id)
    return MarkdownRenderer(linker: linker).render(
      entry.body, policy: .firstInArticle, termLink: { page.link(to: .entry(id: $0)) },
      excluding: [entry.id])
  }

  // MARK: files other than pages

  func feedFile(_ rendered: [RenderedArticle]) -> OutputFile {
    // The feed's copies of the newest articles link to the site with absolute URLs.
    let routes = self.routes
    let absolute = rendered.prefix(Feed.entryLimit).map { item in
      renderArticle(item.article, termLink: { routes.baseURL + Route.entry(id: $0).path })
    }
    return OutputFile(
      route: .feed, bytes: Feed.atomBytes(content: content, routes: routes, newest: absolute))
  }

  func sitemapFile() -> OutputFile {
    OutputFile(route: .sitemap, text: Sitemap.xml(routes: routes, articles: content.articles))
  }

  /// `robots.txt`: everything may be crawled; the sitemap is named by its absolute URL.
  func robotsFile() -> OutputFile {
    OutputFile(
      route: .robots,
      text: "User-agent: *\nAllow: /\n\nSitemap: \(routes.url(of: .sitemap))\n")
  }

  /// A theme asset as it is; nil when it cannot be read (the theme changed under the build).
  func assetFile(_ name: String) -> OutputFile? {
    if let script = theme.stringsScript(name) {
      return OutputFile(route: .asset(name), bytes: script)
    }
    let url = theme.directory.appendingPathComponent("assets").appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    return OutputFile(route: .asset(name), bytes: Array(data))
  }

  /// - Parameter termLink: an entry's link; by default from the article's own page.
  func renderArticle(
    _ article: Article, termLink: (String) -> String = MarkdownRenderer.linkFromArticle
  ) -> RenderedArticle {
    let policy = article.linkPolicy ?? content.config.linkPolicy
    let annotations = content.annotations[article.slug] ?? []
    let notesByID = Dictionary(
      annotations.map { ($0.id, NoteMarkup.render($0, linker: linker, termLink: termLink)) },
      uniquingKeysWith: { a, _ in a })
    var notesByNumber: [Int: RenderedNote] = [:]
    let words = noteWords(article)
    let markdown = MarkdownRenderer(linker: linker).render(
      article.markdown, policy: policy, termLink: termLink, annotations: annotations,
      noteMarkup: { annotation, number in
        guard let note = notesByID[annotation.id] else { return ("", "") }
        notesByNumber[number] = note
        return (
          NoteMarkup.reference(number: number, words: words),
          NoteMarkup.sidenote(annotation, number: number, note: note, words: words)
        )
      })
    return RenderedArticle(
      article: article, markdown: markdown, policy: policy, notes: notesByNumber)
  }

  /// The words around an article's notes, in its language.
  func noteWords(_ article: Article) -> NoteWords {
    NoteWords(theme.strings, language: article.language ?? content.config.language)
  }

  /// A note never silently disappears: a quote that no longer matches, or matches several
  /// places, stops the build and shows the editor where the text went.
  func unanchoredNoteErrors(_ rendered: RenderedArticle) -> [Diagnostic] {
    rendered.markdown.unanchoredNotes.map { annotation, failure in
      let location = annotation.location
      let message: String
      switch failure {
      case .notFound(let closest, let paragraph):
        var text =
          "note '\(annotation.id)': quote not found in article '\(rendered.article.slug)': “\(annotation.quote)”"
        if let closest {
          let place = paragraph.map { " (paragraph \($0))" } ?? ""
          text += "; closest passage\(place): “\(closest)”"
        }
        if annotation.prefix != nil || annotation.suffix != nil {
          text += "; check its prefix and suffix too"
        }
        message = text
      case .ambiguous(let paragraphs):
        // A quote can occur twice in one paragraph: each paragraph is named once.
        var seen = Set<String>()
        let places = paragraphs.map { $0.map(String.init) ?? "?" }.filter {
          seen.insert($0).inserted
        }
        let located =
          places.count == 1
          ? "paragraph \(places[0])" : "paragraphs \(places.joined(separator: ", "))"
        message =
          "note '\(annotation.id)': quote occurs \(paragraphs.count) times in article '\(rendered.article.slug)' (\(located)); add a prefix or suffix to choose one"
      }
      return .error(location.path, line: location.line, column: location.column, message)
    }
  }

  /// One article's part of the mention index, in reading order (kept per article by the
  /// pipeline's `MentionIndex`).
  func mentionSites(_ article: RenderedArticle) -> [(entryID: String, site: MentionSite)] {
    var sites: [(entryID: String, site: MentionSite)] = []
    for paragraph in article.markdown.paragraphs {
      var seen = Set<String>()
      for mention in paragraph.mentions where seen.insert(mention.entryID).inserted {
        sites.append(
          (
            mention.entryID,
            MentionSite(
              slug: article.article.slug, articleTitle: article.article.title,
              paragraph: paragraph.number,
              excerptHTML: Excerpt.html(paragraph, highlighting: mention.range))
          ))
      }
    }
    return sites
  }

  /// An entry no article mentions is only worth a warning when no mentioned entry points to it
  /// either: background entries reached through "see also" are part of a good glossary.
  func unmentionedEntryWarnings(_ mentions: [String: [MentionSite]]) -> [Diagnostic] {
    guard !content.articles.isEmpty else { return [] }
    let byID = Dictionary(uniqueKeysWithValues: content.glossary.map { ($0.id, $0) })
    var reachable = Set(mentions.keys)
    var frontier = Array(reachable)
    while let id = frontier.popLast() {
      for next in byID[id]?.seeAlso ?? [] where reachable.insert(next).inserted {
        frontier.append(next)
      }
    }
    return content.glossary.filter { !reachable.contains($0.id) }.map { entry in
      .warning(
        entry.termLocation.path, line: entry.termLocation.line, column: entry.termLocation.column,
        "no article mentions '\(entry.term)' and no mentioned entry links to it in see_also")
    }
  }
}
