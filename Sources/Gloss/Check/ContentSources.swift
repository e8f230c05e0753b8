import Foundation

/// Where each content file is, by the path diagnostics show, to place findings that only the
/// generated site reveals back on the line an editor must change.
///
/// A file is read only when a finding must be placed in it, and then kept for the next one: a
/// clean site of 10,000 articles reads none of its 80 MB again.
final class ContentSources: @unchecked Sendable {
  /// Output page → the content files whose text it shows (those that exist are searched).
  let pageSources: [String: [String]]
  /// Every content file that may exist, in a stable order, each once.
  let candidates: [String]

  private let root: String
  private let directory: URL
  private let lock = NSLock()
  /// Display path → text, or nil for a file that could not be read.
  private var texts: [String: String?] = [:]

  init(content: Content, paths: BuildPaths) {
    let root =
      paths.contentDisplay.hasSuffix("/") ? paths.contentDisplay : paths.contentDisplay + "/"
    self.root = root
    self.directory = paths.content
    var listed = Set<String>()
    var candidates: [String] = []
    func list(_ display: String) {
      guard display.hasPrefix(root), listed.insert(display).inserted else { return }
      candidates.append(display)
    }
    var pageSources: [String: [String]] = [:]
    list(root + "site.yml")
    for article in content.articles {
      var pageFiles = [article.path]
      if article.format == .text { pageFiles.append(root + "articles/\(article.slug).yml") }
      pageFiles.append(root + "annotations/\(article.slug).yml")
      pageFiles.forEach(list)
      pageSources[Route.article(slug: article.slug).path] = pageFiles
    }
    for entry in content.glossary {
      list(entry.path)
      pageSources[Route.entry(id: entry.id).path] = [entry.path]
    }
    self.candidates = candidates
    self.pageSources = pageSources
  }

  /// The file's text, read on first use and kept for the next finding in it; nil when it is not
  /// a content file or cannot be read.
  func text(_ path: String) -> String? {
    lock.withLock {
      if let known = texts[path] { return known }
      let text = read(path)
      texts[path] = .some(text)
      return text
    }
  }

  /// The files read so far, in path order: none for a site with nothing to place.
  var filesRead: [String] { lock.withLock { texts.keys.sorted() } }

  /// The file's text, not kept: for passes that read every file once.
  func textOnce(_ path: String) -> String? {
    if let known = lock.withLock({ texts[path] }) { return known }
    return read(path)
  }

  private func read(_ path: String) -> String? {
    guard path.hasPrefix(root) else { return nil }
    let url = directory.appendingPathComponent(String(path.dropFirst(root.count)))
    guard case .success(let text) = SourceText.read(url, displayPath: path) else { return nil }
    return text
  }

  /// Where the first of `needles` that occurs in `files` is, moved on by its `skip` characters
  /// (to point past the Markdown that introduces the interesting part).
  func locate(_ needles: [(text: String, skip: Int)], in files: [String]) -> FilePosition? {
    for needle in needles where !needle.text.isEmpty {
      for file in files {
        guard let text = text(file), let range = text.range(of: needle.text) else { continue }
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
    guard let text = text(file) else { return nil }
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
