import Foundation

/// The text of every content file, by the path diagnostics show, to place findings that only
/// the generated site reveals back on the line an editor must change.
struct ContentSources {
  /// Display path → text; for articles, only the file (its metadata `.yml` is listed apart).
  private(set) var texts: [String: String] = [:]
  /// Output page → the content files whose text it shows.
  private(set) var pageSources: [String: [String]] = [:]
  /// Every content file in a stable order.
  private(set) var order: [String] = []

  init(content: Content, paths: BuildPaths) {
    let root =
      paths.contentDisplay.hasSuffix("/") ? paths.contentDisplay : paths.contentDisplay + "/"
    func load(_ display: String) {
      guard texts[display] == nil, display.hasPrefix(root) else { return }
      let url = paths.content.appendingPathComponent(String(display.dropFirst(root.count)))
      guard case .success(let text) = SourceText.read(url, displayPath: display) else { return }
      texts[display] = text
      order.append(display)
    }
    load(root + "site.yml")
    for article in content.articles {
      load(article.path)
      var pageFiles = [article.path]
      if article.format == .text {
        let metadata = root + "articles/\(article.slug).yml"
        load(metadata)
        if texts[metadata] != nil { pageFiles.append(metadata) }
      }
      let notes = root + "annotations/\(article.slug).yml"
      load(notes)
      if texts[notes] != nil { pageFiles.append(notes) }
      pageSources[Route.article(slug: article.slug).path] = pageFiles
    }
    for entry in content.glossary {
      load(entry.path)
      pageSources[Route.entry(id: entry.id).path] = [entry.path]
    }
  }

  func text(_ path: String) -> String? { texts[path] }

  /// Where the first of `needles` that occurs in `files` is, moved on by its `skip` characters
  /// (to point past the Markdown that introduces the interesting part).
  func locate(_ needles: [(text: String, skip: Int)], in files: [String]) -> FilePosition? {
    for needle in needles where !needle.text.isEmpty {
      for file in files {
        guard let text = texts[file], let range = text.range(of: needle.text) else { continue }
        let start =
          text.index(range.lowerBound, offsetBy: needle.skip, limitedBy: range.upperBound)
          ?? range.lowerBound
        return Self.position(of: start, in: text, path: file)
      }
    }
    return nil
  }

  /// The line of `key:` in a YAML file or front matter, and the column where its value starts.
  func locate(key: String, in file: String) -> FilePosition? {
    guard let text = texts[file] else { return nil }
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      guard line.hasPrefix(key) else { continue }
      let rest = line.dropFirst(key.count).drop { $0 == " " }
      guard rest.first == ":" else { continue }
      let value = rest.dropFirst().drop { $0 == " " }
      let column = line.unicodeScalars.count - value.unicodeScalars.count + 1
      return FilePosition(path: file, line: index + 1, column: column)
    }
    return nil
  }

  static func position(of index: String.Index, in text: String, path: String) -> FilePosition {
    var line = 1
    var lineStart = text.startIndex
    var cursor = text.startIndex
    while cursor < index {
      if text[cursor] == "\n" {
        line += 1
        lineStart = text.index(after: cursor)
      }
      cursor = text.index(after: cursor)
    }
    let column = text.unicodeScalars[lineStart..<index].count + 1
    return FilePosition(path: path, line: line, column: column)
  }
}
