import Foundation
import Yams

/// Loads and validates `Content/`: site settings, articles, glossary entries and annotations.
/// Every problem in every file is reported in one pass.
public struct ContentLoader {
  public var directory: URL
  /// How paths are shown in diagnostics: the directory as the user named it.
  public var displayRoot: String

  public init(directory: URL, displayRoot: String? = nil) {
    self.directory = directory
    self.displayRoot = displayRoot ?? directory.path
  }

  public struct Result: Sendable {
    public var content: Content?
    public var diagnostics: [Diagnostic]
  }

  /// Every file read and checked: the pipeline's load with nothing cached.
  public func load() -> Result {
    ContentCache(loader: self).load(.everything)
  }

  func display(_ relative: String) -> String {
    displayRoot.hasSuffix("/") ? displayRoot + relative : displayRoot + "/" + relative
  }

  /// Files of a content folder in a stable order, without hidden files and editor leftovers.
  static func files(in folder: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !isIgnored($0) }.sorted()
  }

  /// Editors write swap and backup files next to the real ones; they are never content.
  public static func isIgnored(_ name: String) -> Bool {
    name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp")
      || name.hasSuffix(".swx") || name.hasSuffix(".tmp") || name.hasPrefix(".#")
  }

  // MARK: - site.yml

  /// The site's settings, or nil when site.yml has errors; and its categories whenever they
  /// could be read (the defaults when it names none), so that entries are still checked
  /// against them while another setting is wrong.
  func loadConfig(_ diagnostics: inout Diagnostics) -> (
    config: SiteConfig?, categories: [EntryCategory]?
  ) {
    let path = display("site.yml")
    let url = directory.appendingPathComponent("site.yml")
    guard FileManager.default.fileExists(atPath: url.path) else {
      diagnostics.append(
        .error(path, "missing site settings; create \(path) with at least 'title' and 'base_url'"))
      return (nil, nil)
    }
    let text: String
    switch SourceText.read(url, displayPath: path) {
    case .success(let value): text = value
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return (nil, nil)
    }
    let reader = YAMLReader(path: path)
    defer { diagnostics.append(contentsOf: reader.diagnostics) }
    guard let mapping = reader.mapping(reader.parse(text), what: "site.yml") else {
      return (nil, nil)
    }
    reader.warnUnknownKeys(
      mapping,
      allowed: [
        "title", "description", "base_url", "language", "link_policy", "author", "paginate",
        "image", "image_alt", "categories",
      ],
      what: "site.yml")
    let title = reader.string(mapping, "title", required: true)
    let baseURL = reader.string(mapping, "base_url", required: true)
    if let baseURL, !URLPolicy.isAllowedExternal(baseURL) {
      reader.error(
        "'base_url' must be an absolute http(s) URL such as https://example.org/",
        at: mapping["base_url"])
    }
    let policy = linkPolicy(mapping, reader: reader) ?? .firstInArticle
    var paginate = SiteConfig.defaultPaginate
    if let node = mapping["paginate"] {
      if case .scalar(let scalar) = node, let value = Int(scalar.string), value >= 1 {
        paginate = value
      } else {
        reader.error("'paginate' must be a whole number of articles per page, at least 1", at: node)
      }
    }
    let errorsBefore = reader.diagnostics.count
    let categories = self.categories(mapping, reader: reader)
    let categoriesRead =
      reader.diagnostics.dropFirst(errorsBefore).contains { $0.severity == .error }
      ? nil : categories ?? EntryCategory.defaults
    let language = self.language(mapping, reader: reader)
    let image = ShareImage.read(mapping, reader: reader)
    guard let title, let baseURL, !reader.hasErrors else { return (nil, categoriesRead) }
    let config = SiteConfig(
      title: title, description: reader.string(mapping, "description") ?? "", baseURL: baseURL,
      language: language ?? "en", linkPolicy: policy,
      author: reader.string(mapping, "author"), paginate: paginate, image: image,
      categories: categories ?? EntryCategory.defaults)
    return (config, config.categories)
  }

  /// `categories: [{key, label, plural}, …]` in display order; nil when the site names none.
  func categories(_ mapping: Node.Mapping, reader: YAMLReader) -> [EntryCategory]? {
    guard let node = mapping["categories"] else { return nil }
    guard case .sequence(let sequence) = node, !sequence.isEmpty else {
      reader.error(
        "'categories' must be a list of {key, label, plural}, such as [{key: species, label: Species, plural: Species}]",
        at: node)
      return nil
    }
    var definitions: [(key: String, label: String, plural: String)] = []
    var seen: Set<String> = []
    for item in sequence {
      guard let category = reader.mapping(item, what: "a category") else { continue }
      reader.warnUnknownKeys(category, allowed: ["key", "label", "plural"], what: "category")
      guard let key = reader.string(category, "key", required: true, container: item) else {
        continue
      }
      guard Slug.isValid(key) else {
        reader.error(
          "category key '\(key)' must be lowercase letters, digits and hyphens", at: category["key"]
        )
        continue
      }
      guard seen.insert(key).inserted else {
        reader.error("category '\(key)' is defined twice", at: category["key"])
        continue
      }
      let label =
        reader.string(category, "label") ?? key.prefix(1).uppercased() + key.dropFirst()
      let plural = reader.string(category, "plural") ?? label
      definitions.append((key, label, plural))
    }
    return EntryCategory.list(definitions)
  }

  func linkPolicy(_ mapping: Node.Mapping, reader: YAMLReader) -> LinkPolicy? {
    guard let name = reader.string(mapping, "link_policy") else { return nil }
    guard let policy = LinkPolicy(rawValue: name) else {
      let choices = LinkPolicy.allCases.map(\.rawValue).joined(separator: ", ")
      reader.error(
        "unknown link_policy '\(name)'; expected one of: \(choices)", at: mapping["link_policy"])
      return nil
    }
    return policy
  }

  // MARK: - Articles

  static let articleKeys: Set<String> = [
    "title", "byline", "author_note", "date", "summary", "source", "source_url", "link_policy",
    "image", "image_alt", "language",
  ]

  func loadArticle(
    _ url: URL, slug: String, path: String, format: Article.Format, _ diagnostics: inout Diagnostics
  )
    -> Article?
  {
    let text: String
    switch SourceText.read(url, displayPath: path) {
    case .success(let value): text = value
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return nil
    }
    guard !SourceText.isBlank(text) else {
      diagnostics.append(.error(path, "article is empty"))
      return nil
    }
    var article: Article
    var metadata: (Node.Mapping, YAMLReader)?
    switch format {
    case .text:
      let imported = PlainTextImporter.importText(text)
      article = Article(
        slug: slug, title: imported.title, byline: imported.byline, authorNote: imported.authorNote,
        date: nil,
        summary: nil, sourceTitle: nil, sourceURL: nil, linkPolicy: nil, markdown: imported.body,
        format: .text,
        path: path, bodyFirstLine: 1)
      if imported.paragraphs.isEmpty {
        diagnostics.append(
          .error(path, line: 1, column: 1, "article has a title but no paragraphs"))
      }
      let metadataURL = url.deletingPathExtension().appendingPathExtension("yml")
      if FileManager.default.fileExists(atPath: metadataURL.path) {
        let metadataPath = display("articles/\(slug).yml")
        switch SourceText.read(metadataURL, displayPath: metadataPath) {
        case .failure(let diagnostic): diagnostics.append(diagnostic)
        case .success(let yaml):
          let reader = YAMLReader(path: metadataPath)
          if let mapping = reader.mapping(reader.parse(yaml), what: "article metadata") {
            metadata = (mapping, reader)
          } else {
            diagnostics.append(contentsOf: reader.diagnostics)
          }
        }
      }
    case .markdown:
      guard
        let frontMatter = Self.frontMatter(
          of: text, path: path, missing: "start the file with '---', a 'title:' line and '---'",
          diagnostics: &diagnostics)
      else { return nil }
      article = Article(
        slug: slug, title: "", byline: nil, authorNote: nil, date: nil, summary: nil,
        sourceTitle: nil,
        sourceURL: nil, linkPolicy: nil, markdown: frontMatter.body, format: .markdown, path: path,
        bodyFirstLine: frontMatter.bodyFirstLine)
      let reader = YAMLReader(path: path, firstLine: frontMatter.yamlFirstLine)
      guard let mapping = reader.mapping(reader.parse(frontMatter.yaml), what: "front matter")
      else {
        diagnostics.append(contentsOf: reader.diagnostics)
        return nil
      }
      if reader.string(mapping, "title", required: true) == nil {
        // Report the other keys' problems too, so one run shows everything wrong in the file.
        apply(mapping, reader: reader, to: &article)
        diagnostics.append(contentsOf: reader.diagnostics)
        return nil
      }
      metadata = (mapping, reader)
      if SourceText.isBlank(frontMatter.body) {
        diagnostics.append(
          .error(
            path, line: frontMatter.bodyFirstLine, column: 1,
            "article has no text after its front matter"))
      }
    }
    if let (mapping, reader) = metadata {
      apply(mapping, reader: reader, to: &article)
      diagnostics.append(contentsOf: reader.diagnostics)
    }
    return article
  }

  private func apply(_ mapping: Node.Mapping, reader: YAMLReader, to article: inout Article) {
    reader.warnUnknownKeys(mapping, allowed: Self.articleKeys, what: "article metadata")
    if let title = reader.string(mapping, "title") { article.title = title }
    if let byline = reader.string(mapping, "byline") { article.byline = byline }
    if let note = reader.string(mapping, "author_note") { article.authorNote = note }
    if let summary = reader.string(mapping, "summary") { article.summary = summary }
    if let source = reader.string(mapping, "source") { article.sourceTitle = source }
    if let date = reader.string(mapping, "date") {
      if DateText.isValidISODate(date) {
        article.date = date
      } else {
        reader.error("'date' must be a date written YYYY-MM-DD, got '\(date)'", at: mapping["date"])
      }
    }
    if let url = reader.string(mapping, "source_url") {
      if URLPolicy.isAllowedExternal(url) {
        article.sourceURL = url
      } else {
        reader.error(
          "'source_url' must be an absolute http(s) URL, got '\(url)'", at: mapping["source_url"])
      }
    }
    if let policy = linkPolicy(mapping, reader: reader) { article.linkPolicy = policy }
    article.image = ShareImage.read(mapping, reader: reader)
    article.language = language(mapping, reader: reader)
  }

  /// A BCP 47 language tag ("ur", "zh-Hans", "pt-BR"), as `lang` attributes take them.
  func language(_ mapping: Node.Mapping, reader: YAMLReader) -> String? {
    guard let tag = reader.string(mapping, "language") else { return nil }
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    let valid =
      (2...8).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
      && parts.dropFirst().allSatisfy { part in
        (1...8).contains(part.count)
          && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
      }
    guard valid else {
      reader.error(
        "'language' must be a language tag such as en, ur, zh-Hans or pt-BR, got '\(tag)'",
        at: mapping["language"])
      return nil
    }
    return tag
  }

  // MARK: - Glossary

  static let entryKeys: Set<String> = [
    "term", "aliases", "category", "summary", "see_also", "sources", "match_case",
  ]

  /// The entry, or nil when its file has errors; and the category it names wherever it names
  /// one, so that an unknown category is reported with the file's other mistakes.
  func loadEntry(_ url: URL, path: String, _ diagnostics: inout Diagnostics) -> (
    entry: GlossaryEntry?, category: CategoryUse?
  ) {
    let id = url.deletingPathExtension().lastPathComponent
    guard Slug.isValid(id) else {
      diagnostics.append(
        .error(
          path,
          "glossary file name '\(id)' is not a valid id; use lowercase letters, digits and hyphens")
      )
      return (nil, nil)
    }
    let text: String
    switch SourceText.read(url, displayPath: path) {
    case .success(let value): text = value
    case .failure(let diagnostic):
      diagnostics.append(diagnostic)
      return (nil, nil)
    }
    guard
      let frontMatter = Self.frontMatter(
        of: text, path: path, missing: "a glossary entry starts with '---' and 'term:'",
        diagnostics: &diagnostics)
    else { return (nil, nil) }
    let reader = YAMLReader(path: path, firstLine: frontMatter.yamlFirstLine)
    defer { diagnostics.append(contentsOf: reader.diagnostics) }
    guard let mapping = reader.mapping(reader.parse(frontMatter.yaml), what: "front matter") else {
      return (nil, nil)
    }
    reader.warnUnknownKeys(mapping, allowed: Self.entryKeys, what: "glossary entry")
    let firstKey = mapping.keys.first
    let term = reader.string(mapping, "term", required: true, container: firstKey)
    let summary = reader.string(mapping, "summary", required: true, container: firstKey)
    let categoryName = reader.string(mapping, "category", required: true, container: firstKey)
    // Looked up in site.yml's list after loading (`CategoryResolution`).
    let category = categoryName.map(EntryCategory.unresolved)
    let aliases = reader.stringList(mapping, "aliases")
    let seeAlso = reader.stringList(mapping, "see_also")
    let sources = reader.sources(mapping)
    let matchCase = reader.bool(mapping, "match_case") ?? false
    func location(_ node: Node?) -> FilePosition {
      let (line, column) = reader.position(of: node)
      return FilePosition(path: path, line: line, column: column)
    }
    let use = categoryName.map { CategoryUse(key: $0, location: location(mapping["category"])) }
    guard let term, let summary, let category, !reader.hasErrors else { return (nil, use) }
    let entry = GlossaryEntry(
      id: id, term: term, aliases: aliases.map(\.0), category: category, summary: summary,
      seeAlso: seeAlso.map(\.0), sources: sources, matchCase: matchCase, body: frontMatter.body,
      path: path,
      bodyFirstLine: frontMatter.bodyFirstLine, termLocation: location(mapping["term"]),
      aliasLocations: aliases.map { location($0.1) },
      seeAlsoLocations: seeAlso.map { location($0.1) })
    return (entry, use)
  }
}

/// Rules that need all entries at once.
enum GlossaryValidation {
  static func validate(_ entries: [GlossaryEntry]) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let ids = Set(entries.map(\.id))
    // A spelling may belong to one entry only, or the linker could not choose between them.
    var owners: [String: (entry: GlossaryEntry, location: FilePosition)] = [:]
    for entry in entries {
      let locations = [entry.termLocation] + entry.aliasLocations
      for (spelling, location) in zip(entry.spellings, locations) {
        let key = TermFolding.key(spelling)
        guard !key.isEmpty else {
          diagnostics.append(
            .error(
              location.path, line: location.line, column: location.column, "empty term or alias"))
          continue
        }
        if let owner = owners[key] {
          if owner.entry.id == entry.id {
            diagnostics.append(
              .warning(
                location.path, line: location.line, column: location.column,
                "'\(spelling)' is listed twice in this entry"))
          } else {
            diagnostics.append(
              .error(
                location.path, line: location.line, column: location.column,
                "'\(spelling)' is already a term or alias of '\(owner.entry.id)' at \(owner.location.path):\(owner.location.line):\(owner.location.column)"
              ))
          }
        } else {
          owners[key] = (entry, location)
        }
      }
      for (target, location) in zip(entry.seeAlso, entry.seeAlsoLocations) {
        if target == entry.id {
          diagnostics.append(
            .error(
              location.path, line: location.line, column: location.column,
              "see_also names the entry itself"))
        } else if !ids.contains(target) {
          let suggestion = ids.min { editDistance($0, target) < editDistance($1, target) }
          var message = "see_also names unknown entry '\(target)'"
          if let suggestion, editDistance(suggestion, target) <= 3 {
            message += "; did you mean '\(suggestion)'?"
          }
          // When the file of that entry exists but is broken, this is left out (see
          // `Diagnostics.sorted`): the entry is known, and its own errors come first.
          let folder = entry.path.split(separator: "/", omittingEmptySubsequences: false)
            .dropLast().joined(separator: "/")
          diagnostics.append(
            .error(
              location.path, line: location.line, column: location.column, message,
              followsFrom: folder.isEmpty ? target : folder + "/" + target))
        }
      }
    }
    return diagnostics
  }
}

/// The comparison key for "is this the same spelling": what the matcher folds, cheaply (the
/// same width and Arabic folding, `ScriptFolding`, so ＮＡＴＯ and NATO are one spelling).
enum TermFolding {
  static func key(_ spelling: String) -> String {
    var result = ""
    var lastWasSpace = false
    for scalar in ScriptFolding.fold(spelling).lowercased().unicodeScalars {
      switch scalar.value {
      case let v where Folding.isApostrophe(v):
        result += "'"
        lastWasSpace = false
      case let v where Folding.isHyphen(v):
        result += "-"
        lastWasSpace = false
      default:
        if scalar.properties.isWhitespace {
          if !lastWasSpace, !result.isEmpty { result += " " }
          lastWasSpace = true
        } else {
          result.unicodeScalars.append(scalar)
          lastWasSpace = false
        }
      }
    }
    return result.trimmingCharacters(in: .whitespaces)
  }
}

/// ISO dates without Foundation's locale-dependent formatters, so output never varies by machine.
public enum DateText {
  public static func isValidISODate(_ text: String) -> Bool { components(text) != nil }

  static func components(_ text: String) -> (year: Int, month: Int, day: Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month)
    else { return nil }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard (1...days).contains(day) else { return nil }
    return (year, month, day)
  }
}

extension ContentLoader {
  /// The front matter of a Markdown file, or nil with the reason recorded: not closed, or
  /// missing (`missing` says what the file must start with).
  static func frontMatter(
    of text: String, path: String, missing: String, diagnostics: inout Diagnostics
  ) -> FrontMatter? {
    do {
      if let frontMatter = try FrontMatter.split(text) { return frontMatter }
      diagnostics.append(.error(path, line: 1, column: 1, "missing front matter: \(missing)"))
    } catch {
      diagnostics.append(
        .error(path, line: 1, column: 1, "front matter is not closed: add a line '---' after it"))
    }
    return nil
  }
}
