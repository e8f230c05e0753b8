/// Makes the typed model of every page from the rendered content: what each template receives
/// (docs/theme.md). Every link comes from the route table; every string is plain text that the
/// template escapes, except the HTML fields, made by cmark or by Gloss's own escaping.
struct PageModels {
  let content: Content
  let routes: SiteRoutes
  let rendered: [RenderedArticle]
  let mentions: [String: [MentionSite]]
  let entryBodies: [String: RenderedMarkdown]
  let entriesByID: [String: GlossaryEntry]
  /// A–Z by term, ignoring case, diacritics and leading punctuation, then by id.
  let entriesAlphabetically: [GlossaryEntry]
  /// Positions for the previous/next links: looked up per page, so a scan would make a
  /// 10,000-article build quadratic.
  private let articleIndexBySlug: [String: Int]
  /// Each entry's place A–Z (`entriesAlphabetically`).
  private let entryIndexByID: [String: Int]
  /// For each entry, the entries whose see_also names it, in glossary order.
  private let referrers: [String: [GlossaryEntry]]
  /// Whether the theme shows concept maps; without one they are not laid out.
  let includeConceptMap: Bool
  /// The theme's picture for share cards, when the site names none.
  let themeShareCard: (name: String, size: ImageSize?)?
  /// Articles' maps from earlier builds, kept while what they show is the same.
  let conceptMaps: ConceptMapMemo
  /// Page models from earlier builds, and the numbers their keys are made of.
  let memos: PageMemos
  let versions: PageVersions
  /// The pairs of entries every article's paragraphs share, and a number that changes with them.
  let glossaryPairs: (pairs: [ConceptMap.Pair: Int], generation: Int)
  /// The theme's interface strings: dates, reading times and the titles the build writes.
  let strings: ThemeStrings
  /// Each article's card, in site order (`summary(_:language:)` in the site's language), taken
  /// from the memo in one pass: looked up card by card from both cores, the memo's lock was
  /// contended on every rebuild.
  private(set) var cards: [ArticleSummary] = []

  init(
    content: Content, routes: SiteRoutes, rendered: [RenderedArticle],
    mentions: [String: [MentionSite]], entryBodies: [String: RenderedMarkdown],
    includeConceptMap: Bool, conceptMaps: ConceptMapMemo,
    glossaryPairs: (pairs: [ConceptMap.Pair: Int], generation: Int),
    memos: PageMemos, versions: PageVersions,
    themeShareCard: (name: String, size: ImageSize?)? = nil, strings: ThemeStrings = .builtIn
  ) {
    self.themeShareCard = themeShareCard
    self.strings = strings
    self.memos = memos
    self.versions = versions
    self.conceptMaps = conceptMaps
    self.glossaryPairs = glossaryPairs
    self.content = content
    self.routes = routes
    self.rendered = rendered
    self.mentions = mentions
    self.entryBodies = entryBodies
    self.includeConceptMap = includeConceptMap
    self.entriesByID = Dictionary(uniqueKeysWithValues: content.glossary.map { ($0.id, $0) })
    self.articleIndexBySlug = Dictionary(
      rendered.enumerated().map { ($1.article.slug, $0) }, uniquingKeysWith: { first, _ in first })
    self.entriesAlphabetically = Self.alphabetical(content.glossary)
    var referrers: [String: [GlossaryEntry]] = [:]
    for entry in content.glossary {
      for target in Set(entry.seeAlso) { referrers[target, default: []].append(entry) }
    }
    self.referrers = referrers
    self.entryIndexByID = Dictionary(
      entriesAlphabetically.enumerated().map { ($1.id, $0) },
      uniquingKeysWith: { first, _ in first })
    let language = content.config.language
    let models = self
    self.cards = memos.cards.values(
      rendered.map(\.article.slug),
      keys: rendered.map {
        CardInputs(version: $0.version, site: versions.site, language: language)
      }
    ) { models.summary(rendered[$0], language: language) }
  }

  static func alphabetical(_ entries: [GlossaryEntry]) -> [GlossaryEntry] {
    entries.map { (AlphabeticalOrder.key($0.term), $0) }
      .sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }.map(\.1)
  }

  /// - Parameters:
  ///   - title: the page's `<title>`.
  ///   - ownTitle: the page's title without the site's name, for its share card.
  ///   - language: the page's, when it is not the site's (an article's own `language`).
  private func common(
    _ route: Route, kind: PageCommon.Kind, title: String, ownTitle: String? = nil,
    description: String, structuredData: String? = nil, article: Article? = nil,
    language: String? = nil
  ) -> PageCommon {
    let config = content.config
    let language = language ?? config.language
    let description = description.isEmpty ? config.description : description
    return PageCommon(
      root: routes.root(of: route),
      site: SiteInfo(
        title: config.title, description: config.description, language: config.language,
        baseURL: config.baseURL),
      language: language, direction: strings.direction(of: language),
      title: title, description: description,
      kind: kind, feedURL: routes.link(from: route, to: .feed),
      canonical: route == .notFound ? nil : routes.url(of: route), structuredData: structuredData,
      share: shareCard(
        route, title: ownTitle ?? title, description: description, article: article,
        language: language),
      stringsURL: routes.link(from: route, to: .asset(strings.asset(for: language))))
  }

  /// The card of a page: an article's own picture, else the site's, else the theme's.
  private func shareCard(
    _ route: Route, title: String, description: String, article: Article?, language: String
  ) -> ShareCard {
    let config = content.config
    var card = ShareCard(
      title: title, description: description, kind: article == nil ? .website : .article,
      url: routes.url(of: route), siteName: config.title,
      locale: ShareCard.locale(language: language),
      publishedTime: article?.date, author: article.flatMap { $0.byline ?? config.author })
    if let image = article?.image ?? config.image {
      card.imageAlt = image.alt
      card.imageSize = image.isRemote ? nil : content.imageSizes[image.value]
    } else {
      card.imageSize = themeShareCard?.size
    }
    card.image = shareImageURL(article)
    if card.image != nil, card.imageAlt == nil { card.imageAlt = config.title }
    return card
  }

  /// The absolute URL of the picture a page shows when shared, if there is one.
  func shareImageURL(_ article: Article?) -> String? {
    if let image = article?.image ?? content.config.image {
      return image.isRemote ? image.value : routes.url(of: .staticFile(image.value))
    }
    return themeShareCard.map { routes.url(of: .asset($0.name)) }
  }

  // MARK: home

  /// Page `number` of the home page: its share of the articles, newest first.
  /// The key of page `number` of the home page: its cards, and what is around them.
  func homeKey(page number: Int) -> HomePageInputs {
    let size = content.config.paginate
    return HomePageInputs(
      number: number, total: routes.homePages,
      cards: Array(cards.dropFirst((number - 1) * size).prefix(size)),
      entryCount: content.glossary.count, site: versions.site)
  }

  func home(page number: Int = 1) -> HomePage {
    home(homeKey(page: number))
  }

  private func home(_ key: HomePageInputs) -> HomePage {
    let number = key.number
    let route = Route.home(page: number)
    let language = content.config.language
    let title =
      number == 1
      ? content.config.title
      : "\(content.config.title) · \(strings.text("page_number", in: language, ["number": strings.resolve(language).number(number)]))"
    return HomePage(
      common: common(
        route, kind: .home, title: title, description: content.config.description,
        structuredData: StructuredData.home(config: content.config, routes: routes)),
      articles: key.cards.map { summary in
        ArticleCard(summary: summary, url: route.link(to: .article(slug: summary.slug)))
      },
      entryCount: key.entryCount, glossaryURL: route.link(to: .glossary),
      pager: pager(number, of: key.total, from: route))
  }

  /// Links from page `number` to the others: none when there is one page.
  /// - Parameter page: the route of each page, by number.
  private func pager(
    _ number: Int, of total: Int, from route: Route,
    page: @escaping (Int) -> Route = { Route.home(page: $0) }
  ) -> Pager? {
    guard total > 1 else { return nil }
    let link = { (number: Int) in route.link(to: page(number)) }
    var items: [PagerItem] = []
    for page in 1...total where page == 1 || page == total || abs(page - number) <= 2 {
      if let last = items.last, page > last.number + 1 {
        items.append(PagerItem(number: page - 1, url: "", isCurrent: false, isGap: true))
      }
      items.append(
        PagerItem(number: page, url: link(page), isCurrent: page == number, isGap: false))
    }
    return Pager(
      current: number, total: total, previousURL: number > 1 ? link(number - 1) : nil,
      nextURL: number < total ? link(number + 1) : nil, pages: items)
  }

  /// What a card shows of an article: also what decides whether a rebuild must redo the home
  /// page after an edit.
  /// - Parameter language: the page's, which says how the date and the reading time are written.
  func summary(_ rendered: RenderedArticle, language: String) -> ArticleSummary {
    let article = rendered.article
    let strings = self.strings.resolve(language)
    // The reading rate is the article's own language's: Chinese is read by the character.
    let rate = self.strings.readingRate(of: article.language ?? content.config.language)
    return ArticleSummary(
      slug: article.slug, title: article.title, byline: article.byline, summary: article.summary,
      date: article.date, dateDisplay: article.date.map(strings.date),
      readingMinutes: rate.minutes(
        words: rendered.markdown.wordCount,
        characters: rate.unit == .characters ? rendered.markdown.characterCount : 0),
      termCount: rendered.markdown.termsInOrder.count, noteCount: rendered.markdown.notes.count,
      termCountOne: rendered.markdown.termsInOrder.count == 1)
  }

  // MARK: article

  private func tip(_ entry: GlossaryEntry, from page: Route) -> TermTip {
    TermTip(
      id: entry.id, term: entry.term, url: page.link(to: .entry(id: entry.id)),
      summary: entry.summary, category: entry.category.key,
      categoryLabel: entry.category.label)
  }

  /// The key of an article's page: its render, its neighbours, and the numbers of what else
  /// it shows.
  func articleKey(_ rendered: RenderedArticle) -> ArticlePageInputs {
    var previous: Neighbour?
    var next: Neighbour?
    var tips: Int?
    if let index = articleIndexBySlug[rendered.article.slug] {
      if versions.articleTips.count == self.rendered.count { tips = versions.articleTips[index] }
      // Articles are newest first: "previous" is the older one. Fields are read through the
      // (class) reference: a copy of the whole article would be a retain per string it holds.
      if index + 1 < self.rendered.count {
        let older = self.rendered[index + 1]
        previous = Neighbour(id: older.article.slug, title: older.article.title)
      }
      if index > 0 {
        let newer = self.rendered[index - 1]
        next = Neighbour(id: newer.article.slug, title: newer.article.title)
      }
    }
    return ArticlePageInputs(
      version: rendered.version, previous: previous, next: next, site: versions.site,
      tips: tips ?? versions.newestTip(rendered.termsInOrder))
  }

  func article(_ rendered: RenderedArticle) -> ArticlePage {
    let article = rendered.article
    let route = Route.article(slug: article.slug)
    let key = articleKey(rendered)
    var page = ArticlePage(
      common: common(
        route, kind: .article, title: "\(article.title) · \(content.config.title)",
        ownTitle: article.title, description: article.summary ?? "",
        structuredData: StructuredData.article(
          article, config: content.config, routes: routes, image: shareImageURL(article)),
        article: article, language: article.language),
      article: articleBody(rendered, route))
    page.previous = key.previous.map {
      TitledLink(title: $0.title, url: route.link(to: .article(slug: $0.id)))
    }
    page.next = key.next.map {
      TitledLink(title: $0.title, url: route.link(to: .article(slug: $0.id)))
    }
    return page
  }

  private func articleBody(_ rendered: RenderedArticle, _ route: Route) -> ArticleBody {
    let article = rendered.article
    let terms = rendered.termsInOrder.compactMap { entriesByID[$0] }.map { tip($0, from: route) }
    var summary = summary(rendered, language: article.language ?? content.config.language)
    summary.termCountOne = terms.count == 1
    return ArticleBody(
      summary: summary, authorNote: article.authorNote,
      sourceTitle: article.sourceTitle ?? article.sourceURL, sourceURL: article.sourceURL,
      wordCount: rendered.markdown.wordCount, bodyHTML: rendered.markdown.html,
      toc: rendered.markdown.headings.map { TocItem(id: $0.id, text: $0.text, level: $0.level) },
      terms: terms,
      notes: rendered.markdown.notes.map { note in
        NoteItem(
          number: note.number, id: note.annotation.id, kind: note.annotation.kind.rawValue,
          kindLabel: strings.text(
            note.annotation.kind.stringKey, in: article.language ?? content.config.language),
          noteHTML: rendered.notes[note.number]?.html ?? "", quote: note.passage,
          sources: note.annotation.sources.map { SourceItem(title: $0.title, url: $0.url) },
          paragraph: note.paragraphNumber)
      },
      conceptMap: includeConceptMap ? conceptMap(rendered, route) : nil)
  }

  /// The map of the article's body terms: the same as long as the render and what the map
  /// shows of each term are.
  private func conceptMap(_ rendered: RenderedArticle, _ route: Route) -> ConceptMapView? {
    let words = ConceptMapWords(
      strings, language: rendered.article.language ?? content.config.language)
    let nodes = rendered.markdown.termsInOrder.compactMap { entriesByID[$0] }.map(
      ConceptMapNodeInputs.init)
    return conceptMaps.value(
      rendered.article.slug,
      key: ConceptMapInputs(
        versions: [rendered.version], nodes: nodes, categories: content.config.categories,
        words: words)
    ) {
      ConceptMap.article(
        rendered, entriesByID: entriesByID, from: route, alphabeticalRank: entryIndexByID,
        words: words)
    }
  }

  // MARK: glossary

  private func entryItem(_ entry: GlossaryEntry, from page: Route = .glossary) -> EntryItem {
    EntryItem(
      id: entry.id, term: entry.term, url: page.link(to: .entry(id: entry.id)),
      summary: entry.summary, aliases: entry.aliases,
      mentionCount: mentions[entry.id]?.count ?? 0, category: entry.category.key,
      categoryLabel: entry.category.label)
  }

  private func letter(of term: String) -> String {
    guard let first = AlphabeticalOrder.key(term).first else { return "#" }
    return first.isLetter ? String(first).uppercased() : "#"
  }

  func glossaryIndex() -> GlossaryIndexPage {
    let sorted = entriesAlphabetically
    let byCategory = Dictionary(grouping: sorted, by: \.category.key)
    // A large glossary's categories have pages of their own: the index links to them instead
    // of listing every summary, which at a thousand entries was over half of its 712 KB.
    let split = routes.hasCategoryPages
    let categories = content.config.categories.compactMap { category -> CategoryGroup? in
      guard let entries = byCategory[category.key] else { return nil }
      return CategoryGroup(
        key: category.key, label: category.pluralLabel, colour: category.colour,
        entries: split ? [] : entries.map { entryItem($0) }, count: entries.count,
        url: split ? Route.glossary.link(to: .category(key: category.key)) : nil)
    }
    var letters: [LetterGroup] = []
    for entry in sorted {
      let initial = letter(of: entry.term)
      if letters.last?.letter != initial {
        let slug = Slug.make(initial)
        letters.append(
          LetterGroup(
            letter: initial, anchor: "letter-\(slug.isEmpty ? "other" : slug)", entries: []))
      }
      letters[letters.count - 1].entries.append(entryItem(entry))
    }
    return GlossaryIndexPage(
      common: common(
        .glossary, kind: .glossary,
        title: "\(strings.text("glossary", in: content.config.language)) · \(content.config.title)",
        ownTitle: strings.text("glossary", in: content.config.language),
        description: strings.text(
          "glossary_description", in: content.config.language,
          ["site_title": content.config.title]),
        structuredData: StructuredData.glossary(config: content.config, routes: routes)),
      categories: categories, letters: letters, entryCount: sorted.count,
      conceptMap: includeConceptMap ? glossaryConceptMap() : nil, hasCategoryPages: split)
  }

  /// Page `number` of a category's entries, on a large glossary: its share of them A–Z with
  /// their summaries and mention counts; nil for a category without a page.
  func category(_ key: String, page number: Int = 1) -> CategoryPage? {
    guard routes.categories.contains(key),
      let category = content.config.categories.first(where: { $0.key == key })
    else { return nil }
    let route = Route.category(key: key, page: number)
    let all = entriesAlphabetically.filter { $0.category.key == key }
    let firstShown = (number - 1) * SiteRoutes.entriesPerCategoryPage
    let shown = all.dropFirst(firstShown).prefix(SiteRoutes.entriesPerCategoryPage)
    let language = content.config.language
    let glossary = strings.text("glossary", in: language)
    let pageTitle =
      number == 1
      ? category.pluralLabel
      : "\(category.pluralLabel) · \(strings.text("page_number", in: language, ["number": strings.resolve(language).number(number)]))"
    let counts = Dictionary(grouping: content.glossary, by: \.category.key).mapValues(\.count)
    return CategoryPage(
      common: common(
        route, kind: .category, title: "\(pageTitle) · \(glossary) · \(content.config.title)",
        ownTitle: pageTitle,
        description: strings.text(
          "category_description", in: language,
          ["category": category.pluralLabel, "site_title": content.config.title]),
        structuredData: StructuredData.category(
          category, page: route, config: content.config, routes: routes)),
      category: CategoryGroup(
        key: category.key, label: category.pluralLabel, colour: category.colour,
        entries: shown.map { entryItem($0, from: route) }, count: all.count,
        url: route.link(to: .category(key: key))),
      glossaryURL: route.link(to: .glossary),
      categories: content.config.categories.filter { routes.categories.contains($0.key) }.map {
        CategoryLink(
          label: $0.pluralLabel, url: route.link(to: .category(key: $0.key)),
          count: counts[$0.key] ?? 0, isCurrent: $0.key == key)
      },
      entriesFrom: shown.isEmpty ? 0 : firstShown + 1, entriesTo: firstShown + shown.count,
      pager: pager(number, of: routes.categoryPageCount(key), from: route) {
        .category(key: key, page: $0)
      })
  }

  /// The map of the whole glossary, drawn from every article's paragraphs.
  private func glossaryConceptMap() -> ConceptMapView? {
    let words = ConceptMapWords(strings, language: content.config.language)
    let nodes = content.glossary.map(ConceptMapNodeInputs.init)
    return conceptMaps.value(
      ConceptMapMemo.glossaryKey,
      key: ConceptMapInputs(
        versions: [glossaryPairs.generation], nodes: nodes, categories: content.config.categories,
        words: words)
    ) {
      ConceptMap.glossary(
        entries: content.glossary, pairs: glossaryPairs.pairs, alphabeticalRank: entryIndexByID,
        words: words, large: routes.hasCategoryPages)
    }
  }

  /// Page `number` of an entry: the first is the entry with the first mentions; the others
  /// list further mentions.
  /// The key of page `number` of an entry.
  func entryKey(_ entry: GlossaryEntry, page number: Int = 1) -> EntryPageInputs {
    let referrers = (self.referrers[entry.id] ?? []).map(\.id)
    var previous: Neighbour?
    var next: Neighbour?
    if let index = entryIndexByID[entry.id] {
      let sorted = entriesAlphabetically
      if index > 0 { previous = Neighbour(id: sorted[index - 1].id, title: sorted[index - 1].term) }
      if index + 1 < sorted.count {
        next = Neighbour(id: sorted[index + 1].id, title: sorted[index + 1].term)
      }
    }
    return EntryPageInputs(
      entry: entry, page: number, linkerGeneration: versions.linkerGeneration,
      mentions: versions.mentions[entry.id] ?? 0,
      tips: max(
        versions.newestTip(entryBodies[entry.id]?.termsInOrder ?? []),
        versions.newestTip(entry.seeAlso), versions.newestTip(referrers)),
      referrers: referrers, previous: previous, next: next, site: versions.site,
      categoryPage: routes.categories.contains(entry.category.key))
  }

  func entry(_ entry: GlossaryEntry, page number: Int = 1) -> EntryPage {
    let route = Route.entry(id: entry.id, page: number)
    // Every entry's body is rendered before any page (`SiteGenerator.entryBodies`).
    let body = entryBodies[entry.id]
    func related(_ other: GlossaryEntry) -> RelatedEntry {
      RelatedEntry(
        id: other.id, term: other.term, url: route.link(to: .entry(id: other.id)),
        summary: other.summary)
    }
    let allMentions = mentions[entry.id] ?? []
    let perPage = SiteRoutes.mentionsPerPage
    let pageCount = routes.mentionPageCount(entry.id)
    let firstShown = (number - 1) * perPage
    let mentionItems = allMentions.dropFirst(firstShown).prefix(perPage).map {
      site -> MentionItem in
      let articleURL = route.link(to: .article(slug: site.slug))
      return MentionItem(
        articleTitle: site.articleTitle, articleURL: articleURL,
        url: site.paragraph.map { "\(articleURL)#p-\($0)" } ?? articleURL,
        excerptHTML: site.excerptHTML, paragraph: site.paragraph)
    }
    let language = content.config.language
    let pageTitle =
      number == 1
      ? entry.term
      : "\(entry.term) · \(strings.text("mentions_page", in: language, ["number": strings.resolve(language).number(number)]))"
    var page = EntryPage(
      common: common(
        route, kind: .entry,
        title:
          "\(pageTitle) · \(strings.text("glossary", in: content.config.language)) · \(content.config.title)",
        ownTitle: pageTitle,
        description: entry.summary,
        structuredData: number == 1
          ? StructuredData.entry(entry, config: content.config, routes: routes) : nil),
      entry: EntryBody(
        id: entry.id, term: entry.term, aliases: entry.aliases,
        category: entry.category.key, categoryLabel: entry.category.label,
        categoryURL: routes.categories.contains(entry.category.key)
          ? route.link(to: .category(key: entry.category.key)) : nil,
        summary: entry.summary, bodyHTML: body?.html ?? "",
        terms: (body?.termsInOrder ?? []).compactMap { entriesByID[$0] }.map {
          tip($0, from: route)
        },
        sources: entry.sources.map { SourceItem(title: $0.title, url: $0.url) },
        seeAlso: entry.seeAlso.compactMap { entriesByID[$0] }.map(related),
        referencedBy: (referrers[entry.id] ?? []).map(related),
        mentions: Array(mentionItems), mentionCount: allMentions.count,
        mentionsFrom: mentionItems.isEmpty ? 0 : firstShown + 1,
        mentionsTo: firstShown + mentionItems.count,
        mentionsPager: pager(number, of: pageCount, from: route) { .entry(id: entry.id, page: $0) },
        isLaterPage: number > 1))
    let sorted = entriesAlphabetically
    if let index = entryIndexByID[entry.id] {
      if index > 0 {
        let other = sorted[index - 1]
        page.previous = TermLink(term: other.term, url: route.link(to: .entry(id: other.id)))
      }
      if index + 1 < sorted.count {
        let other = sorted[index + 1]
        page.next = TermLink(term: other.term, url: route.link(to: .entry(id: other.id)))
      }
    }
    return page
  }

  func notFound() -> NotFoundPage {
    NotFoundPage(
      common: common(
        .notFound, kind: .notFound,
        title:
          "\(strings.text("page_not_found", in: content.config.language)) · \(content.config.title)",
        description: ""))
  }
}
