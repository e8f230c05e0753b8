/// The sentence around a mention, with the mention marked: what "Mentioned in" shows.
enum Excerpt {
  static let maxWords = 45

  static func html(_ paragraph: ParagraphText, highlighting range: Range<Int>) -> String {
    let bytes = Array(paragraph.text.utf8)
    guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else {
      return HTMLEscaping.text(paragraph.text)
    }
    var start = range.lowerBound
    while start > 0, !isSentenceEnd(bytes, before: start) { start -= 1 }
    var end = range.upperBound
    while end < bytes.count, !isSentenceEnd(bytes, before: end) { end += 1 }

    var before = String(decoding: bytes[start..<range.lowerBound], as: UTF8.self)
    let match = String(decoding: bytes[range], as: UTF8.self)
    var after = String(decoding: bytes[range.upperBound..<end], as: UTF8.self)
    var leading = ""
    var trailing = ""
    // Long sentences are cut to a window of words around the mention.
    let beforeWords = before.split(separator: " ", omittingEmptySubsequences: true)
    if beforeWords.count > maxWords / 2 {
      before = beforeWords.suffix(maxWords / 2).joined(separator: " ") + " "
      leading = "… "
    } else if start > 0 {
      leading = "… "
    }
    let afterWords = after.split(separator: " ", omittingEmptySubsequences: false)
    if afterWords.count > maxWords / 2 {
      after = afterWords.prefix(maxWords / 2).joined(separator: " ")
      trailing = " …"
    } else if end < bytes.count {
      trailing = " …"
    }
    before = String(before.drop { $0 == " " })
    after = String(after.reversed().drop { $0 == " " }.reversed())
    return leading + HTMLEscaping.text(before) + "<mark>" + HTMLEscaping.text(match) + "</mark>"
      + HTMLEscaping.text(after) + trailing
  }

  /// True when a sentence ends just before `index`: ". " / "? " / "! " (optionally after a
  /// closing quote or bracket) followed by the next sentence.
  private static func isSentenceEnd(_ bytes: [UInt8], before index: Int) -> Bool {
    guard index >= 2, index < bytes.count, bytes[index - 1] == 0x20 else { return false }
    var previous = index - 2
    while previous > 0 {
      if [0x22, 0x27, 0x29, 0x5D].contains(bytes[previous]) {
        previous -= 1
      } else if isClosingCurly(bytes, at: previous) {
        previous -= 3
      } else {
        break
      }
    }
    guard previous >= 0 else { return false }
    return bytes[previous] == 0x2E || bytes[previous] == 0x3F || bytes[previous] == 0x21
  }

  /// The last byte of ” or ’ (E2 80 9D / E2 80 99).
  private static func isClosingCurly(_ bytes: [UInt8], at index: Int) -> Bool {
    index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80 && (bytes[index] == 0x9D || bytes[index] == 0x99)
  }
}
