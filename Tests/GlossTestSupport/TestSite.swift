import Foundation
import Gloss

/// A whole small site written inline, Hugo-style, into a fresh temporary folder (removed when
/// the value is released):
///
///     -- Content/site.yml --
///     title: Test
///     -- Content/articles/a.md --
///     ...
///
/// then built, edited and rebuilt like Hugo's integration tests: `build()` runs a clean build
/// into `Site/`; `rebuild(_:)` runs the site's own pipeline again after edits, as `gloss serve`
/// does, and tells what it rendered.
open class TestSite: @unchecked Sendable {
  public let root: URL
  /// The pipeline `rebuild` keeps between runs, made at the first one.
  private var pipeline: SitePipeline?

  /// - Parameter theme: the theme's files, or nil for none (the test writes its own).
  public init(_ files: String, theme: [String: String]? = TestSite.minimalTheme) throws {
    root =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "gloss-test-\(UUID().uuidString)"
      ).standardizedFileURL
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (path, text) in theme ?? [:] { try write(path, text) }
    for (path, text) in Self.parse(files) { try write(path, text) }
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  /// The files of an inline site: `-- path --` starts one; trailing blank lines of a section
  /// belong to the separator, not the file.
  public static func parse(_ archive: String) -> [(String, String)] {
    var files: [(String, String)] = []
    var currentPath: String?
    var lines: [Substring] = []
    func flush() {
      guard let path = currentPath else { return }
      var text = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
      while text.hasSuffix("\n\n") { text.removeLast() }
      files.append((path, text))
    }
    for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
        flush()
        currentPath = String(line.dropFirst(3).dropLast(3))
        lines = []
      } else if currentPath != nil {
        lines.append(line)
      }
    }
    flush()
    return files
  }

  public var paths: BuildPaths { BuildPaths(relativeTo: root) }

  public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// The absolute path as a watcher reports it.
  public func absolute(_ path: String) -> String { url(path).path }

  public func write(_ path: String, _ text: String) throws {
    try write(path, bytes: Array(text.utf8))
  }

  public func write(_ path: String, bytes: [UInt8]) throws {
    let target = url(path)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
  }

  public func remove(_ path: String) throws {
    try FileManager.default.removeItem(at: url(path))
  }

  public func read(_ path: String) throws -> String {
    try String(contentsOf: url(path), encoding: .utf8)
  }

  public func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: url(path).path)
  }

  /// A file's text with `old` replaced by `new`; an error when the file lacks `old`.
  public func edit(_ path: String, replacing old: String, with new: String) throws {
    let text = try read(path)
    guard text.contains(old) else { throw TestSiteError.missingText(path: path, text: old) }
    try write(path, text.replacingOccurrences(of: old, with: new))
  }

  /// Copies a folder of the repository (`Content`, `Theme`) into the site.
  public func copyFromRepository(_ folder: String) throws {
    try? FileManager.default.removeItem(at: url(folder))
    try FileManager.default.copyItem(
      at: Self.repository.appendingPathComponent(folder), to: url(folder))
  }

  /// The repository this file is in (Tests/GlossTestSupport/TestSite.swift).
  public static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A clean build into `Site/`.
  @discardableResult
  public func build() throws -> BuildReport {
    try Builder(paths: paths).build()
  }

  /// The site's pipeline run again after the given files changed (all of them when none are
  /// named), as `gloss serve` runs it; the first call builds from an empty cache.
  @discardableResult
  public func rebuild(_ changed: String...) -> RebuildOutcome {
    let pipeline = self.pipeline ?? SitePipeline(paths: paths)
    self.pipeline = pipeline
    return pipeline.rebuild(changed.isEmpty ? .everything : .paths(Set(changed.map(absolute))))
  }

  /// The last rebuild's files, relative path → bytes.
  public var rebuiltFiles: [String: [UInt8]] {
    Dictionary(uniqueKeysWithValues: (pipeline?.files ?? []).map { ($0.path, $0.bytes) })
  }

  /// Every file under a folder, relative path → bytes.
  public func snapshot(_ folder: String = "Site") -> [String: [UInt8]] {
    let base = url(folder)
    var result: [String: [UInt8]] = [:]
    guard
      let enumerator = FileManager.default.enumerator(
        at: base, includingPropertiesForKeys: [.isRegularFileKey])
    else { return result }
    let prefix = base.standardizedFileURL.path + "/"
    for case let file as URL in enumerator {
      guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else {
        continue
      }
      let path = file.standardizedFileURL.path
      guard path.hasPrefix(prefix), let data = FileManager.default.contents(atPath: path) else {
        continue
      }
      result[String(path.dropFirst(prefix.count))] = Array(data)
    }
    return result
  }

  /// A theme that shows exactly the data the tests look at, so tests do not depend on the
  /// real theme's markup.
  public static let minimalTheme: [String: String] = [
    "Theme/templates/partials/head.mustache": "<title>{{page_title}}</title>",
    "Theme/templates/home.mustache":
      "{{> partials/head}}{{#articles}}<a href=\"{{url}}\">{{title}}</a>\n{{/articles}}",
    "Theme/templates/article.mustache":
      "{{> partials/head}}<h1>{{article.title}}</h1>{{{article.body_html}}}{{#article.terms}}<div id=\"tip-{{id}}\">{{summary}}</div>{{/article.terms}}",
    "Theme/templates/glossary.mustache":
      "{{> partials/head}}{{#categories}}<h2>{{label}}</h2>{{#entries}}<a href=\"{{url}}\">{{term}}</a>{{/entries}}{{/categories}}",
    "Theme/templates/entry.mustache":
      "{{> partials/head}}<h1>{{entry.term}}</h1>{{{entry.body_html}}}{{#entry.mentions}}<li><a href=\"{{url}}\">{{{excerpt_html}}}</a></li>\n{{/entry.mentions}}",
    "Theme/templates/category.mustache":
      "{{> partials/head}}<h1>{{category.label}}</h1>{{#category.entries}}<a href=\"{{url}}\">{{term}}</a>: {{summary}}\n{{/category.entries}}",
    "Theme/templates/404.mustache": "{{> partials/head}}Not found",
    "Theme/assets/style.css": "body { color: black }\n",
  ]

  /// Every template shows every value of its page, so that a stale value anywhere in a rebuild
  /// shows up in the bytes.
  public static let thoroughTheme: [String: String] = [
    "Theme/templates/partials/head.mustache":
      "<!doctype html><html lang=\"{{site.language}}\"><head><title>{{page_title}}</title><meta name=\"description\" content=\"{{page_description}}\">{{#canonical}}<link rel=\"canonical\" href=\"{{canonical}}\">{{/canonical}}<link rel=\"stylesheet\" href=\"{{root}}assets/style.css\"></head><body><header>{{site.title}} · {{site.description}} · {{page_kind}}</header>",
    "Theme/templates/partials/foot.mustache":
      "<footer>{{generator}} {{feed_url}}</footer></body></html>",
    "Theme/templates/home.mustache":
      "{{> partials/head}}<p>{{entry_count}} entries <a href=\"{{glossary_url}}\">glossary</a></p>{{#articles}}<article><a href=\"{{url}}\">{{title}}</a> {{slug}} {{byline}} {{summary}} {{date}} {{date_display}} {{reading_minutes}} min, {{term_count}} terms, {{note_count}} notes</article>\n{{/articles}}{{> partials/foot}}",
    "Theme/templates/article.mustache":
      "{{> partials/head}}{{#article}}<h1>{{title}}</h1><p>{{byline}} {{date_display}} {{word_count}} words {{reading_minutes}} min {{author_note}} <a href=\"{{source_url}}\">{{source_title}}</a></p>{{#toc}}<a href=\"#{{id}}\">{{level}} {{text}}</a>{{/toc}}{{{body_html}}}{{#terms}}<div role=\"tooltip\" id=\"tip-{{id}}\"><a href=\"{{url}}\">{{term}}</a> {{category}} {{category_label}}: {{summary}}</div>\n{{/terms}}{{#notes}}<aside id=\"note-{{number}}\">{{number}} {{id}} {{kind}} {{kind_label}} {{paragraph}} “{{quote}}” {{{note_html}}}{{#sources}}<a href=\"{{url}}\">{{title}}</a>{{/sources}}</aside>\n{{/notes}}{{/article}}{{#prev}}<a rel=\"prev\" href=\"{{url}}\">{{title}}</a>{{/prev}}{{#next}}<a rel=\"next\" href=\"{{url}}\">{{title}}</a>{{/next}}{{> partials/foot}}",
    "Theme/templates/glossary.mustache":
      "{{> partials/head}}<p>{{entry_count}}</p>{{#letters}}<h2 id=\"{{anchor}}\">{{letter}}</h2>{{#entries}}<a href=\"{{url}}\">{{term}}</a> ({{aliases_text}}) {{summary}} {{mention_count}} {{category_label}}\n{{/entries}}{{/letters}}{{#categories}}<h2 id=\"{{anchor}}\">{{label}} {{count}}</h2>{{#entries}}<a href=\"{{url}}\">{{term}}</a>\n{{/entries}}{{/categories}}{{> partials/foot}}",
    "Theme/templates/entry.mustache":
      "{{> partials/head}}{{#entry}}<h1>{{term}}</h1><p>{{#aliases}}{{.}}; {{/aliases}} {{category_label}} {{summary}}</p>{{{body_html}}}{{#sources}}<a href=\"{{url}}\">{{title}}</a>{{/sources}}{{#see_also}}<a href=\"{{url}}\">{{term}}: {{summary}}</a>{{/see_also}}{{#referenced_by}}<a href=\"{{url}}\">{{term}}: {{summary}}</a>{{/referenced_by}}<p>{{mention_count}} mentions</p>{{#mentions}}<li><a href=\"{{url}}\">{{article_title}} ¶{{paragraph}}</a> {{{excerpt_html}}}</li>\n{{/mentions}}{{/entry}}{{#prev_entry}}<a rel=\"prev\" href=\"{{url}}\">{{term}}</a>{{/prev_entry}}{{#next_entry}}<a rel=\"next\" href=\"{{url}}\">{{term}}</a>{{/next_entry}}{{> partials/foot}}",
    "Theme/templates/category.mustache":
      "{{> partials/head}}{{#category}}<h1 id=\"{{anchor}}\">{{label}} {{key}} {{colour}} {{count}}</h1><a href=\"{{url}}\">{{label}}</a>{{#entries}}<a href=\"{{url}}\">{{term}}</a> ({{aliases_text}}) {{summary}} {{mention_count}} {{category_label}}\n{{/entries}}{{/category}}<a href=\"{{glossary_url}}\">glossary</a> {{entries_from}}–{{entries_to}}{{#categories}}<a href=\"{{url}}\">{{label}} {{count}}{{#is_current}} (here){{/is_current}}</a>{{/categories}}{{#pager}}{{current}}/{{total}}{{#pages}}<a href=\"{{url}}\">{{number}}</a>{{/pages}}{{/pager}}{{> partials/foot}}",
    "Theme/templates/404.mustache":
      "{{> partials/head}}<h1>Not found</h1><a href=\"{{root}}\">home</a>{{> partials/foot}}",
    "Theme/assets/style.css": "body { color: black }\n",
    "Theme/assets/fonts/serif.woff2": "not really a font\n",
  ]
}

public enum TestSiteError: Error, CustomStringConvertible {
  case missingText(path: String, text: String)

  public var description: String {
    switch self {
    case .missingText(let path, let text): "\(path) has no '\(text)'"
    }
  }
}
