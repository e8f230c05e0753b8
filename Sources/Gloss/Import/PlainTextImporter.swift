/// A plain-text article split into its parts, with its body as CommonMark.
public struct ImportedArticle: Sendable, Equatable {
  public var title: String
  /// A short line right after the title, e.g. "Sher Ali Bukhari".
  public var byline: String?
  /// A closing one-sentence paragraph such as "The writer is a freelance columnist."
  public var authorNote: String?
  /// Paragraph texts, plain (unescaped), whitespace-normalised within a paragraph.
  public var paragraphs: [String]
  /// CommonMark: the escaped paragraphs separated by one blank line, ending in "\n"
  /// (empty when there are no paragraphs).
  public var body: String

  public init(
    title: String, byline: String? = nil, authorNote: String? = nil, paragraphs: [String],
    body: String
  ) {
    self.title = title
    self.byline = byline
    self.authorNote = authorNote
    self.paragraphs = paragraphs
    self.body = body
  }
}

/// Converts a plain-text article to Markdown.
///
/// Paragraphs come in two styles, and a text may mix them: one paragraph per line (the seed's
/// style), or lines hard-wrapped at a fixed width with blank lines between paragraphs (Project
/// Gutenberg's style). Blank lines always separate paragraphs. Within a block of consecutive
/// lines, the lines are joined when they look wrapped: most of them are short enough for a wrap
/// width, and "full", meaning that the next line's first word would not have fitted on them.
public enum PlainTextImporter {
  /// Lines longer than this were not wrapped by anyone: they are paragraphs of their own.
  static let maximumWrapWidth = 100
  /// Narrower than this, a block of short lines is more likely verse, a list or dialogue.
  static let minimumWrapWidth = 40
  static let bylineMaximumLength = 60
  static let bylineMaximumWords = 8
  static let authorNoteMaximumLength = 200

  public static func importText(_ text: String) -> ImportedArticle {
    let lines = normalisedLines(text)
    guard let titleIndex = lines.firstIndex(where: { !isBlank($0) }) else {
      return ImportedArticle(title: "", paragraphs: [], body: "")
    }
    let title = collapsingWhitespace(lines[titleIndex])
    var rest = Array(lines[(titleIndex + 1)...])

    var byline: String?
    if let candidateIndex = rest.firstIndex(where: { !isBlank($0) }),
      isByline(at: candidateIndex, in: rest)
    {
      byline = collapsingWhitespace(rest[candidateIndex])
      rest.removeSubrange(...candidateIndex)
    }

    let blocks = self.blocks(rest)
    let width = wrapWidth(blocks)
    var paragraphs: [String] = []
    for block in blocks {
      if isWrapped(block, width: width) {
        paragraphs.append(collapsingWhitespace(block.joined(separator: " ")))
      } else {
        paragraphs += block.map(collapsingWhitespace)
      }
    }

    var authorNote: String?
    if let last = paragraphs.last, isAuthorNote(last) {
      authorNote = last
      paragraphs.removeLast()
    }

    let body =
      paragraphs.isEmpty
      ? "" : paragraphs.map(MarkdownEscaping.escapeInline).joined(separator: "\n\n") + "\n"
    return ImportedArticle(
      title: title, byline: byline, authorNote: authorNote, paragraphs: paragraphs, body: body)
  }

  /// A full Markdown document: YAML front matter with the title, byline and author note (only
  /// those present) as double-quoted strings, a blank line, then the body.
  public static func markdownDocument(for article: ImportedArticle) -> String {
    var document = "---\n"
    document += "title: \(yamlQuoted(article.title))\n"
    if let byline = article.byline { document += "byline: \(yamlQuoted(byline))\n" }
    if let authorNote = article.authorNote {
      document += "author_note: \(yamlQuoted(authorNote))\n"
    }
    document += "---\n\n"
    document += article.body
    return document
  }

  // MARK: - Lines

  /// Splits on LF, CRLF and CR after dropping a leading byte order mark. U+0000 becomes U+FFFD,
  /// as cmark would render it, so that `paragraphs` is what a reader sees.
  static func normalisedLines(_ text: String) -> [String] {
    var scalars = Substring(text).unicodeScalars
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in scalars {
      switch scalar {
      case "\n":
        if !previousWasCR { lines.append(String(current)) }
        current = String.UnicodeScalarView()
        previousWasCR = false
      case "\r":
        lines.append(String(current))
        current = String.UnicodeScalarView()
        previousWasCR = true
      default:
        current.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar)
        previousWasCR = false
      }
    }
    lines.append(String(current))
    return lines
  }

  static func isBlank(_ line: String) -> Bool {
    line.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
  }

  /// Markdown folds runs of ASCII whitespace and trims paragraph ends, so the importer does too.
  /// Other spaces (no-break, ideographic, …) are content and stay.
  static func isFoldedWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}": return true
    default: return false
    }
  }

  static func collapsingWhitespace(_ text: String) -> String {
    var output = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if isFoldedWhitespace(scalar) {
        pendingSpace = !output.isEmpty
      } else {
        if pendingSpace { output.append(" ") }
        pendingSpace = false
        output.append(scalar)
      }
    }
    return String(output)
  }

  static func blocks(_ lines: [String]) -> [[String]] {
    var blocks: [[String]] = []
    var current: [String] = []
    for line in lines {
      if isBlank(line) {
        if !current.isEmpty { blocks.append(current) }
        current = []
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { blocks.append(current) }
    return blocks
  }

  // MARK: - Wrapping

  /// Words are separated by the whitespace that Markdown folds: a no-break space joins.
  static func isFoldedWhitespace(_ character: Character) -> Bool {
    character.unicodeScalars.allSatisfy(isFoldedWhitespace)
  }

  /// Length as a wrapping tool counts it: indentation included, trailing whitespace not.
  static func visibleLength(_ line: String) -> Int {
    var length = line.count
    for character in line.reversed() {
      guard isFoldedWhitespace(character) else { break }
      length -= 1
    }
    return length
  }

  static func firstWordLength(_ line: String) -> Int {
    line.drop(while: isFoldedWhitespace).prefix(while: { !isFoldedWhitespace($0) }).count
  }

  /// The width the text seems wrapped at: the 90th percentile of the lengths of lines that are
  /// followed by another line of the same block, so that a stray long line does not set it.
  /// `nil` when nothing looks wrapped.
  static func wrapWidth(_ blocks: [[String]]) -> Int? {
    let lengths =
      blocks
      .flatMap { $0.dropLast().map(visibleLength) }
      .filter { $0 <= maximumWrapWidth }
      .sorted()
    guard !lengths.isEmpty else { return nil }
    let rank = (lengths.count * 9 + 9) / 10
    let width = lengths[rank - 1]
    return width >= minimumWrapWidth ? width : nil
  }

  /// A wrapping tool breaks a line only when the next word does not fit.
  static func isFull(_ line: String, before next: String, width: Int) -> Bool {
    let length = visibleLength(line)
    return length <= maximumWrapWidth && length + 1 + firstWordLength(next) > width
  }

  static func isWrapped(_ block: [String], width: Int?) -> Bool {
    guard let width, block.count >= 2 else { return false }
    var full = 0
    var everyLineEndsASentence = true
    for index in 0..<(block.count - 1) {
      if isFull(block[index], before: block[index + 1], width: width) { full += 1 }
      if !endsSentence(block[index]) || !startsCapitalised(block[index + 1]) {
        everyLineEndsASentence = false
      }
    }
    // Lines of similar length that each end a sentence are short paragraphs, one per line: a
    // wrapping tool breaks mid-sentence far more often than not.
    if everyLineEndsASentence { return false }
    // Allow a few lines that a tool would not have broken there (a long word, an edit).
    return full * 4 >= (block.count - 1) * 3
  }

  static func endsSentence(_ line: String) -> Bool {
    let closers: Set<Character> = ["\"", "'", "”", "’", ")", "]", "»"]
    let text = line.reversed().drop(while: { isFoldedWhitespace($0) || closers.contains($0) })
    guard let last = text.first else { return false }
    return ".!?…".contains(last)
  }

  static func startsCapitalised(_ line: String) -> Bool {
    let openers: Set<Character> = ["\"", "'", "“", "‘", "(", "[", "«"]
    return line.drop(while: { isFoldedWhitespace($0) || openers.contains($0) }).first?.isUppercase
      == true
  }

  // MARK: - Byline and author note

  static func isByline(at index: Int, in lines: [String]) -> Bool {
    let text = collapsingWhitespace(lines[index])
    guard !text.isEmpty, text.count <= bylineMaximumLength,
      text.split(separator: " ").count <= bylineMaximumWords,
      let last = text.last, !".!?,;:".contains(last)
    else { return false }
    // A short line that a wrapping tool filled up is the first line of a wrapped paragraph. The
    // width comes from the lines after it, so that the candidate cannot set it by itself.
    guard index + 1 < lines.count, !isBlank(lines[index + 1]),
      visibleLength(lines[index + 1]) <= maximumWrapWidth,
      let width = wrapWidth(blocks(Array(lines[(index + 1)...])))
    else { return true }
    return !isFull(lines[index], before: lines[index + 1], width: width)
  }

  static let authorNoteSubjects: Set<String> = [
    "writer", "writers", "author", "authors", "columnist", "columnists", "contributor",
    "contributors",
  ]
  static let authorNoteVerbs: Set<String> = ["is", "are", "was", "were", "has", "have"]
  static let abbreviations: Set<String> = [
    "dr", "mr", "mrs", "ms", "prof", "pro", "st", "jr", "sr", "no", "lt", "col", "gen", "capt",
    "rev", "hon", "vs",
    "etc", "e.g", "i.e", "u.s", "u.k",
  ]

  /// "The writer is a freelance columnist.": short, one sentence, about the writer(s).
  static func isAuthorNote(_ paragraph: String) -> Bool {
    guard paragraph.count <= authorNoteMaximumLength else { return false }
    let words = paragraph.split(separator: " ").map(String.init)
    guard words.count >= 3, words[0].lowercased() == "the" else { return false }
    let subject = words[1].lowercased()
    let subjectWord = subject.hasSuffix(",") ? String(subject.dropLast()) : subject
    // "The writer, a retired diplomat, is …" has no verb right after the subject.
    guard authorNoteSubjects.contains(subjectWord),
      subject.hasSuffix(",") || authorNoteVerbs.contains(words[2].lowercased())
    else { return false }
    return !containsSentenceBreak(words)
  }

  /// A word ending in . ! or ? followed by a capitalised word, unless the first is an
  /// abbreviation or an initial ("Dr. Khan", "J. Smith").
  private static func containsSentenceBreak(_ words: [String]) -> Bool {
    for index in 0..<(words.count - 1) {
      let word = words[index]
      guard let last = word.last, ".!?".contains(last), words[index + 1].first?.isUppercase == true
      else { continue }
      let stem = word.dropLast().lowercased().filter { $0.isLetter || $0 == "." }
      if last == ".", stem.count <= 1 || abbreviations.contains(stem) { continue }
      return true
    }
    return false
  }

  // MARK: - YAML

  /// A YAML double-quoted scalar. Control characters and the characters YAML reads as line
  /// breaks or a byte order mark are written as escapes so the value survives a round trip.
  static func yamlQuoted(_ value: String) -> String {
    var output = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": output += "\\\\"
      case "\"": output += "\\\""
      case "\t": output += "\\t"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}", "\u{FEFF}":
        let hex = String(scalar.value, radix: 16, uppercase: true)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}
