import Foundation

/// The data each template receives (the theme contract, see README "Theme"). Built from the
/// rendered content; every string here is plain text that Mustache escapes, except the
/// `*_html` fields, which are produced by cmark or by Gloss's own escaping.
struct PageContexts {
  let content: Content
  let rendered: [RenderedArticle]
  let mentions: [String: [MentionSite]]
  let linker: GlossaryLinker
  let entriesByID: [String: GlossaryEntry]
  /// A–Z by term, ignoring case, diacritics and leading punctuation, then by id.
  let entriesAlphabetically: [GlossaryEntry]
  /// Positions for the previous/next links: looked up per page, so a scan would make a
  /// 10,000-article build quadratic.
  private let articleIndexBySlug: [String: Int]
  private let entryIndexByID: [String: Int]

  /// Whether the theme shows concept maps; without one their contexts are not made.
  let includeConceptMap: Bool

  init(
    content: Content, rendered: [RenderedArticle], mentions: [String: [MentionSite]],
    linker: GlossaryLinker, includeConceptMap: Bool = true
  ) {
    self.includeConceptMap = includeConceptMap
    self.content = content
    self.rendered = rendered
    self.mentions = mentions
    self.linker = linker
    self.entriesByID = Dictionary(uniqueKeysWithValues: content.glossary.map { ($0.id, $0) })
    self.articleIndexBySlug = Dictionary(
      rendered.enumerated().map { ($1.article.slug, $0) }, uniquingKeysWith: { first, _ in first })
    self.entriesAlphabetically = content.glossary.map { (AlphabeticalOrder.key($0.term), $0) }
      .sorted { ($0.0, $0.1.id) < ($1.0, $1.1.id) }.map(\.1)
    self.entryIndexByID = Dictionary(
      entriesAlphabetically.enumerated().map { ($1.id, $0) },
      uniquingKeysWith: { first, _ in first })
  }

  static let wordsPerMinute = 230

  private func common(kind: String, root: String, path: String, title: String, description: String)
    -> [String: Any]
  {
    let config = content.config
    var page: [String: Any] = [
      "root": root,
      "site": [
        "title": config.title, "description": config.description, "language": config.language,
        "base_url": config.baseURL,
      ],
      "page_title": title,
      "page_description": description.isEmpty ? config.description : description,
      "page_kind": kind,
      "is_\(kind == "404" ? "404" : kind)": true,
      "feed_url": root + "feed.xml",
      "generator": "Gloss",
    ]
    // 404 is served at any URL: it has no canonical address.
    if kind != "404" { page["canonical"] = config.baseURL + path }
    return page
  }

  private func merged(_ base: [String: Any], _ extra: [String: Any]) -> [String: Any] {
    base.merging(extra) { _, new in new }
  }

  // MARK: home

  func home() -> [String: Any] {
    let articles = rendered.map { article -> [String: Any] in
      var item = articleSummary(article, root: "")
      item["url"] = "articles/\(article.article.slug)/index.html"
      return item
    }
    return merged(
      common(
        kind: "home", root: "", path: "", title: content.config.title,
        description: content.config.description),
      [
        "articles": articles, "has_articles": !articles.isEmpty,
        "entry_count": content.glossary.count,
        "glossary_url": "glossary/index.html",
      ])
  }

  private func articleSummary(_ rendered: RenderedArticle, root: String) -> [String: Any] {
    let article = rendered.article
    var item: [String: Any] = [
      "slug": article.slug, "title": article.title,
      "reading_minutes": Self.readingMinutes(rendered.markdown.wordCount),
      "term_count": rendered.markdown.termsInOrder.count,
      "note_count": rendered.markdown.notes.count,
    ]
    if rendered.markdown.termsInOrder.count == 1 { item["term_count_one"] = true }
    item["byline"] = article.byline
    item["summary"] = article.summary
    if let date = article.date {
      item["date"] = date
      item["date_display"] = DateText.display(date)
    }
    return item
  }

  static func readingMinutes(_ words: Int) -> Int {
    max(1, (words + Self.wordsPerMinute / 2) / Self.wordsPerMinute)
  }

  // MARK: article

  func article(_ rendered: RenderedArticle) -> [String: Any] {
    let article = rendered.article
    let root = "../../"
    var data = articleSummary(rendered, root: root)
    data["author_note"] = article.authorNote
    data["source_title"] = article.sourceTitle ?? article.sourceURL
    data["source_url"] = article.sourceURL
    data["word_count"] = rendered.markdown.wordCount
    data["body_html"] = rendered.markdown.html
    let toc = rendered.markdown.headings.map {
      ["id": $0.id, "text": $0.text, "level": $0.level] as [String: Any]
    }
    data["toc"] = toc
    data["has_toc"] = !toc.isEmpty
    let terms = rendered.termsInOrder.compactMap { entriesByID[$0] }.map { entry -> [String: Any] in
      [
        "id": entry.id, "term": entry.term, "url": "\(root)glossary/\(entry.id)/index.html",
        "summary": entry.summary,
        "category": entry.category.rawValue, "category_label": entry.category.label,
      ]
    }
    data["terms"] = terms
    data["has_terms"] = !terms.isEmpty
    let notes = rendered.markdown.notes.map { note -> [String: Any] in
      var item: [String: Any] = [
        "number": note.number, "id": note.annotation.id, "kind": note.annotation.kind.rawValue,
        "kind_label": note.annotation.kind.label,
        "note_html": rendered.notes[note.number]?.html ?? "",
        "quote": note.passage,
        "sources": note.annotation.sources.map { ["title": $0.title, "url": $0.url] },
        "has_sources": !note.annotation.sources.isEmpty,
      ]
      item["paragraph"] = note.paragraphNumber
      return item
    }
    data["notes"] = notes
    data["has_notes"] = !notes.isEmpty
    data["note_count"] = notes.count
    // Singular wording needs a flag: Mustache cannot compare, and 0 counts as true in sections.
    if notes.count == 1 { data["note_count_one"] = true }
    data["term_count_one"] = terms.count == 1 ? true : nil
    if includeConceptMap {
      data.merge(ConceptMap.articleContext(rendered, entriesByID: entriesByID, root: root)) {
        _, new in new
      }
    }

    var page = common(
      kind: "article", root: root, path: "articles/\(article.slug)/",
      title: "\(article.title) · \(content.config.title)",
      description: article.summary ?? "")
    page["article"] = data
    if let index = articleIndexBySlug[article.slug] {
      // Articles are newest first: "previous" is the older one.
      if index + 1 < self.rendered.count {
        let older = self.rendered[index + 1].article
        page["prev"] = ["title": older.title, "url": "../\(older.slug)/index.html"]
      }
      if index > 0 {
        let newer = self.rendered[index - 1].article
        page["next"] = ["title": newer.title, "url": "../\(newer.slug)/index.html"]
      }
    }
    return page
  }

  // MARK: glossary

  private func entryItem(_ entry: GlossaryEntry, urlPrefix: String) -> [String: Any] {
    [
      "id": entry.id, "term": entry.term, "url": "\(urlPrefix)\(entry.id)/index.html",
      "summary": entry.summary,
      "aliases_text": entry.aliases.joined(separator: ", "), "has_aliases": !entry.aliases.isEmpty,
      "mention_count": mentions[entry.id]?.count ?? 0, "category": entry.category.rawValue,
      "category_label": entry.category.label,
    ]
  }

  private func letter(of term: String) -> String {
    guard let first = AlphabeticalOrder.key(term).first else { return "#" }
    return first.isLetter ? String(first).uppercased() : "#"
  }

  func glossaryIndex() -> [String: Any] {
    let sorted = entriesAlphabetically
    let categories = EntryCategory.allCases.compactMap { category -> [String: Any]? in
      let entries = sorted.filter { $0.category == category }
      guard !entries.isEmpty else { return nil }
      return [
        "key": category.rawValue, "label": category.pluralLabel,
        "anchor": "cat-\(category.rawValue)",
        "entries": entries.map { entryItem($0, urlPrefix: "") }, "count": entries.count,
      ]
    }
    var letters: [[String: Any]] = []
    var currentLetter: String?
    var bucket: [[String: Any]] = []
    for entry in sorted {
      let initial = letter(of: entry.term)
      if initial != currentLetter, let previous = currentLetter {
        letters.append([
          "letter": previous,
          "anchor": "letter-\(Slug.make(previous).isEmpty ? "other" : Slug.make(previous))",
          "entries": bucket,
        ])
        bucket = []
      }
      currentLetter = initial
      bucket.append(entryItem(entry, urlPrefix: ""))
    }
    if let previous = currentLetter {
      letters.append([
        "letter": previous,
        "anchor": "letter-\(Slug.make(previous).isEmpty ? "other" : Slug.make(previous))",
        "entries": bucket,
      ])
    }
    return merged(
      common(
        kind: "glossary", root: "../", path: "glossary/",
        title: "Glossary · \(content.config.title)",
        description: "Every term explained in \(content.config.title), A–Z and by category."),
      ["categories": categories, "letters": letters, "entry_count": sorted.count].merging(
        includeConceptMap
          ? ConceptMap.glossaryContext(entries: content.glossary, rendered: rendered) : [:]
      ) { _, new in new })
  }

  func entry(_ entry: GlossaryEntry) -> [String: Any] {
    let root = "../../"
    let body = MarkdownRenderer(linker: linker).render(
      entry.body, policy: .firstInArticle, root: root, excluding: [entry.id])
    let seeAlso = entry.seeAlso.compactMap { entriesByID[$0] }.map { other -> [String: Any] in
      [
        "id": other.id, "term": other.term, "url": "../\(other.id)/index.html",
        "summary": other.summary,
      ]
    }
    let referencedBy = content.glossary.filter { $0.seeAlso.contains(entry.id) }.map {
      other -> [String: Any] in
      [
        "id": other.id, "term": other.term, "url": "../\(other.id)/index.html",
        "summary": other.summary,
      ]
    }
    let mentionItems = (mentions[entry.id] ?? []).map { site -> [String: Any] in
      let articleURL = "\(root)articles/\(site.slug)/index.html"
      var item: [String: Any] = [
        "article_title": site.articleTitle, "article_url": articleURL,
        "excerpt_html": site.excerptHTML,
        "url": site.paragraph.map { "\(articleURL)#p-\($0)" } ?? articleURL,
      ]
      item["paragraph"] = site.paragraph
      return item
    }
    let terms = body.termsInOrder.compactMap { entriesByID[$0] }.map { other -> [String: Any] in
      [
        "id": other.id, "term": other.term, "url": "../\(other.id)/index.html",
        "summary": other.summary,
        "category": other.category.rawValue, "category_label": other.category.label,
      ]
    }
    let data: [String: Any] = [
      "terms": terms, "has_terms": !terms.isEmpty,
      "id": entry.id, "term": entry.term, "aliases": entry.aliases,
      "has_aliases": !entry.aliases.isEmpty,
      "category": entry.category.rawValue, "category_label": entry.category.label,
      "summary": entry.summary,
      "body_html": body.html, "sources": entry.sources.map { ["title": $0.title, "url": $0.url] },
      "has_sources": !entry.sources.isEmpty,
      "see_also": seeAlso, "has_see_also": !seeAlso.isEmpty, "mentions": mentionItems,
      "has_mentions": !mentionItems.isEmpty, "mention_count": mentionItems.count,
      "referenced_by": referencedBy,
      "has_referenced_by": !referencedBy.isEmpty,
    ]
    var page = common(
      kind: "entry", root: root, path: "glossary/\(entry.id)/",
      title: "\(entry.term) · Glossary · \(content.config.title)", description: entry.summary)
    page["entry"] = data
    let sorted = entriesAlphabetically
    if let index = entryIndexByID[entry.id] {
      if index > 0 {
        page["prev_entry"] = [
          "term": sorted[index - 1].term, "url": "../\(sorted[index - 1].id)/index.html",
        ]
      }
      if index + 1 < sorted.count {
        page["next_entry"] = [
          "term": sorted[index + 1].term, "url": "../\(sorted[index + 1].id)/index.html",
        ]
      }
    }
    return page
  }

  func notFound() -> [String: Any] {
    common(
      kind: "404", root: content.config.basePath, path: "",
      title: "Page not found · \(content.config.title)", description: "")
  }
}
