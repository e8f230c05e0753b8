/// Finds where an editor's note belongs: its quote in the text a reader sees, the way the W3C
/// Web Annotation TextQuoteSelector does it (exact text, optional prefix and suffix). Quotes are
/// compared with straight and curly quotes equal and whitespace runs folded, because editors
/// type straight quotes and the article shows curly ones.
public enum QuoteAnchoring {
  public struct Anchor: Sendable, Hashable {
    /// Index into the paragraphs given to `anchor`.
    public var paragraph: Int
    /// UTF-8 byte range in that paragraph's text.
    public var range: Range<Int>
  }

  public enum Failure: Error, Sendable, Hashable {
    /// No occurrence; the closest passage (fuzzy) and its paragraph number, if any.
    case notFound(closest: String?, paragraphNumber: Int?)
    /// Several occurrences and nothing to choose between them: their paragraph numbers.
    case ambiguous(paragraphNumbers: [Int?])
  }

  public static func anchor(
    quote: String, prefix: String?, suffix: String?, in paragraphs: [ParagraphText]
  ) -> Result<Anchor, Failure> {
    anchor(
      quote: quote, prefix: prefix, suffix: suffix, in: paragraphs,
      folded: paragraphs.map { FoldedText($0.text) })
  }

  /// The same, with each paragraph's text already folded (`folded[i]` is `paragraphs[i]`'s):
  /// an article with many notes folds its paragraphs once, not once a note.
  static func anchor(
    quote: String, prefix: String?, suffix: String?, in paragraphs: [ParagraphText],
    folded: [FoldedText]
  ) -> Result<Anchor, Failure> {
    let needle = FoldedText(quote).trimmed
    guard !needle.units.isEmpty else {
      return .failure(.notFound(closest: nil, paragraphNumber: nil))
    }
    let wantedPrefix = prefix.map { FoldedText($0).trimmed.units } ?? []
    let wantedSuffix = suffix.map { FoldedText($0).trimmed.units } ?? []

    var found: [Anchor] = []
    var chosen: [Anchor] = []
    for (index, haystack) in folded.enumerated() {
      for start in haystack.occurrences(of: needle.units) {
        let end = start + needle.units.count
        let anchor = Anchor(
          paragraph: index, range: haystack.byteOffsets[start]..<haystack.byteEnd(ofUnit: end - 1))
        found.append(anchor)
        let before = haystack.units[..<start].reversed().drop { $0 == " " }
        let after = haystack.units[end...].drop { $0 == " " }
        if before.starts(with: wantedPrefix.reversed()), after.starts(with: wantedSuffix) {
          chosen.append(anchor)
        }
      }
    }
    if chosen.count == 1, let only = chosen.first { return .success(only) }
    if chosen.count > 1 {
      return .failure(.ambiguous(paragraphNumbers: chosen.map { paragraphs[$0.paragraph].number }))
    }
    // Found, but the prefix or suffix no longer fits: show the first occurrence.
    if let first = found.first {
      let text = Array(paragraphs[first.paragraph].text.utf8)
      let context = String(decoding: text[first.range], as: UTF8.self)
      return .failure(
        .notFound(closest: context, paragraphNumber: paragraphs[first.paragraph].number))
    }
    let closest = closestPassage(to: needle, in: paragraphs, folded: folded)
    return .failure(.notFound(closest: closest?.text, paragraphNumber: closest?.number))
  }

  /// Approximate substring search (Sellers): the passage with the fewest edits to the quote,
  /// widened to whole words, as annotation tools do when they re-anchor.
  static func closestPassage(
    to needle: FoldedText, in paragraphs: [ParagraphText], folded: [FoldedText]
  ) -> (text: String, number: Int?)? {
    var best: (cost: Int, paragraph: Int, start: Int, end: Int)?
    let pattern = needle.units
    for (index, paragraphText) in folded.enumerated() {
      let text = paragraphText.units
      guard !text.isEmpty else { continue }
      // previous[j]: cost of matching pattern[..<j] ending at the current text position.
      var previous = Array(0...pattern.count)
      var previousStart = Array(repeating: 0, count: pattern.count + 1)
      for position in 0..<text.count {
        var current = [0] + Array(repeating: 0, count: pattern.count)
        var currentStart = [position + 1] + Array(repeating: 0, count: pattern.count)
        for j in 1...pattern.count {
          let substitute = previous[j - 1] + (pattern[j - 1] == text[position] ? 0 : 1)
          let delete = previous[j] + 1
          let insert = current[j - 1] + 1
          if substitute <= delete, substitute <= insert {
            current[j] = substitute
            currentStart[j] = j == 1 ? position : previousStart[j - 1]
          } else if delete <= insert {
            current[j] = delete
            currentStart[j] = previousStart[j]
          } else {
            current[j] = insert
            currentStart[j] = currentStart[j - 1]
          }
        }
        if best == nil || current[pattern.count] < best!.cost {
          best = (current[pattern.count], index, currentStart[pattern.count], position + 1)
        }
        previous = current
        previousStart = currentStart
      }
    }
    guard let best, best.cost < pattern.count else { return nil }
    let passage = folded[best.paragraph]
    var start = best.start
    var end = best.end
    while start > 0, passage.units[start - 1] != " " { start -= 1 }
    while end < passage.units.count, passage.units[end] != " " { end += 1 }
    let bytes = Array(paragraphs[best.paragraph].text.utf8)
    let range = passage.byteOffsets[start]..<passage.byteEnd(ofUnit: end - 1)
    return (String(decoding: bytes[range], as: UTF8.self), paragraphs[best.paragraph].number)
  }
}

/// Text as a sequence of comparison units (Unicode scalars, with quote styles unified,
/// whitespace runs folded to one space, and width and Arabic variants folded as the glossary
/// matcher folds them: `ScriptFolding`), each remembering its UTF-8 offset in the original.
/// A scalar that folds to nothing (Arabic tatweel, harakat) widens the unit before it, so an
/// anchor never cuts a letter from its marks.
struct FoldedText {
  var units: [Unicode.Scalar] = []
  var byteOffsets: [Int] = []
  var byteLengths: [Int] = []

  init(_ text: String) {
    var offset = 0
    units.reserveCapacity(text.utf8.count)
    byteOffsets.reserveCapacity(text.utf8.count)
    byteLengths.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      let length = UTF8.width(scalar)
      defer { offset += length }
      // ASCII folds to itself (a scalar at a time, no table lookups): the common case.
      guard scalar.isASCII else {
        switch ScriptFolding.fold(scalar.value) {
        case .same: append(scalar, offset: offset, length: length)
        case .dropped:
          if !byteLengths.isEmpty {
            byteLengths[byteLengths.count - 1] =
              offset + length - byteOffsets[byteOffsets.count - 1]
          }
        case .one(let a): append(Unicode.Scalar(a)!, offset: offset, length: length)
        case .two(let a, let b):
          append(Unicode.Scalar(a)!, offset: offset, length: length)
          append(Unicode.Scalar(b)!, offset: offset, length: length)
        }
        continue
      }
      append(scalar, offset: offset, length: length)
    }
  }

  /// One folded scalar of the character at `offset`, `length` bytes long.
  private mutating func append(_ piece: Unicode.Scalar, offset: Int, length: Int) {
    let unit: Unicode.Scalar
    switch piece.value {
    case 0x20, 0x09...0x0D: unit = " "
    case 0..<0x80: unit = piece
    case let v where Folding.isApostrophe(v): unit = "'"
    case let v where Folding.isDoubleQuote(v): unit = "\""
    case let v where Folding.isHyphen(v): unit = "-"
    default: unit = piece.properties.isWhitespace ? " " : piece
    }
    if unit == " ", units.last == " " {
      byteLengths[byteLengths.count - 1] = offset + length - byteOffsets[byteOffsets.count - 1]
      return
    }
    units.append(unit)
    byteOffsets.append(offset)
    // Both units of a decomposed character span all of it: an anchor covers it whole.
    byteLengths.append(length)
  }

  private init(units: [Unicode.Scalar], byteOffsets: [Int], byteLengths: [Int]) {
    self.units = units
    self.byteOffsets = byteOffsets
    self.byteLengths = byteLengths
  }

  var trimmed: FoldedText {
    var start = 0
    var end = units.count
    while start < end, units[start] == " " { start += 1 }
    while end > start, units[end - 1] == " " { end -= 1 }
    return FoldedText(
      units: Array(units[start..<end]), byteOffsets: Array(byteOffsets[start..<end]),
      byteLengths: Array(byteLengths[start..<end]))
  }

  func byteEnd(ofUnit index: Int) -> Int { byteOffsets[index] + byteLengths[index] }

  func occurrences(of needle: [Unicode.Scalar]) -> [Int] {
    guard !needle.isEmpty, needle.count <= units.count else { return [] }
    var result: [Int] = []
    let first = needle[0]
    var index = 0
    while index + needle.count <= units.count {
      if units[index] == first, units[index..<(index + needle.count)].elementsEqual(needle) {
        result.append(index)
      }
      index += 1
    }
    return result
  }
}
