import Foundation

/// Findings about the glossary as a whole.
enum GlossaryCheck {
  /// Spellings (terms and aliases) that cannot do their job:
  /// - written on its own in an article, the spelling does not link to its entry: the matcher
  ///   reads it as another entry's spelling, or typography (smart quotes, dashes) changes it
  ///   so that it never matches;
  /// - it occurs in the articles, but every time inside a longer term of another entry.
  static func spellings(content: Content, paragraphs: [[ParagraphText]]) -> [Diagnostic] {
    let patterns = SiteGenerator.patterns(for: content.glossary)
    let matcher = TermMatcher(patterns: patterns)
    let renderer = MarkdownRenderer(linker: GlossaryLinker(patterns: patterns), options: .article)
    var locations: [FilePosition] = []
    for entry in content.glossary { locations += [entry.termLocation] + entry.aliasLocations }
    let text = ArticleText(paragraphs.joined(), patterns: patterns)
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
        } else if let problem = text.alwaysInsideLongerTerms(
          patternIndex: patternIndex, entryID: entry.id)
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

  /// Summaries are the hover previews: short, and different for different entries.
  static func summaries(content: Content, sources: ContentSources) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var firstWithSummary: [String: GlossaryEntry] = [:]
    for entry in content.glossary {
      // Placed only when there is something to say: a clean glossary reads no file again.
      func summaryPlace() -> FilePosition {
        sources.locate(key: "summary", in: entry.path)
          ?? FilePosition(path: entry.path, line: entry.termLocation.line, column: 1)
      }
      let words = entry.summary.split(whereSeparator: { $0.isWhitespace }).count
      if words > SiteCheck.summaryWordLimit {
        let place = summaryPlace()
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
        let place = summaryPlace()
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
