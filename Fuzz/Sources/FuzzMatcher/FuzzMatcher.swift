import FuzzSupport

@testable import Gloss

/// The term matcher on fuzzed spellings and text: matches are in bounds, ordered, disjoint, on
/// character boundaries, the same through both entry points, and each one starts with the
/// spelling it claims (after the documented folding).
@main
enum Main {
  static func main() { runFuzzer(fuzzMatcher) }
}

/// libFuzzer's own main, where the toolchain links it in, calls this.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  fuzzMatcher(data, size)
}

func fuzzMatcher(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let (spellings, text) = patternsAndText(string(data, size))
  guard !spellings.isEmpty else { return 0 }
  let patterns = spellings.enumerated().map { index, spelling in
    TermPattern(text: spelling.text, entryID: "e\(index)", matchCase: spelling.matchCase)
  }
  let matcher = TermMatcher(patterns: patterns)
  let bytes = Array(text.utf8)
  let matches = matcher.matches(in: text)
  require(matches == matcher.matches(in: bytes), "String and byte entry points disagree")
  var covered = 0
  for match in matches {
    require(match.range.lowerBound >= covered, "overlapping or unordered matches \(matches)")
    require(
      match.range.upperBound <= bytes.count && !match.range.isEmpty, "range out of bounds \(match)")
    require(
      match.patternIndex < patterns.count && patterns[match.patternIndex].entryID == match.entryID,
      "wrong id")
    for edge in [match.range.lowerBound, match.range.upperBound] where edge < bytes.count {
      require(bytes[edge] & 0xC0 != 0x80, "match edge inside a character: \(match)")
    }
    covered = match.range.upperBound
    let found = String(decoding: bytes[match.range], as: UTF8.self)
    let pattern = patterns[match.patternIndex]
    let foldedFound = fold(found, caseSensitive: pattern.matchCase)
    // Spaces at a spelling's ends are not part of it (the matcher trims them after folding,
    // so a space next to a dropped Arabic mark counts as an end too).
    let foldedPattern = trimmingSpaces(fold(pattern.text, caseSensitive: pattern.matchCase))
    require(
      foldedFound.hasPrefix(foldedPattern),
      "\(found.debugDescription) matched as \(pattern.text.debugDescription) (\(foldedFound.debugDescription) vs \(foldedPattern.debugDescription))"
    )
  }
  return 0
}

/// The folding TermMatcher documents: case (unless case-sensitive), apostrophe and dash
/// variants, whitespace runs, and the script folds (full-width and half-width forms, kana,
/// Arabic tatweel, harakat and letter variants, variation selectors), each scalar as
/// `TextFolding` folds it for the matcher.
func fold(_ text: String, caseSensitive: Bool) -> [Unicode.Scalar] {
  var out: [Unicode.Scalar] = []
  var lastSpace = false
  func append(_ scalar: Unicode.Scalar) {
    lastSpace = false
    out.append(scalar)
  }
  for scalar in text.unicodeScalars {
    let v = scalar.value
    if TextFolding.isWhitespace(v) {
      if !lastSpace { out.append(" ") }
      lastSpace = true
      continue
    }
    if v < 0x80 {
      append(caseSensitive ? scalar : Unicode.Scalar(TextFolding.asciiLower[Int(v)]))
      continue
    }
    switch TextFolding.fold(nonASCII: v, caseInsensitive: !caseSensitive) {
    case .apostrophe: append("'")
    case .hyphen: append("-")
    case .whitespace:
      if !lastSpace { out.append(" ") }
      lastSpace = true
    case .dropped: continue
    case .verbatim: append(scalar)
    case .ascii(let byte): append(Unicode.Scalar(byte))
    case .mapped(let text): text.unicodeScalars.forEach(append)
    }
  }
  return out
}

func trimmingSpaces(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
  var slice = scalars[...]
  while slice.first == " " { slice.removeFirst() }
  while slice.last == " " { slice.removeLast() }
  return Array(slice)
}

extension Array where Element == Unicode.Scalar {
  func hasPrefix(_ prefix: [Unicode.Scalar]) -> Bool {
    count >= prefix.count && Array(self[..<prefix.count]) == prefix
  }
}
