import Foundation
import Testing

@testable import Gloss

/// A small site written into a fresh temporary folder from one string, Hugo-style
/// (`-- Content/site.yml --` starts a file), removed when released. The default theme shows
/// every field the page contexts offer, so that a stale value anywhere shows up in the bytes.
final class ScratchSite: @unchecked Sendable {
  let root: URL

  init(_ files: String, theme: [String: String] = ScratchSite.thoroughTheme) throws {
    root =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "gloss-serve-\(UUID().uuidString)"
      )
      .standardizedFileURL
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (path, text) in theme { try write(path, text) }
    for (path, text) in Self.parse(files) { try write(path, text) }
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  static func parse(_ archive: String) -> [(String, String)] {
    var files: [(String, String)] = []
    var currentPath: String?
    var lines: [Substring] = []
    func flush() {
      guard let path = currentPath else { return }
      var text = lines.joined(separator: "\n") + "\n"
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

  var paths: BuildPaths { BuildPaths(relativeTo: root) }

  func url(_ path: String) -> URL { root.appendingPathComponent(path) }

  /// The absolute path as a watcher reports it.
  func absolute(_ path: String) -> String { url(path).path }

  func write(_ path: String, _ text: String) throws {
    try write(path, bytes: Array(text.utf8))
  }

  func write(_ path: String, bytes: [UInt8]) throws {
    let target = url(path)
    try FileManager.default.createDirectory(
      at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: target)
  }

  /// Copies a folder of the repository (`Content`, `Theme`) into the site.
  func copyFromRepository(_ folder: String) throws {
    let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    try? FileManager.default.removeItem(at: url(folder))
    try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: url(folder))
  }

  func remove(_ path: String) throws {
    try FileManager.default.removeItem(at: url(path))
  }

  func read(_ path: String) throws -> String {
    try String(contentsOf: url(path), encoding: .utf8)
  }

  /// Replaces `old` with `new` in a file (which must contain it).
  func edit(
    _ path: String, _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let text = try read(path)
    #expect(text.contains(old), "\(path) has no '\(old)'", sourceLocation: sourceLocation)
    try write(path, text.replacingOccurrences(of: old, with: new))
  }

  /// Every file under a folder, relative path → bytes.
  func snapshot(_ folder: String) -> [String: [UInt8]] {
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

  /// Every template shows every value of its context, so that incremental builds cannot hide a
  /// stale one.
  static let thoroughTheme: [String: String] = [
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
    "Theme/templates/404.mustache":
      "{{> partials/head}}<h1>Not found</h1><a href=\"{{root}}\">home</a>{{> partials/foot}}",
    "Theme/assets/style.css": "body { color: black }\n",
    "Theme/assets/fonts/serif.woff2": "not really a font\n",
  ]
}

/// A small site with every kind of content: plain-text and Markdown articles, metadata,
/// glossary entries with aliases and see-also links, and editor's notes.
let sampleSite = """
  -- Content/site.yml --
  title: Test Site
  description: A site for tests.
  base_url: https://example.org/
  -- Content/articles/alliances.md --
  ---
  title: Alliances in Asia
  date: 2024-05-01
  summary: Who stands with whom.
  ---
  # Background

  The Quad met again, and AUKUS was discussed.

  Later the QUAD and the Shanghai Cooperation Organisation met.
  -- Content/articles/nexus.txt --
  Sino-Russian Nexus

  By A. Writer

  Moscow and Beijing signed agreements; the Quad watched.
  The SCO summit followed, and AUKUS partners took note.

  The writer is a columnist.
  -- Content/articles/nexus.yml --
  date: 2024-06-01
  summary: A nexus.
  -- Content/articles/quiet.md --
  ---
  title: A Quiet Piece
  date: 2023-01-01
  ---
  Nothing here mentions a glossary term.
  -- Content/glossary/quad.md --
  ---
  term: Quad
  aliases: [Quadrilateral Security Dialogue]
  category: organization
  summary: Four democracies talking security.
  see_also: [aukus]
  ---
  The Quad is not AUKUS.
  -- Content/glossary/aukus.md --
  ---
  term: AUKUS
  category: alliance
  summary: Australia, the UK and the US.
  ---
  A pact, unlike the Quad.
  -- Content/glossary/sco.md --
  ---
  term: Shanghai Cooperation Organisation
  aliases: [SCO]
  category: organization
  summary: A Eurasian club.
  see_also: [quad]
  ---
  Founded in 2001.
  -- Content/annotations/alliances.yml --
  - id: met
    quote: "The Quad met again"
    kind: context
    note: It meets often, with AUKUS partners around.
  """
