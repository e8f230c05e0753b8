import Foundation

/// One file of the generated site, path relative to the output root.
public struct OutputFile: Sendable, Hashable {
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }
}

/// An article after parse → link → render.
public struct RenderedArticle: Sendable {
  public var article: Article
  public var markdown: RenderedMarkdown
  public var policy: LinkPolicy
}

/// Where a glossary entry is mentioned.
public struct MentionSite: Sendable, Hashable {
  public var slug: String
  public var articleTitle: String
  public var paragraph: Int?
  public var excerptHTML: String
}

/// Turns loaded content and a theme into the files of the site. Pure: reads nothing from disk
/// but the theme's assets, writes nothing; the same input gives the same bytes.
public struct SiteGenerator: Sendable {
  public var content: Content
  public var theme: Theme
  public let linker: GlossaryLinker

  public init(content: Content, theme: Theme) {
    self.content = content
    self.theme = theme
    self.linker = GlossaryLinker(patterns: Self.patterns(for: content.glossary))
  }

  static func patterns(for entries: [GlossaryEntry]) -> [TermPattern] {
    entries.flatMap { entry in
      entry.spellings.map { TermPattern(text: $0, entryID: entry.id, matchCase: entry.matchCase) }
    }
  }

  public struct Output: Sendable {
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    public var articles: [RenderedArticle]
  }

  public func generate() throws(BuildFailure) -> Output {
    let rendered = renderArticles()
    var diagnostics: [Diagnostic] = []
    let mentions = mentionIndex(rendered)
    diagnostics += unmentionedEntryWarnings(mentions)

    let pages = PageContexts(content: content, rendered: rendered, mentions: mentions, linker: linker)
    var files: [OutputFile] = []
    files.append(OutputFile(path: "index.html", text: theme.render("home", pages.home())))
    for article in rendered {
      files.append(
        OutputFile(path: "articles/\(article.article.slug)/index.html", text: theme.render("article", pages.article(article))))
    }
    files.append(OutputFile(path: "glossary/index.html", text: theme.render("glossary", pages.glossaryIndex())))
    let entryPages = ConcurrentMap.map(content.glossary) { entry in
      OutputFile(path: "glossary/\(entry.id)/index.html", text: theme.render("entry", pages.entry(entry)))
    }
    files += entryPages
    files.append(OutputFile(path: "404.html", text: theme.render("404", pages.notFound())))
    files.append(OutputFile(path: "feed.xml", text: Feed.atom(content: content, rendered: rendered)))
    files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(content: content)))
    for asset in theme.assets {
      let url = theme.directory.appendingPathComponent("assets").appendingPathComponent(asset)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        throw BuildFailure([.error("\(theme.directory.lastPathComponent)/assets/\(asset)", "cannot read asset")])
      }
      files.append(OutputFile(path: "assets/\(asset)", bytes: Array(data)))
    }
    return Output(files: files.sorted { $0.path < $1.path }, diagnostics: diagnostics, articles: rendered)
  }

  func renderArticles() -> [RenderedArticle] {
    let renderer = MarkdownRenderer(linker: linker)
    return ConcurrentMap.map(content.articles) { article in
      let policy = article.linkPolicy ?? content.config.linkPolicy
      return RenderedArticle(article: article, markdown: renderer.render(article.markdown, policy: policy), policy: policy)
    }
  }

  /// Entry id → every paragraph that mentions it, in article order.
  func mentionIndex(_ rendered: [RenderedArticle]) -> [String: [MentionSite]] {
    var index: [String: [MentionSite]] = [:]
    for article in rendered {
      for paragraph in article.markdown.paragraphs {
        var seen = Set<String>()
        for mention in paragraph.mentions where seen.insert(mention.entryID).inserted {
          index[mention.entryID, default: []].append(
            MentionSite(
              slug: article.article.slug, articleTitle: article.article.title, paragraph: paragraph.number,
              excerptHTML: Excerpt.html(paragraph, highlighting: mention.range)))
        }
      }
    }
    return index
  }

  /// An entry no article mentions is only worth a warning when no mentioned entry points to it
  /// either: background entries reached through "see also" are part of a good glossary.
  func unmentionedEntryWarnings(_ mentions: [String: [MentionSite]]) -> [Diagnostic] {
    guard !content.articles.isEmpty else { return [] }
    let byID = Dictionary(uniqueKeysWithValues: content.glossary.map { ($0.id, $0) })
    var reachable = Set(mentions.keys)
    var frontier = Array(reachable)
    while let id = frontier.popLast() {
      for next in byID[id]?.seeAlso ?? [] where reachable.insert(next).inserted { frontier.append(next) }
    }
    return content.glossary.filter { !reachable.contains($0.id) }.map { entry in
      .warning(
        entry.termLocation.path, line: entry.termLocation.line, column: entry.termLocation.column,
        "no article mentions '\(entry.term)' and no mentioned entry links to it in see_also")
    }
  }
}

/// `map` over both cores, keeping the input order in the output.
enum ConcurrentMap {
  static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    var results = [R?](repeating: nil, count: items.count)
    let lock = NSLock()
    results.withUnsafeMutableBufferPointer { buffer in
      let base = buffer
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        let value = transform(items[index])
        lock.lock()
        base[index] = value
        lock.unlock()
      }
    }
    return results.compactMap { $0 }
  }
}
