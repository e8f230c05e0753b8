import Foundation

/// `gloss check`: everything a build would report, plus what only the finished site and the
/// whole glossary show: links and anchors that resolve to nothing, spellings the linker can
/// never use, summaries that make poor previews, and (on request) every external URL.
/// Builds in memory and writes nothing.
public struct SiteCheck {
  public var paths: BuildPaths
  /// Adds a note for every external URL in the content (listed, never fetched).
  public var listExternal: Bool

  /// Longest summary, in words, that still reads as a one-line preview.
  public static let summaryWordLimit = 30

  public init(paths: BuildPaths, listExternal: Bool = false) {
    self.paths = paths
    self.listExternal = listExternal
  }

  /// All findings, errors first within each file. Throws what a build would throw (content,
  /// theme and anchoring errors), because nothing else can be checked without a site.
  public func run() throws(BuildFailure) -> [Diagnostic] {
    let (output, content) = try Builder(paths: paths).generate()
    let sources = ContentSources(content: content, paths: paths)
    var diagnostics = output.diagnostics
    diagnostics += LinkCheck.check(
      output.files, outputDisplay: paths.outputDisplay, sources: sources)
    diagnostics += GlossaryCheck.spellings(content: content, rendered: output.articles)
    diagnostics += GlossaryCheck.summaries(content: content, sources: sources)
    if listExternal { diagnostics += ExternalLinks.notes(sources) }
    return Diagnostics(diagnostics).sorted
  }

  /// "check: 1 error, 2 warnings, 0 notes": the line the command prints last.
  public static func summary(_ diagnostics: [Diagnostic]) -> String {
    func count(_ severity: Diagnostic.Severity, _ word: String) -> String {
      let n = diagnostics.filter { $0.severity == severity }.count
      return "\(n) \(word)\(n == 1 ? "" : "s")"
    }
    return
      "check: \(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note"))"
  }
}

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

/// Resolves every relative `href`/`src` of the generated HTML against the generated files, and
/// every id reference (`#anchor`, `aria-describedby`, `aria-labelledby`, `for`) against the ids
/// of its page.
public enum LinkCheck {
  public static func check(_ files: [OutputFile], outputDisplay: String) -> [Diagnostic] {
    check(files, outputDisplay: outputDisplay, sources: nil)
  }

  static func check(_ files: [OutputFile], outputDisplay: String, sources: ContentSources?)
    -> [Diagnostic]
  {
    var ids: [String: Set<String>] = [:]
    let paths = Set(files.map(\.path))
    let htmlFiles = files.filter { $0.path.hasSuffix(".html") }
    var texts: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    for file in htmlFiles {
      let text = String(decoding: file.bytes, as: UTF8.self)
      texts[file.path] = text
      var seen = Set<String>()
      var reported = Set<String>()
      for id in attributeValues(named: "id", in: text) {
        if !seen.insert(id).inserted, reported.insert(id).inserted {
          diagnostics.append(
            .warning(
              "\(outputDisplay)/\(file.path)",
              "id '\(id)' is used more than once on the page; links to #\(id) reach only the first")
          )
        }
      }
      ids[file.path] = seen
    }
    for file in htmlFiles where file.path != Route.notFound.path {
      guard let text = texts[file.path] else { continue }
      var reported = Set<String>()
      for link in attributeValues(named: "href", in: text) + attributeValues(named: "src", in: text)
      {
        guard let problem = resolve(link, from: file.path, paths: paths, ids: ids),
          reported.insert(link).inserted
        else { continue }
        diagnostics.append(
          diagnostic(
            "broken link '\(decodeEntities(link))': \(problem)", link: link, page: file.path,
            outputDisplay: outputDisplay, sources: sources))
      }
      let pageIDs = ids[file.path] ?? []
      for attribute in ["aria-describedby", "aria-labelledby", "for"] {
        var missing: [String] = []
        for value in attributeValues(named: attribute, in: text) {
          for id in value.split(separator: " ").map(String.init)
          where !pageIDs.contains(id) && !missing.contains(id) {
            missing.append(id)
          }
        }
        guard !missing.isEmpty else { continue }
        // One line per page: a theme that forgets the term previews would otherwise print one per term.
        let listed =
          missing.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
          + (missing.count > 4 ? ", …" : "")
        diagnostics.append(
          .warning(
            "\(outputDisplay)/\(file.path)",
            "\(attribute) refers to \(missing.count) id\(missing.count == 1 ? "" : "s") that no element on the page has: \(listed)"
          ))
      }
    }
    return diagnostics
  }

  /// A broken link found in a page is reported where its text is written: in the article or
  /// entry when the link comes from there, otherwise at the page (the theme made it).
  private static func diagnostic(
    _ message: String, link: String, page: String, outputDisplay: String, sources: ContentSources?
  ) -> Diagnostic {
    let decoded = decodeEntities(link)
    let plain = decoded.removingPercentEncoding ?? decoded
    // `[text](url)`, `<url>`, a reference definition `[x]: url`, then anywhere.
    let needles = [
      ("](\(decoded)", 2), ("](\(plain)", 2), ("<\(decoded)>", 1), ("]: \(decoded)", 3),
      (decoded, 0), (plain, 0),
    ]
    if let sources, let files = sources.pageSources[page],
      let place = sources.locate(needles, in: files)
    {
      return .error(place.path, line: place.line, column: place.column, message)
    }
    return .error("\(outputDisplay)/\(page)", message + " (the link is in the theme's markup)")
  }

  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
      of: "&#39;", with: "'"
    )
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// nil when the link resolves.
  static func resolve(
    _ link: String, from page: String, paths: Set<String>, ids: [String: Set<String>]
  ) -> String? {
    let decoded = decodeEntities(link)
    if hasScheme(decoded) || decoded.hasPrefix("//") { return nil }
    var target = decoded
    var fragment: String?
    if let hash = target.firstIndex(of: "#") {
      fragment = String(target[target.index(after: hash)...])
      target = String(target[..<hash])
    }
    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
    target = target.removingPercentEncoding ?? target
    var resolved: String
    if target.isEmpty {
      resolved = page
    } else {
      if target.hasPrefix("/") {
        return "absolute paths break under file:// and sub-paths; use a relative link"
      }
      var parts = page.split(separator: "/").dropLast().map(String.init)
      for part in target.split(separator: "/", omittingEmptySubsequences: false) {
        switch part {
        case "..":
          guard !parts.isEmpty else { return "leads outside the site" }
          parts.removeLast()
        case ".", "": continue
        default: parts.append(String(part))
        }
      }
      resolved = parts.joined(separator: "/")
      if target.hasSuffix("/") || resolved.isEmpty {
        resolved += resolved.isEmpty ? "index.html" : "/index.html"
      }
      if !paths.contains(resolved) {
        if paths.contains(resolved + "/index.html") {
          resolved += "/index.html"
        } else {
          var problem = "no such file \(resolved)"
          let name = (resolved as NSString).lastPathComponent
          let stem = (name as NSString).deletingPathExtension
          if ["md", "txt"].contains((name as NSString).pathExtension),
            paths.contains(Route.article(slug: stem).path)
              || paths.contains(Route.entry(id: stem).path)
          {
            problem += "; link to the page, not the source file (e.g. ../\(stem)/)"
          }
          return problem
        }
      }
    }
    if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html") {
      let id = fragment.removingPercentEncoding ?? fragment
      guard ids[resolved]?.contains(id) == true else {
        return "no element with id '\(id)' in \(resolved)"
      }
    }
    return nil
  }

  /// `https:`, `mailto:`, `tel:`, `data:`…: not a path inside the site.
  static func hasScheme(_ link: String) -> Bool {
    guard let colon = link.firstIndex(of: ":"), let first = link.first, first.isASCII,
      first.isLetter
    else {
      return false
    }
    return link[..<colon].allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".")
    }
  }

  /// Values of `name="…"` attributes. Gloss, cmark and Mustache always write double quotes.
  /// Searched as bytes: a combining mark after `"` would fuse with it into one Character.
  static func attributeValues(named name: String, in html: String) -> [String] {
    let bytes = Array(html.utf8)
    let marker = Array(" \(name)=\"".utf8)
    var values: [String] = []
    var index = 0
    while index + marker.count <= bytes.count {
      guard bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker)
      else {
        index += 1
        continue
      }
      let start = index + marker.count
      guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
      values.append(String(decoding: bytes[start..<end], as: UTF8.self))
      index = end
    }
    return values
  }
}

/// Findings about the glossary as a whole.
enum GlossaryCheck {
  /// Spellings (terms and aliases) that cannot do their job:
  /// - written on its own in an article, the spelling does not link to its entry: the matcher
  ///   reads it as another entry's spelling, or typography (smart quotes, dashes) changes it
  ///   so that it never matches;
  /// - it occurs in the articles, but every time inside a longer term of another entry.
  static func spellings(content: Content, rendered: [RenderedArticle]) -> [Diagnostic] {
    let patterns = SiteGenerator.patterns(for: content.glossary)
    let matcher = TermMatcher(patterns: patterns)
    let renderer = MarkdownRenderer(linker: GlossaryLinker(patterns: patterns), options: .article)
    var locations: [FilePosition] = []
    for entry in content.glossary { locations += [entry.termLocation] + entry.aliasLocations }
    var diagnostics: [Diagnostic] = []
    var patternIndex = 0
    for entry in content.glossary {
      for (offset, spelling) in entry.spellings.enumerated() {
        defer { patternIndex += 1 }
        let location = offset == 0 ? entry.termLocation : entry.aliasLocations[offset - 1]
        let kind = offset == 0 ? "term" : "alias"
        if let problem = standalone(
          spelling, entry: entry, renderer: renderer, matcher: matcher, patterns: patterns,
          locations: locations)
        {
          diagnostics.append(
            .warning(
              location.path, line: location.line, column: location.column,
              "\(kind) '\(spelling)' \(problem)"))
        } else if let problem = alwaysInsideLongerTerms(
          patternIndex: patternIndex, entry: entry, rendered: rendered, patterns: patterns)
        {
          diagnostics.append(
            .warning(
              location.path, line: location.line, column: location.column,
              "\(kind) '\(spelling)' \(problem)"))
        }
      }
    }
    return diagnostics
  }

  /// The spelling as an article shows it: Markdown punctuation escaped (as the importer does),
  /// quotes, dashes, periods and commas left to smart punctuation.
  static func asArticleText(_ spelling: String) -> String {
    var markdown = ""
    for scalar in spelling.unicodeScalars {
      if #"!#$%&()*+/:;<=>?@[\]^_`{|}~"#.unicodeScalars.contains(scalar) {
        markdown += "\\"
      }
      markdown.unicodeScalars.append(scalar)
    }
    return markdown + "\n"
  }

  private static func standalone(
    _ spelling: String, entry: GlossaryEntry, renderer: MarkdownRenderer, matcher: TermMatcher,
    patterns: [TermPattern], locations: [FilePosition]
  ) -> String? {
    let rendered = renderer.render(asArticleText(spelling), policy: .every, linkTerms: false)
    guard let paragraph = rendered.paragraphs.first else { return nil }
    let whole = 0..<paragraph.text.utf8.count
    // Only a match of the whole text is this spelling's own: another spelling of the same
    // entry inside it ("Quad" in “the “Quad””) does not make it work.
    guard let own = matcher.matches(in: paragraph.text).first(where: { $0.range == whole }) else {
      if paragraph.text != spelling {
        return
          "never matches as written: in an article it reads “\(paragraph.text)”; write it that way"
      }
      return "never matches, not even standing alone in a paragraph"
    }
    guard own.entryID != entry.id else { return nil }
    let owner = patterns[own.patternIndex]
    let place = locations[own.patternIndex]
    return
      "can never link to '\(entry.id)': the matcher takes it for '\(owner.text)' of '\(owner.entryID)' (\(place.path):\(place.line):\(place.column)), which wins when both match the same words"
  }

  private static func alwaysInsideLongerTerms(
    patternIndex: Int, entry: GlossaryEntry, rendered: [RenderedArticle], patterns: [TermPattern]
  ) -> String? {
    let solo = TermMatcher(patterns: [patterns[patternIndex]])
    var occurrences = 0
    var swallowedBy: [String] = []
    for article in rendered {
      for paragraph in article.markdown.paragraphs {
        for match in solo.matches(in: paragraph.text) {
          occurrences += 1
          let overlapping = paragraph.mentions.filter { $0.range.overlaps(match.range) }
          if overlapping.contains(where: { $0.entryID == entry.id }) { return nil }
          for mention in overlapping {
            let text = String(decoding: Array(paragraph.text.utf8)[mention.range], as: UTF8.self)
            let label = "'\(text)' (\(mention.entryID))"
            if !swallowedBy.contains(label) { swallowedBy.append(label) }
          }
        }
      }
    }
    guard occurrences > 0, !swallowedBy.isEmpty else { return nil }
    let examples =
      swallowedBy.prefix(3).joined(separator: ", ") + (swallowedBy.count > 3 ? ", …" : "")
    return
      "occurs \(occurrences) time\(occurrences == 1 ? "" : "s") in the articles but never links to '\(entry.id)': each time it is part of a longer term: \(examples)"
  }

  /// Summaries are the hover previews: short, and different for different entries.
  static func summaries(content: Content, sources: ContentSources) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var firstWithSummary: [String: GlossaryEntry] = [:]
    for entry in content.glossary {
      let place =
        sources.locate(key: "summary", in: entry.path)
        ?? FilePosition(path: entry.path, line: entry.termLocation.line, column: 1)
      let words = entry.summary.split(whereSeparator: { $0.isWhitespace }).count
      if words > SiteCheck.summaryWordLimit {
        diagnostics.append(
          .warning(
            place.path, line: place.line, column: place.column,
            "summary has \(words) words; a preview reads best in \(SiteCheck.summaryWordLimit) or fewer (move the rest into the body)"
          ))
      }
      let key = entry.summary.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(
        separator: " "
      )
      .trimmingCharacters(in: CharacterSet(charactersIn: ".!?…"))
      if let first = firstWithSummary[key] {
        let firstPlace = sources.locate(key: "summary", in: first.path)
        let at = firstPlace.map { " (\($0.path):\($0.line):\($0.column))" } ?? ""
        diagnostics.append(
          .warning(
            place.path, line: place.line, column: place.column,
            "summary is the same as the summary of '\(first.id)'\(at); a reader could not tell the two apart"
          ))
      } else {
        firstWithSummary[key] = entry
      }
    }
    return diagnostics
  }
}

/// External URLs, listed so that an editor can review them; Gloss never fetches them.
enum ExternalLinks {
  static func notes(_ sources: ContentSources) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for path in sources.order {
      guard let text = sources.text(path) else { continue }
      var seen = Set<String>()
      for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        var rest = line[...]
        while let start = rest.range(of: "http", options: .caseInsensitive) {
          let candidate = rest[start.lowerBound...]
          let lower = candidate.lowercased()
          guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            rest = rest[start.upperBound...]
            continue
          }
          var url = candidate.prefix { !$0.isWhitespace && !"<>\"'`".contains($0) }
          // Markdown and prose put punctuation right after a URL: "(see https://x.org)."
          while let last = url.last, ".,;:!?)]*_".contains(last) {
            if last == ")", url.filter({ $0 == "(" }).count >= url.filter({ $0 == ")" }).count {
              break
            }
            url = url.dropLast()
          }
          let column = line[..<start.lowerBound].unicodeScalars.count + 1
          if seen.insert(String(url)).inserted {
            diagnostics.append(
              Diagnostic(.note, path, line: lineIndex + 1, column: column, "external link \(url)"))
          }
          rest = rest[url.endIndex...]
        }
      }
    }
    return diagnostics
  }
}
