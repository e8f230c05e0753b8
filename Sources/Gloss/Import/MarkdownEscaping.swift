/// Turns plain text into CommonMark that renders back to the same text.
///
/// The escapes are chosen for cmark 0.30 with `CMARK_OPT_SMART`: a backslash before an ASCII
/// punctuation character always yields that character literally, and cmark never "smartens" an
/// escaped quote, dash or period. Everything else is left alone so that the Markdown of ordinary
/// prose reads naturally (and glossary terms are not cut into several text nodes needlessly).
public enum MarkdownEscaping {
  /// Escapes text so that cmark renders exactly this text (with CMARK_OPT_SMART on, too).
  ///
  /// The result is the inline content of one paragraph. Whitespace at the start and end of each
  /// line is dropped (cmark would drop it, or read it as an indented code block or a hard line
  /// break), and so are blank lines, which would otherwise end the paragraph. U+0000 becomes
  /// U+FFFD, as cmark would render it.
  public static func escapeInline(_ text: String) -> String {
    var output = String.UnicodeScalarView()
    var firstLine = true
    for line in lines(of: text) {
      let trimmed = trimmingLineWhitespace(line)
      if trimmed.isEmpty { continue }
      if !firstLine { output.append("\n") }
      firstLine = false
      escapeLine(trimmed, into: &output)
    }
    return String(output)
  }

  private static func lines(of text: String) -> [[Unicode.Scalar]] {
    var result: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n":
        if !previousWasCR { result.append(current) }
        current = []
        previousWasCR = false
      case "\r":
        result.append(current)
        current = []
        previousWasCR = true
      default:
        current.append(scalar == "\u{0}" ? "\u{FFFD}" : scalar)
        previousWasCR = false
      }
    }
    result.append(current)
    return result
  }

  private static func isLineWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\u{0B}" || scalar == "\u{0C}"
  }

  private static func trimmingLineWhitespace(_ line: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar>
  {
    guard let first = line.firstIndex(where: { !isLineWhitespace($0) }),
      let last = line.lastIndex(where: { !isLineWhitespace($0) })
    else { return [] }
    return line[first...last]
  }

  /// These open or close inline constructs wherever they stand (code spans, emphasis, links,
  /// autolinks and raw HTML, backslash escapes), or are smart quotes under CMARK_OPT_SMART.
  private static let alwaysEscaped: Set<Unicode.Scalar> = [
    "\\", "`", "*", "_", "[", "]", "<", "\"", "'",
  ]

  private static func escapeLine(
    _ slice: ArraySlice<Unicode.Scalar>, into output: inout String.UnicodeScalarView
  ) {
    let line = Array(slice)
    let marker = blockMarkerIndex(line)
    for (index, scalar) in line.enumerated() {
      let previous = index > 0 ? line[index - 1] : nil
      let next = index + 1 < line.count ? line[index + 1] : nil
      let escape: Bool
      switch scalar {
      case _ where index == marker: escape = true
      case _ where alwaysEscaped.contains(scalar): escape = true
      // Smart punctuation turns "--" and "---" into dashes.
      case "-": escape = previous == "-" || next == "-"
      // Smart punctuation turns "..." into an ellipsis; ".." stays as it is.
      case ".": escape = dotRunLength(line, around: index) >= 3
      case "&": escape = startsEntityReference(line, at: index)
      case "!": escape = next == "["
      default: escape = false
      }
      if escape { output.append("\\") }
      output.append(scalar)
    }
  }

  private static func isSpaceOrTab(_ scalar: Unicode.Scalar?) -> Bool {
    scalar == " " || scalar == "\t"
  }

  private static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(scalar)
  }

  /// The index of the character that would make this line start a block other than a paragraph
  /// line: an ATX heading, a block quote, a bullet or ordered list item, a thematic break, a
  /// setext underline or a tilde fence. Backtick fences, `*`/`_` breaks and HTML blocks start with
  /// characters that are escaped everywhere anyway.
  private static func blockMarkerIndex(_ line: [Unicode.Scalar]) -> Int? {
    guard let first = line.first else { return nil }
    let second = line.count > 1 ? line[1] : nil
    switch first {
    case ">", "=": return 0
    case "#":
      let run = line.prefix(while: { $0 == "#" }).count
      return run == line.count || isSpaceOrTab(line[run]) ? 0 : nil
    case "-", "+":
      return second == nil || isSpaceOrTab(second) ? 0 : nil
    case "~":
      return line.prefix(while: { $0 == "~" }).count >= 3 ? 0 : nil
    case _ where isASCIIDigit(first):
      let digits = line.prefix(while: isASCIIDigit).count
      guard digits <= 9, digits < line.count, line[digits] == "." || line[digits] == ")" else {
        return nil
      }
      let after = digits + 1 < line.count ? line[digits + 1] : nil
      return after == nil || isSpaceOrTab(after) ? digits : nil
    default:
      return nil
    }
  }

  private static func dotRunLength(_ line: [Unicode.Scalar], around index: Int) -> Int {
    var start = index
    while start > 0 && line[start - 1] == "." { start -= 1 }
    var end = index
    while end + 1 < line.count && line[end + 1] == "." { end += 1 }
    return end - start + 1
  }

  /// `&amp;`, `&#42;`, `&#x2A;`: cmark decodes entity and numeric character references. A bare
  /// `&` ("AT&T", "R & D") renders as itself and is left alone.
  private static func startsEntityReference(_ line: [Unicode.Scalar], at index: Int) -> Bool {
    var position = index + 1
    guard position < line.count else { return false }
    if line[position] == "#" { return true }
    while position < line.count, line[position].isASCII,
      line[position].properties.isAlphabetic || isASCIIDigit(line[position])
    {
      position += 1
    }
    return position > index + 1 && position < line.count && line[position] == ";"
  }
}
