import Foundation

/// A page template: which file renders which kind of page, with the schema of its model.
public enum PageTemplate: String, Sendable, CaseIterable {
  case home, article, glossary, category, entry
  case notFound = "404"

  public var schema: TemplateSchema {
    switch self {
    case .home: HomePage.templateSchema
    case .article: ArticlePage.templateSchema
    case .glossary: GlossaryIndexPage.templateSchema
    case .category: CategoryPage.templateSchema
    case .entry: EntryPage.templateSchema
    case .notFound: NotFoundPage.templateSchema
    }
  }
}

/// The site's look: Mustache templates checked against the page models and compiled once per
/// build, and static assets copied as they are. A misspelt name, a missing partial or text
/// written raw is an error here, with the file, line and column, before any page is written.
public struct Theme: Sendable {
  public static let requiredTemplates = PageTemplate.allCases.map(\.rawValue)

  public let directory: URL
  /// The page templates compiled once per language of `strings` (by its code).
  private let pages: [String: [PageTemplate: CompiledTemplate]]
  /// The interface strings (`strings/<language>.yml`), or the built-in English.
  public let strings: ThemeStrings
  /// What is wrong but does not stop the build: a language's missing string, an unknown key.
  public let warnings: [Diagnostic]
  /// Paths relative to `assets/`, sorted.
  public let assets: [String]
  /// Whether any template names `strings_url`: then the build writes the strings gloss.js
  /// shows, once per language (`stringsAssets`), and pages link their language's file.
  public let usesStringsAsset: Bool
  /// Whether any template shows a concept map (`concept_map…` or `has_concept_map` keys): the
  /// map of a large glossary is costly to lay out, and a theme without one should not pay.
  public let usesConceptMap: Bool
  /// The picture shared links show when the site names none (`assets/share-card.png`), and
  /// its size; nil when the theme ships none.
  public let shareCard: (name: String, size: ImageSize?)?
  public static let shareCardAsset = "share-card.png"

  public init(directory: URL, displayRoot: String? = nil) throws(BuildFailure) {
    self.directory = directory
    let root = displayRoot ?? directory.path
    let display = { (relative: String) in
      root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
    let templatesURL = directory.appendingPathComponent("templates")
    var diagnostics: [Diagnostic] = []
    var parsed: [String: (syntax: [TemplateSyntax], path: String)] = [:]
    var usesConceptMap = false
    var usesStringsAsset = false

    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: templatesURL.path, isDirectory: &isDirectory)
      || !isDirectory.boolValue
    {
      throw BuildFailure([.error(display("templates"), "theme has no templates folder")])
    }
    // The templates are read and parsed, and the strings files loaded, on both cores: a third
    // of a small site's build is loading its theme.
    let files = Self.files(under: templatesURL).filter { $0.hasSuffix(".mustache") }
    let (reads, loaded) = ConcurrentMap.both(
      {
        ConcurrentMap.map(files) { relative in
          Self.readTemplate(
            templatesURL.appendingPathComponent(relative), path: display("templates/\(relative)"))
        }
      },
      { ThemeStrings.load(from: directory.appendingPathComponent("strings"), display: display) })
    for (relative, read) in zip(files, reads) {
      switch read {
      case .failure(let diagnostic): diagnostics.append(diagnostic)
      case .success(let template):
        if template.usesConceptMap { usesConceptMap = true }
        if template.usesStringsAsset { usesStringsAsset = true }
        parsed[String(relative.dropLast(".mustache".count))] = (template.syntax, template.path)
      }
    }
    // Names are checked only when every template parsed: a syntax error is the one cause to
    // show, not the unknown names a half-read template would seem to have.
    let parsedAll = diagnostics.isEmpty
    for page in PageTemplate.allCases where parsed[page.rawValue] == nil {
      let path = display("templates/\(page.rawValue).mustache")
      if !diagnostics.contains(where: { $0.path == path }) {
        diagnostics.append(.error(path, "missing template '\(page.rawValue)'"))
      }
    }
    let strings = loaded.strings ?? .builtIn
    diagnostics += loaded.diagnostics.filter { $0.severity == .error }
    var compiled: [String: [PageTemplate: CompiledTemplate]] = [:]
    if parsedAll {
      // Each language's templates, English first: a mistake at a place is said once, in the
      // first language that has it (a template's own mistake is the same in all of them).
      // The languages are compiled side by side; their results are taken in that order.
      var reported = Set<String>()
      let codes = (["en"] + strings.languages.keys.sorted().filter({ $0 != "en" })).filter {
        strings.languages[$0] != nil
      }
      let languages = ConcurrentMap.map(codes) { code in
        var compiler = TemplateCompiler(
          templates: parsed, strings: strings.languages[code]!, english: strings.english)
        var templates: [PageTemplate: CompiledTemplate] = [:]
        for page in PageTemplate.allCases where parsed[page.rawValue] != nil {
          templates[page] = compiler.compile(page.rawValue, for: page.schema)
        }
        return (templates, compiler.diagnostics)
      }
      for (code, (templates, found)) in zip(codes, languages) {
        compiled[code] = templates
        for diagnostic in found where reported.insert(diagnostic.location).inserted {
          diagnostics.append(diagnostic)
        }
      }
    }
    if !diagnostics.isEmpty { throw BuildFailure(Diagnostics(diagnostics).sorted) }
    self.pages = compiled
    self.strings = strings
    self.warnings = loaded.diagnostics.filter { $0.severity != .error }
    self.usesConceptMap = usesConceptMap
    self.usesStringsAsset = usesStringsAsset
    self.assets = Self.files(under: directory.appendingPathComponent("assets"))
    self.shareCard =
      assets.contains(Self.shareCardAsset)
      ? (
        Self.shareCardAsset,
        ImageSize.of(
          fileAt: directory.appendingPathComponent("assets/\(Self.shareCardAsset)").path)
      ) : nil
  }

  /// The files of the strings gloss.js shows, under `assets/`: `strings-<code>.js` for every
  /// language of `strings/`, when a template links them (`usesStringsAsset`).
  public var stringsAssets: [String] {
    guard usesStringsAsset else { return [] }
    return strings.languages.keys.sorted().map(Self.stringsAsset)
  }

  /// A template file as read and parsed, and what it shows that the build must prepare for.
  private struct ReadTemplate: Sendable {
    var syntax: [TemplateSyntax]
    var path: String
    var usesConceptMap: Bool
    var usesStringsAsset: Bool
  }

  private static func readTemplate(_ url: URL, path: String) -> Result<ReadTemplate, Diagnostic> {
    let text: String
    switch SourceText.read(url, displayPath: path) {
    case .success(let value): text = value
    case .failure(let diagnostic): return .failure(diagnostic)
    }
    do {
      return .success(
        ReadTemplate(
          syntax: try TemplateParser.parse(text), path: path,
          usesConceptMap: text.contains("concept_map"),
          usesStringsAsset: text.contains("strings_url")))
    } catch {
      return .failure(
        .error(
          path, line: error.position.line, column: error.position.column,
          "template syntax error: \(error.message)"))
    }
  }

  /// `strings-<code>.js`: the file of a language (a strings file's code).
  static func stringsAsset(_ code: String) -> String { "strings-\(code).js" }

  /// A strings asset's bytes: `window.glossStrings`, the language's `js_…` strings by name
  /// without the prefix, `_` written `-` (`js_show_more` is `show-more`), as gloss.js asks
  /// for them. Nil for a file that is not one (`stringsAssets`).
  func stringsScript(_ asset: String) -> [UInt8]? {
    guard stringsAssets.contains(asset) else { return nil }
    let code = String(asset.dropFirst("strings-".count).dropLast(".js".count))
    guard let language = strings.languages[code] else { return nil }
    var members: [String: JSONValue] = [:]
    for (key, forms) in language.strings where key.hasPrefix("js_") {
      let name = String(key.dropFirst(3)).replacingOccurrences(of: "_", with: "-")
      members[name] = .string(forms.other)
    }
    let text =
      "/* The strings gloss.js shows, in \(code): Theme/strings/\(code).yml's js_… keys. */\n"
      + "window.glossStrings = \(JSONValue.object(members).text);\n"
    return Array(text.utf8)
  }

  /// A page's bytes, from its model, in the interface language of `language` (a tag).
  public func render<Model: TemplateModel>(
    _ page: PageTemplate, _ model: Model, language: String = "en"
  ) -> [UInt8] {
    precondition(Model.templateSchema === page.schema, "\(Model.self) is not the \(page) model")
    let code = strings.resolve(language).code
    return (pages[code] ?? pages["en"])?[page]?.render(model.templateRecord) ?? []
  }

  /// Regular files under a folder, relative paths, sorted; hidden and editor temp files skipped.
  static func files(under folder: URL) -> [String] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return [] }
    var result: [String] = []
    let base = folder.standardizedFileURL.path
    for case let url as URL in enumerator {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
        !ContentLoader.isIgnored(url.lastPathComponent)
      else { continue }
      var relative = url.standardizedFileURL.path
      if relative.hasPrefix(base) { relative.removeFirst(base.count) }
      while relative.hasPrefix("/") { relative.removeFirst() }
      result.append(relative)
    }
    return result.sorted()
  }
}
