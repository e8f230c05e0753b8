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

    let standalone = bytes[start..<end].withUnsafeBufferPointer { Graphemes.spacesStandAlone($0) }
    if standalone { return byteHTML(bytes, start: start, range: range, end: end) }
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

  /// What the rest of `html` does with Characters, done on bytes: the same result when every
  /// space is a Character by itself, which is what `html` checks first. (Excerpts of every
  /// mention of every term were a tenth of a large site's build.)
  private static func byteHTML(_ bytes: [UInt8], start: Int, range: Range<Int>, end: Int) -> String
  {
    func text(_ slice: ArraySlice<UInt8>) -> String {
      HTMLEscaping.text(String(decoding: slice, as: UTF8.self))
    }
    let space: UInt8 = 0x20
    let half = maxWords / 2
    var leading = ""
    var trailing = ""

    // Before the mention: the last `half` words (runs of non-spaces), joined by one space and
    // followed by one, when there are more; then without leading spaces.
    var before = ""
    var words: [Range<Int>] = []
    var index = start
    while index < range.lowerBound {
      if bytes[index] == space {
        index += 1
        continue
      }
      let wordStart = index
      while index < range.lowerBound, bytes[index] != space { index += 1 }
      words.append(wordStart..<index)
    }
    if words.count > half {
      before = words.suffix(half).map { text(bytes[$0]) }.joined(separator: " ") + " "
      leading = "… "
    } else {
      if start > 0 { leading = "… " }
      var first = start
      while first < range.lowerBound, bytes[first] == space { first += 1 }
      before = text(bytes[first..<range.lowerBound])
    }

    // After it: everything up to the `half`-th space when there are more pieces than `half`
    // (the pieces are what lies between single spaces), then without trailing spaces.
    var cut = end
    var spaces = 0
    var position = range.upperBound
    while position < end {
      if bytes[position] == space {
        spaces += 1
        if spaces == half {
          cut = position
          break
        }
      }
      position += 1
    }
    let afterPieces = bytes[range.upperBound..<end].reduce(1) { $0 + ($1 == space ? 1 : 0) }
    if afterPieces > half {
      trailing = " …"
    } else {
      cut = end
      if end < bytes.count { trailing = " …" }
    }
    while cut > range.upperBound, bytes[cut - 1] == space { cut -= 1 }
    return leading + before + "<mark>" + text(bytes[range]) + "</mark>"
      + text(bytes[range.upperBound..<cut]) + trailing
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
    index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80
      && (bytes[index] == 0x9D || bytes[index] == 0x99)
  }
}
