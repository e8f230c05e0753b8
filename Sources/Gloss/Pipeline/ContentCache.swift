import Foundation

/// Loads `Content/` for the pipeline: lists the folders, checks what spans files (slug clashes,
/// glossary validation, notes for unknown articles), and has `ContentLoader` parse each file,
/// keeping every parsed file with its diagnostics until it changes. A first load, and
/// `ContentLoader.load()`, are a load with an empty cache.
final class ContentCache {
  let loader: ContentLoader
  let root: String

  /// A class: a rebuild reads every cached file's value, and a reference is one retain.
  private final class Cached<Value: Sendable>: Sendable {
    let stamps: [FileStamp?]
    let value: Value
    let diagnostics: [Diagnostic]

    init(stamps: [FileStamp?], value: Value, diagnostics: [Diagnostic]) {
      self.stamps = stamps
      self.value = value
      self.diagnostics = diagnostics
    }
  }

  private enum Folder: String, CaseIterable {
    case articles, glossary, annotations
  }

  private var config: Cached<(config: SiteConfig?, categories: [EntryCategory]?)>?
  /// File names per folder, as `ContentLoader.files(in:)` lists them.
  private var names: [Folder: [String]] = [:]
  private var articles: [String: Cached<Article?>] = [:]
  private var articleNames: [String: (url: URL, path: String, ext: String, slug: String)] = [:]
  private var articleListing: ArticleListing?
  /// The articles as the last load assembled them (and the diagnostics their files gave), kept
  /// while no article file is read again: assembling copies every article.
  private var assembledArticles: (names: [String], articles: [Article], diagnostics: [Diagnostic])?
  /// The entries as the last load assembled them, sorted by id, likewise.
  private var assembledGlossary:
    (
      names: [String], entries: [GlossaryEntry], uses: [CategoryUse], diagnostics: [Diagnostic]
    )?
  private var entries: [String: Cached<(entry: GlossaryEntry?, category: CategoryUse?)>] = [:]
  private var entryNames: [String: (url: URL, path: String, isMarkdown: Bool)] = [:]
  /// The glossary last validated, and what validating it found.
  private var validated: (glossary: [GlossaryEntry], diagnostics: [Diagnostic])?
  private var annotationFiles: [String: Cached<[Annotation]?>] = [:]
  /// `static/`'s files, until something under it changes.
  private var staticNames: [String]?
  /// Share images' sizes, until their files change.
  private var imageSizes: [String: (stamp: FileStamp?, size: ImageSize?)] = [:]

  init(loader: ContentLoader) {
    self.loader = loader
    self.root = loader.directory.standardizedFileURL.path
  }

  private func folderURL(_ folder: Folder) -> URL {
    loader.directory.appendingPathComponent(folder.rawValue)
  }

  /// Forgets what `changes` touched; with `.everything`, every file is checked by its stamp.
  func invalidate(_ changes: ChangeSet) {
    guard case .paths(let paths) = changes else {
      for folder in Folder.allCases { names[folder] = nil }
      staticNames = nil
      return
    }
    for path in paths {
      guard path.hasPrefix(root + "/") else { continue }
      let parts = path.dropFirst(root.count + 1).split(separator: "/").map(String.init)
      guard let top = parts.first else { continue }
      if top == Self.staticFolder {
        staticNames = nil
        continue
      }
      if parts.count == 1, top == "site.yml" {
        config = nil
        continue
      }
      guard let folder = Folder(rawValue: top) else { continue }
      // ContentLoader reads no subfolders.
      if parts.count > 2 { continue }
      guard parts.count == 2 else {
        // The folder itself was created, deleted or replaced: read it all again.
        names[folder] = nil
        switch folder {
        case .articles: articles = [:]
        case .glossary: entries = [:]
        case .annotations: annotationFiles = [:]
        }
        continue
      }
      let name = parts[1]
      switch folder {
      case .articles:
        articles[name] = nil
        // A .txt article reads the .yml beside it.
        let url = URL(fileURLWithPath: name)
        if ["yml", "yaml"].contains(url.pathExtension.lowercased()) {
          articles[url.deletingPathExtension().lastPathComponent + ".txt"] = nil
        }
      case .glossary: entries[name] = nil
      case .annotations: annotationFiles[name] = nil
      }
      guard var list = names[folder], !ContentLoader.isIgnored(name) else { continue }
      let exists = FileManager.default.fileExists(atPath: path)
      if let index = list.firstIndex(of: name) {
        if !exists { list.remove(at: index) }
      } else if exists {
        list.append(name)
        list.sort()
      }
      names[folder] = list
    }
  }

  /// The content as it is now on disk, reading only what `changes` (or, for `.everything`,
  /// the files' stamps) says may have changed.
  func load(_ changes: ChangeSet) -> ContentLoader.Result {
    invalidate(changes)
    let checkStamps: Bool
    if case .everything = changes { checkStamps = true } else { checkStamps = false }
    var diagnostics = Diagnostics()

    let configURL = loader.directory.appendingPathComponent("site.yml")
    let loadedConfig = cached(&config, stamps: [configURL.path], check: checkStamps) {
      diagnostics in
      loader.loadConfig(&diagnostics)
    }
    diagnostics.append(contentsOf: loadedConfig.diagnostics)

    let articleList = loadArticles(checkStamps: checkStamps, &diagnostics)
    let (loadedGlossary, categoryUses) = loadGlossary(checkStamps: checkStamps, &diagnostics)
    var glossary = loadedGlossary
    // Validated again only when an entry changed (the check folds every spelling).
    if validated?.glossary != glossary {
      validated = (glossary, GlossaryValidation.validate(glossary))
    }
    diagnostics.append(contentsOf: validated?.diagnostics ?? [])
    // Without a readable list of categories there is nothing to check against: site.yml's own
    // error says why.
    let resolution = CategoryResolution.resolve(
      glossary, uses: categoryUses, in: loadedConfig.value.categories)
    glossary = resolution.entries
    diagnostics.append(contentsOf: resolution.diagnostics)
    let annotations = loadAnnotations(
      articleSlugs: Set(articleList.map(\.slug)), checkStamps: checkStamps, &diagnostics)
    let staticFiles = listStatic()
    let sizes = shareImageSizes(
      config: loadedConfig.value.config, articles: articleList, staticFiles: staticFiles,
      &diagnostics)
    guard let siteConfig = loadedConfig.value.config, !diagnostics.hasErrors else {
      return ContentLoader.Result(content: nil, diagnostics: diagnostics.sorted)
    }
    return ContentLoader.Result(
      content: Content(
        config: siteConfig, articles: articleList, glossary: glossary, annotations: annotations,
        staticFiles: staticFiles, imageSizes: sizes),
      diagnostics: diagnostics.sorted)
  }

  /// Files published as they are: `Content/static/`.
  static let staticFolder = "static"

  private func listStatic() -> [String] {
    if let known = staticNames { return known }
    let listed = Theme.files(under: loader.directory.appendingPathComponent(Self.staticFolder))
    staticNames = listed
    return listed
  }

  /// Checks that every share image named is there, and reads the size of each.
  private func shareImageSizes(
    config: SiteConfig?, articles: [Article], staticFiles: [String],
    _ diagnostics: inout Diagnostics
  ) -> [String: ImageSize] {
    let images = ([config?.image] + articles.map(\.image)).compactMap { $0 }.filter {
      !$0.isRemote
    }
    guard !images.isEmpty else { return [:] }
    let available = Set(staticFiles)
    var sizes: [String: ImageSize] = [:]
    for image in images {
      guard available.contains(image.value) else {
        diagnostics.append(image.missing(in: loader.display(Self.staticFolder)))
        continue
      }
      let path = loader.directory.appendingPathComponent(Self.staticFolder)
        .appendingPathComponent(image.value).path
      let stamp = FileStamp(path: path)
      if let known = imageSizes[image.value], known.stamp == stamp {
        sizes[image.value] = known.size
        continue
      }
      let size = ImageSize.of(fileAt: path)
      imageSizes[image.value] = (stamp, size)
      sizes[image.value] = size
    }
    return sizes
  }

  /// The cached value when the files it was read from are unchanged, else `load()` again.
  private func cached<Value>(
    _ slot: inout Cached<Value>?, stamps stampPaths: @autoclosure () -> [String], check: Bool,
    _ load: (inout Diagnostics) -> Value
  ) -> Cached<Value> {
    if let existing = slot, !check { return existing }
    let paths = stampPaths()
    if let existing = slot, existing.stamps == paths.map(FileStamp.init(path:)) { return existing }
    let stamps = paths.map(FileStamp.init(path:))
    var diagnostics = Diagnostics()
    let value = load(&diagnostics)
    let fresh = Cached(stamps: stamps, value: value, diagnostics: diagnostics.all)
    slot = fresh
    return fresh
  }

  private func list(_ folder: Folder) -> [String] {
    if let known = names[folder] { return known }
    let listed = ContentLoader.files(in: folderURL(folder))
    names[folder] = listed
    return listed
  }

  private func loadArticles(checkStamps: Bool, _ diagnostics: inout Diagnostics) -> [Article] {
    let names = list(.articles)
    if names.isEmpty {
      diagnostics.append(
        .warning(loader.display("articles"), "no articles: add a .txt or .md file"))
    }
    let listing: ArticleListing
    if let known = articleListing, known.names == names {
      listing = known
    } else {
      listing = articleListing(names)
      articleListing = listing
    }
    diagnostics.append(contentsOf: listing.diagnostics)
    let files = refresh(
      &articles, listing.pending, checkStamps: checkStamps,
      stamps: { item in
        item.format == .text
          ? [item.url.path, item.url.deletingPathExtension().appendingPathExtension("yml").path]
          : [item.url.path]
      },
      load: { item, diagnostics in
        loader.loadArticle(
          item.url, slug: item.slug, path: item.path, format: item.format, &diagnostics)
      })
    if !files.changed, let last = assembledArticles, last.names == names {
      diagnostics.append(contentsOf: last.diagnostics)
      return last.articles
    }
    var result: [Article] = []
    result.reserveCapacity(files.cached.count)
    var found = Diagnostics()
    for file in files.cached {
      found.append(contentsOf: file.diagnostics)
      if let article = file.value { result.append(article) }
    }
    assembledArticles = (names, result, found.all)
    diagnostics.append(contentsOf: found.all)
    return result
  }

  /// Brings `cache` up to date for `items`, and returns each item's cached file in order, and
  /// whether any was read again or let go.
  /// Reading and parsing is each file's own work: both cores share it, and the cache is only read
  /// while they do, and written after. Without stamps to check, only the files a change named
  /// (forgotten by `invalidate`) are visited: a rebuild after one edit reads one.
  private func refresh<Item: NamedFile, Value>(
    _ cache: inout [String: Cached<Value>], _ items: [Item], checkStamps: Bool,
    stamps: (Item) -> [String], load: (Item, inout Diagnostics) -> Value
  ) -> (cached: [Cached<Value>], changed: Bool) {
    let known = cache
    let visited = checkStamps ? items : items.filter { known[$0.name] == nil }
    let loaded = ConcurrentMap.map(visited) { item -> Cached<Value> in
      var slot = known[item.name]
      return cached(&slot, stamps: stamps(item), check: checkStamps) { load(item, &$0) }
    }
    var changed = false
    for (item, value) in zip(visited, loaded) {
      if known[item.name] !== value { changed = true }
      cache[item.name] = value
    }
    if cache.count > items.count {
      changed = true
      let names = Set(items.map(\.name))
      for name in cache.keys where !names.contains(name) { cache[name] = nil }
    }
    return (items.compactMap { cache[$0.name] }, changed)
  }

  /// A file read into the cache under its name in its folder.
  private protocol NamedFile {
    var name: String { get }
  }

  /// An article file to read, as its name says.
  private struct PendingArticle: NamedFile {
    var name: String
    var url: URL
    var path: String
    var slug: String
    var format: Article.Format
  }

  /// What the articles folder's names say: the files to read, and the names that are not
  /// articles or clash. Worked out again only when a name comes or goes.
  private struct ArticleListing {
    var names: [String]
    var pending: [PendingArticle]
    var diagnostics: [Diagnostic]
  }

  private func articleListing(_ names: [String]) -> ArticleListing {
    let folder = folderURL(.articles)
    var diagnostics = Diagnostics()
    let nameSet = Set(names)
    var seen: [String: String] = [:]
    var pending: [PendingArticle] = []
    for name in names {
      // What a name says is worked out once: Foundation's URL calls add up over 10,000 files.
      let known = articleNames[name]
      let (url, path, ext, slug) =
        known ?? (
          folder.appendingPathComponent(name), loader.display("articles/\(name)"),
          URL(fileURLWithPath: name).pathExtension.lowercased(),
          URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
        )
      if known == nil { articleNames[name] = (url, path, ext, slug) }
      switch ext {
      case "txt", "md", "markdown":
        guard Slug.isValid(slug) else {
          diagnostics.append(
            .error(
              path,
              "article file name '\(slug)' is not a valid slug; use lowercase letters, digits and hyphens"
            ))
          continue
        }
        if let other = seen[slug] {
          diagnostics.append(
            .error(path, "two articles have the slug '\(slug)': \(other) and \(path)"))
          continue
        }
        seen[slug] = path
        pending.append(
          PendingArticle(
            name: name, url: url, path: path, slug: slug, format: ext == "txt" ? .text : .markdown))
      case "yml", "yaml":
        if !nameSet.contains(slug + ".txt") {
          diagnostics.append(
            .warning(
              path,
              "metadata without a plain-text article: expected \(loader.display("articles/\(slug).txt"))"
            ))
        }
      default:
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue {
          diagnostics.append(.warning(path, "ignored: articles are .txt or .md files"))
        }
      }
    }
    return ArticleListing(names: names, pending: pending, diagnostics: diagnostics.all)
  }

  private func loadGlossary(checkStamps: Bool, _ diagnostics: inout Diagnostics) -> (
    [GlossaryEntry], [CategoryUse]
  ) {
    let folder = folderURL(.glossary)
    let names = list(.glossary)
    var pending: [PendingEntry] = []
    for name in names {
      // Worked out once per name, as for articles.
      let (url, path, isMarkdown) =
        entryNames[name]
        ?? {
          let url = folder.appendingPathComponent(name)
          let named = (
            url, loader.display("glossary/\(name)"), url.pathExtension.lowercased() == "md"
          )
          entryNames[name] = named
          return named
        }()
      guard isMarkdown else {
        diagnostics.append(.warning(path, "ignored: glossary entries are .md files"))
        continue
      }
      pending.append(PendingEntry(name: name, url: url, path: path))
    }
    let files = refresh(
      &entries, pending, checkStamps: checkStamps, stamps: { [$0.url.path] },
      load: { item, diagnostics in loader.loadEntry(item.url, path: item.path, &diagnostics) })
    if !files.changed, let last = assembledGlossary, last.names == names {
      diagnostics.append(contentsOf: last.diagnostics)
      return (last.entries, last.uses)
    }
    var result: [GlossaryEntry] = []
    var uses: [CategoryUse] = []
    var found = Diagnostics()
    for file in files.cached {
      found.append(contentsOf: file.diagnostics)
      if let entry = file.value.entry { result.append(entry) }
      if let use = file.value.category { uses.append(use) }
    }
    result.sort { $0.id < $1.id }
    assembledGlossary = (names, result, uses, found.all)
    diagnostics.append(contentsOf: found.all)
    return (result, uses)
  }

  /// A glossary entry's file to read.
  private struct PendingEntry: NamedFile {
    var name: String
    var url: URL
    var path: String
  }

  private func loadAnnotations(
    articleSlugs: Set<String>, checkStamps: Bool, _ diagnostics: inout Diagnostics
  )
    -> [String: [Annotation]]
  {
    let annotationLoader = AnnotationLoader(
      directory: loader.directory, displayRoot: loader.displayRoot)
    let folder = folderURL(.annotations)
    let names = list(.annotations)
    var result: [String: [Annotation]] = [:]
    for name in names {
      let url = folder.appendingPathComponent(name)
      let path = loader.display("annotations/\(name)")
      let ext = url.pathExtension.lowercased()
      guard ext == "yml" || ext == "yaml" else {
        diagnostics.append(
          .warning(path, "ignored: annotations are .yml files named after their article"))
        continue
      }
      let slug = url.deletingPathExtension().lastPathComponent
      guard articleSlugs.contains(slug) else {
        diagnostics.append(
          .error(
            path, "annotations for an unknown article '\(slug)'",
            followsFrom: Diagnostic.articleStem(path, slug: slug)))
        continue
      }
      var slot = annotationFiles[name]
      let loaded = cached(&slot, stamps: [url.path], check: checkStamps) {
        diagnostics -> [Annotation]? in
        switch SourceText.read(url, displayPath: path) {
        case .failure(let diagnostic):
          diagnostics.append(diagnostic)
          return nil
        case .success(let text):
          let reader = YAMLReader(path: path)
          let notes = annotationLoader.parse(text, reader: reader, path: path)
          diagnostics.append(contentsOf: reader.diagnostics)
          return notes
        }
      }
      annotationFiles[name] = slot
      diagnostics.append(contentsOf: loaded.diagnostics)
      if let notes = loaded.value { result[slug] = notes }
    }
    let nameSet = Set(names)
    for name in annotationFiles.keys where !nameSet.contains(name) { annotationFiles[name] = nil }
    return result
  }
}
