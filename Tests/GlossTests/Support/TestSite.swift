import Foundation
import Testing

@testable import Gloss

/// A whole small site written inline, Hugo-style:
///
///     -- Content/site.yml --
///     title: Test
///     -- Content/articles/a.md --
///     ...
///
/// written into a fresh temporary directory (removed when the value is released).
final class TestSite {
  let root: URL

  init(_ files: String, theme: Bool = true) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    if theme { try Self.minimalTheme.forEach { try write($0.key, $0.value) } }
    for (path, text) in Self.parse(files) { try write(path, text) }
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  static func parse(_ archive: String) -> [(String, String)] {
    var files: [(String, String)] = []
    var currentPath: String?
    var lines: [Substring] = []
    func flush() {
      if let path = currentPath {
        files.append((path, lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")))
      }
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
    return files.map { path, text in
      // Trailing blank lines of a section belong to the separator, not the file.
      var trimmed = text
      while trimmed.hasSuffix("\n\n") { trimmed.removeLast() }
      return (path, trimmed)
    }
  }

  func write(_ path: String, _ text: String) throws {
    try write(path, bytes: Array(text.utf8))
  }

  func write(_ path: String, bytes: [UInt8]) throws {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  func remove(_ path: String) throws {
    try FileManager.default.removeItem(at: root.appendingPathComponent(path))
  }

  var paths: BuildPaths { BuildPaths(relativeTo: root) }

  @discardableResult
  func build() throws -> BuildReport {
    try Builder(paths: paths).build()
  }

  /// The diagnostics of a build that must fail.
  func buildErrors(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
      try Builder(paths: paths).build()
      Issue.record("expected the build to fail", sourceLocation: sourceLocation)
      return []
    } catch {
      return error.diagnostics
    }
  }

  func read(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }

  func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
  }

  /// Every file under a folder, relative path → bytes.
  func snapshot(_ folder: String = "Site") -> [String: Data] {
    let base = root.appendingPathComponent(folder)
    var result: [String: Data] = [:]
    for relative in Theme.files(under: base) {
      result[relative] = FileManager.default.contents(
        atPath: base.appendingPathComponent(relative).path)
    }
    return result
  }

  /// A theme that shows exactly the data the tests look at, so tests do not depend on the
  /// real theme's markup.
  static let minimalTheme: [String: String] = [
    "Theme/templates/partials/head.mustache": "<title>{{page_title}}</title>",
    "Theme/templates/home.mustache":
      "{{> partials/head}}{{#articles}}<a href=\"{{url}}\">{{title}}</a>\n{{/articles}}",
    "Theme/templates/article.mustache":
      "{{> partials/head}}<h1>{{article.title}}</h1>{{{article.body_html}}}{{#article.terms}}<div id=\"tip-{{id}}\">{{summary}}</div>{{/article.terms}}",
    "Theme/templates/glossary.mustache":
      "{{> partials/head}}{{#categories}}<h2>{{label}}</h2>{{#entries}}<a href=\"{{url}}\">{{term}}</a>{{/entries}}{{/categories}}",
    "Theme/templates/entry.mustache":
      "{{> partials/head}}<h1>{{entry.term}}</h1>{{{entry.body_html}}}{{#entry.mentions}}<li><a href=\"{{url}}\">{{{excerpt_html}}}</a></li>\n{{/entry.mentions}}",
    "Theme/templates/404.mustache": "{{> partials/head}}Not found",
    "Theme/assets/style.css": "body { color: black }\n",
  ]
}

/// The smallest valid content, to extend per test.
let minimalSite = """
  -- Content/site.yml --
  title: Test Site
  base_url: https://example.org/
  """

func entry(
  _ id: String, term: String, aliases: [String] = [], extra: String = "", body: String = "Body."
) -> String {
  let aliasLine =
    aliases.isEmpty ? "" : "aliases: [\(aliases.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
  return """

    -- Content/glossary/\(id).md --
    ---
    term: \(term)
    \(aliasLine)category: concept
    summary: About \(term).
    \(extra)---
    \(body)
    """
}
