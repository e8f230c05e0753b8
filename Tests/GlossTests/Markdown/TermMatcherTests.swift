import Testing

@testable import Gloss

/// The matched substrings, in order.
private func found(_ patterns: [TermPattern], in text: String) -> [String] {
  let bytes = Array(text.utf8)
  return TermMatcher(patterns: patterns).matches(in: text).map {
    String(decoding: bytes[$0.range], as: UTF8.self)
  }
}

private func found(_ terms: [String], in text: String) -> [String] {
  found(terms.enumerated().map { TermPattern(text: $1, entryID: "e\($0)") }, in: text)
}

@Suite("TermMatcher")
struct TermMatcherTests {

  // MARK: Case

  @Test func matchesCaseInsensitivelyByDefault() {
    #expect(found(["NATO"], in: "nato, Nato and NATO") == ["nato", "Nato", "NATO"])
  }

  @Test func foldsNonASCIICase() {
    #expect(found(["Économie"], in: "ÉCONOMIE et économie") == ["ÉCONOMIE", "économie"])
    #expect(found(["ελλάδα"], in: "Η ΕΛΛΆΔΑ") == ["ΕΛΛΆΔΑ"])
  }

  @Test func matchCasePatternsRequireExactCase() {
    let who = TermPattern(text: "WHO", entryID: "who", matchCase: true)
    #expect(found([who], in: "the WHO said who knows, Who") == ["WHO"])
  }

  @Test func matchCaseStillFoldsDashesApostrophesAndWhitespace() {
    let term = TermPattern(text: "One-China Putin's", entryID: "x", matchCase: true)
    #expect(found([term], in: "One–China\nPutin’s") == ["One–China\nPutin’s"])
    #expect(found([term], in: "one-china putin's") == [])
  }

  @Test func caseSensitiveAndInsensitivePatternsCoexist() {
    let patterns = [
      TermPattern(text: "Apple", entryID: "apple-inc", matchCase: true),
      TermPattern(text: "apple", entryID: "fruit"),
    ]
    let matches = TermMatcher(patterns: patterns).matches(in: "Apple sells no apple")
    #expect(matches.map(\.entryID) == ["apple-inc", "fruit"])
  }

  // MARK: Apostrophes, suffixes

  @Test func curlyAndStraightApostrophesAreEquivalent() {
    #expect(
      found(["Putin's visit"], in: "Putin’s visit, Putin's visit") == [
        "Putin’s visit", "Putin's visit",
      ])
    #expect(found(["Xi’s speech"], in: "Xi's speech") == ["Xi's speech"])
    #expect(
      found(["Xi's speech"], in: "Xiʼs speech and Xi′s speech") == ["Xiʼs speech", "Xi′s speech"])
  }

  @Test func possessiveSuffixIsPartOfTheMatch() {
    #expect(
      found(["Putin"], in: "Putin’s ties; Putin's; Putinʼs.") == ["Putin’s", "Putin's", "Putinʼs"])
  }

  @Test func pluralSuffixesArePartOfTheMatch() {
    #expect(found(["sanction"], in: "new sanctions") == ["sanctions"])
    #expect(found(["bus"], in: "two buses") == ["buses"])
    #expect(found(["state"], in: "the states' borders") == ["states'"])
    #expect(found(["Quad"], in: "the Quads met") == ["Quads"])
  }

  @Test func suffixesStillNeedAWordBoundary() {
    #expect(found(["Quad"], in: "Quadrant Quadrilateral Quadsx Quades_") == [])
    #expect(found(["Asia"], in: "Asian markets") == [])
    #expect(found(["sanction"], in: "sanctioned") == [])
  }

  @Test func bareApostropheAfterATermIsNotConsumed() {
    #expect(found(["Putin"], in: "'Putin' he said") == ["Putin"])
  }

  @Test func patternsEndingInPunctuationTakeNoSuffix() {
    #expect(found(["U.S."], in: "the U.S.s") == ["U.S."])
  }

  // MARK: Dashes and whitespace

  @Test func hyphenAndDashVariantsAreEquivalent() {
    let texts = [
      "One-China policy", "One–China policy", "One‑China policy", "One—China policy",
      "One−China policy", "One﹣China policy", "One－China policy",
    ]
    for text in texts {
      #expect(found(["One-China policy"], in: text) == [text])
    }
    #expect(found(["One–China policy"], in: "One-China policy") == ["One-China policy"])
  }

  @Test func multiWordTermsMatchAcrossAnyWhitespace() {
    let texts = [
      "Cold War", "Cold\nWar", "Cold  War", "Cold\u{00A0}War", "Cold \t\r\n War", "Cold\u{2003}War",
    ]
    for text in texts {
      #expect(found(["Cold War"], in: "the \(text) ended") == [text])
    }
  }

  @Test func patternWhitespaceIsTrimmedAndCollapsed() {
    #expect(found(["  Cold \n  War \t"], in: "Cold War") == ["Cold War"])
  }

  @Test func emptyPatternsAreIgnoredWithoutShiftingIndices() {
    let patterns = [
      TermPattern(text: "", entryID: "empty"),
      TermPattern(text: " \n ", entryID: "blank"),
      TermPattern(text: "Quad", entryID: "quad"),
    ]
    let matches = TermMatcher(patterns: patterns).matches(in: "the Quad")
    #expect(matches == [TermMatch(entryID: "quad", patternIndex: 2, range: 4..<8)])
    #expect(TermMatcher(patterns: []).matches(in: "anything").isEmpty)
    #expect(TermMatcher(patterns: patterns).matches(in: "").isEmpty)
  }

  // MARK: Word boundaries

  @Test func matchesNeedUnicodeWordBoundaries() {
    #expect(found(["Quad"], in: "Quadé éQuad SQuad Quad_x Quad1 Quad\u{0301}") == [])
    #expect(found(["Quad"], in: "«Quad» (Quad) Quad. “Quad”") == ["Quad", "Quad", "Quad", "Quad"])
  }

  @Test func patternsStartingWithPunctuationNeedOnlyTheTrailingBoundary() {
    #expect(found(["$240 billion"], in: "at $240 billion while") == ["$240 billion"])
    #expect(found(["$240 billion"], in: "US$240 billion") == ["$240 billion"])
    #expect(found(["$240 billion"], in: "$240 billionaire") == [])
  }

  @Test func matchesNeverStartOrEndInsideOneCharactersFolding() {
    // "İ" lowercases to "i" + U+0307, two scalars from one source character.
    #expect(found(["\u{0307}s"], in: "İs \u{0307}s") == ["\u{0307}s"])
    #expect(found(["i"], in: "İ i") == ["i"])
  }

  // MARK: Longest match and overlaps

  @Test func longestMatchWins() {
    #expect(found(["Cold War", "Cold War 2.0"], in: "a Cold War 2.0 era") == ["Cold War 2.0"])
    #expect(
      found(["NATO", "NATO Summit in Bucharest"], in: "the NATO Summit in Bucharest") == [
        "NATO Summit in Bucharest"
      ])
    #expect(found(["NATO Summit in Bucharest", "NATO"], in: "NATO Summit in Paris") == ["NATO"])
  }

  @Test func aLongerCandidateFailingItsBoundaryFallsBackToAShorterOne() {
    #expect(found(["Cold War", "Cold War 2.0"], in: "Cold War 2.05") == ["Cold War"])
  }

  @Test func overlapsResolveLeftmostFirst() {
    #expect(
      found(["Russian relations", "Sino-Russian"], in: "Sino-Russian relations") == ["Sino-Russian"]
    )
    #expect(
      found(["Beijing", "Moscow and Beijing"], in: "Moscow and Beijing") == ["Moscow and Beijing"])
    #expect(
      found(["Moscow", "Beijing"], in: "Beijing, Moscow, Beijing") == [
        "Beijing", "Moscow", "Beijing",
      ])
  }

  @Test func equalRangesGoToTheLowestPatternIndex() {
    let patterns = [
      TermPattern(text: "quads", entryID: "first"),
      TermPattern(text: "Quad", entryID: "second"),
      TermPattern(text: "QUADS", entryID: "third"),
    ]
    #expect(TermMatcher(patterns: patterns).matches(in: "Quads").map(\.entryID) == ["first"])
    let reversed = Array(patterns.reversed())
    #expect(TermMatcher(patterns: reversed).matches(in: "Quads").map(\.entryID) == ["third"])
  }

  // MARK: Offsets and robustness

  @Test func rangesAreUTF8ByteOffsets() {
    let text = "Économie — “Putin’s” visit 🇷🇺 to Beijing"
    let matches = TermMatcher(patterns: [
      TermPattern(text: "Putin", entryID: "putin"),
      TermPattern(text: "Beijing", entryID: "beijing"),
    ]).matches(in: text)
    let bytes = Array(text.utf8)
    let putin = Array("Putin’s".utf8)
    let putinStart = (0...(bytes.count - putin.count)).first {
      Array(bytes[$0..<($0 + putin.count)]) == putin
    }
    #expect(matches.first?.range == putinStart.map { $0..<($0 + putin.count) })
    #expect(matches.last?.range == (bytes.count - 7)..<bytes.count)
  }

  @Test func stringAndByteInputsAgree() {
    let matcher = TermMatcher(patterns: [TermPattern(text: "Cold War", entryID: "cw")])
    let text = "Ça — the Cold\u{00A0}War’s end"
    #expect(matcher.matches(in: text) == matcher.matches(in: Array(text.utf8)))
    #expect(matcher.matches(in: text).count == 1)
  }

  @Test func invalidUTF8IsANonWordCharacter() {
    let matcher = TermMatcher(patterns: [TermPattern(text: "Quad", entryID: "quad")])
    var bytes: [UInt8] = [0xFF]
    bytes += Array("Quad".utf8)
    bytes += [0xC3, 0x20]
    bytes += Array("Quad".utf8)
    bytes += [0xE2, 0x80]
    #expect(matcher.matches(in: bytes).map(\.range) == [1..<5, 7..<11])
  }

  @Test func randomBytesNeverCrashAndGiveOrderedRangesInBounds() {
    var rng = SplitMix64(seed: 7)
    let pieces: [[UInt8]] = [
      Array("quad".utf8), Array("s".utf8), [0x27], [0xE2, 0x80, 0x99], [0x20], [0xC3], [0xA9],
      [0x80],
      [0xFF], [0xF0, 0x9F], [0xED, 0xA0, 0x80], [0xE2, 0x80],
    ]
    let matcher = TermMatcher(patterns: [
      TermPattern(text: "Quad", entryID: "q"), TermPattern(text: "é", entryID: "e"),
      TermPattern(text: "’s quad", entryID: "s"),
    ])
    for _ in 0..<500 {
      var bytes: [UInt8] = []
      for _ in 0..<rng.below(30) { bytes += pieces[rng.below(pieces.count)] }
      var covered = 0
      for match in matcher.matches(in: bytes) {
        #expect(match.range.lowerBound >= covered && match.range.upperBound <= bytes.count)
        covered = match.range.upperBound
      }
    }
  }

  @Test func sharedMatcherGivesTheSameAnswersConcurrently() async {
    let matcher = TermMatcher(patterns: [
      TermPattern(text: "Putin", entryID: "p"), TermPattern(text: "Xi", entryID: "x"),
    ])
    let text = String(repeating: "Putin’s talks with Xi. ", count: 200)
    let expected = matcher.matches(in: text)
    let results = await withTaskGroup(of: [TermMatch].self) { group in
      for _ in 0..<8 { group.addTask { matcher.matches(in: text) } }
      var all: [[TermMatch]] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(expected.count == 400)
    #expect(results.allSatisfy { $0 == expected })
  }

  // MARK: Agreement with a brute-force reference

  /// Single characters over a small alphabet: dense overlaps, duplicates, case and
  /// folding corner cases.
  static let characters = [
    "a", "b", "A", "B", "é", "É", "s", "S", "e", "q", "Q", "'", "’", "ʼ", "-", "–", "‑", " ", "_",
    "1",
    "$", "ß", "İ", "i", "\u{0301}", "\u{0307}", "北", "约", "ก", "\u{0E34}",
  ]
  static let characterText = [
    "\n", "  ", "\u{00A0}", "\t", " ", " ", " ", "«", "»", ".", "Σ", "σ", "🇷🇺", "es ", "'s ", "s' ",
  ]
  /// Syllables: long shared prefixes, multi-word terms and repeated fragments, which
  /// exercise deep automaton states and their failure transitions.
  static let syllables = [
    "qu", "ad", "a", "ra", "s", "es", "ta", "tan", " ", " ", "-", "’s", "北约", "组织", "กิ",
  ]
  static let syllableText = [" ", " ", ", ", ". ", "\n", "Qu", "AD", "x"]

  @Test(arguments: [
    (UInt64(1), 10_000, 6, 1_500, false), (2, 10_000, 6, 1_500, false), (3, 300, 4, 3_000, false),
    (4, 20, 3, 3_000, false), (5, 3, 2, 3_000, false), (6, 10_000, 7, 3_000, true),
    (7, 200, 5, 3_000, true),
  ])
  func agreesWithBruteForceReference(
    seed: UInt64, patternCount: Int, maxPatternLength: Int, textLength: Int, useSyllables: Bool
  ) {
    var rng = SplitMix64(seed: seed)
    let patternAlphabet = useSyllables ? Self.syllables : Self.characters
    let textAlphabet =
      patternAlphabet + patternAlphabet + (useSyllables ? Self.syllableText : Self.characterText)
    var patterns: [TermPattern] = []
    for k in 0..<patternCount {
      var text = ""
      for _ in 0..<(1 + rng.below(maxPatternLength)) {
        text += patternAlphabet[rng.below(patternAlphabet.count)]
      }
      patterns.append(TermPattern(text: text, entryID: "e\(k % 97)", matchCase: rng.below(4) == 0))
    }
    var text = ""
    for _ in 0..<textLength { text += textAlphabet[rng.below(textAlphabet.count)] }

    let actual = TermMatcher(patterns: patterns).matches(in: text)
    let expected = ReferenceMatcher(patterns: patterns).matches(in: text)
    #expect(actual == expected)
    #expect(expected.count > 10)
  }
}

// MARK: - Test support

/// Deterministic generator so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The matching rules written as plainly as possible over Unicode scalars: try every
/// pattern at every position, then pick leftmost-longest. Shares no code with the matcher.
struct ReferenceMatcher {
  struct Compiled {
    var index: Int
    var entryID: String
    var lower: [Unicode.Scalar]
    var exact: [Unicode.Scalar]
    var matchCase: Bool
  }
  struct Folded {
    var scalar: Unicode.Scalar
    var source: Int  // index into the text's scalars
    var isFirst: Bool  // first folded scalar of its source scalar
  }

  let patterns: [Compiled]

  init(patterns: [TermPattern]) {
    self.patterns = patterns.enumerated().compactMap { index, pattern in
      let scalars = Array(pattern.text.unicodeScalars)
      let lower = Self.trim(Self.fold(scalars, caseless: true).map(\.scalar))
      let exact = Self.trim(Self.fold(scalars, caseless: false).map(\.scalar))
      guard !lower.isEmpty else { return nil }
      return Compiled(
        index: index, entryID: pattern.entryID, lower: lower, exact: exact,
        matchCase: pattern.matchCase)
    }
  }

  static func isApostrophe(_ s: Unicode.Scalar) -> Bool { "'’‘ʼ′".unicodeScalars.contains(s) }
  static func isDash(_ s: Unicode.Scalar) -> Bool {
    "-\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}\u{FE58}\u{FE63}\u{FF0D}"
      .unicodeScalars.contains(s)
  }
  static func isWord(_ s: Unicode.Scalar?) -> Bool {
    guard let s, !isApostrophe(s), !isDash(s) else { return false }
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
      return true
    default: return false
    }
  }

  /// Han and Thai are the scripts written without spaces in the test alphabets.
  static func isUnspaced(_ s: Unicode.Scalar?) -> Bool {
    guard let s, isWord(s) else { return false }
    return (0x4E00...0x9FFF).contains(s.value) || (0x0E00...0x0E7F).contains(s.value)
  }
  static func isSpacedWord(_ s: Unicode.Scalar?) -> Bool { isWord(s) && !isUnspaced(s) }
  static func joins(_ a: Unicode.Scalar?, _ b: Unicode.Scalar?) -> Bool {
    guard let a, let b else { return false }
    return (String(a) + String(b)).count == 1
  }

  static func fold(_ scalars: [Unicode.Scalar], caseless: Bool) -> [Folded] {
    var out: [Folded] = []
    for (i, s) in scalars.enumerated() {
      if s.properties.isWhitespace {
        if i == 0 || !scalars[i - 1].properties.isWhitespace {
          out.append(Folded(scalar: " ", source: i, isFirst: true))
        }
      } else if isApostrophe(s) {
        out.append(Folded(scalar: "'", source: i, isFirst: true))
      } else if isDash(s) {
        out.append(Folded(scalar: "-", source: i, isFirst: true))
      } else {
        let mapped = caseless ? Array(s.properties.lowercaseMapping.unicodeScalars) : [s]
        for (k, m) in mapped.enumerated() {
          out.append(Folded(scalar: m, source: i, isFirst: k == 0))
        }
      }
    }
    return out
  }

  static func trim(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    Array(s.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }

  func matches(in text: String) -> [TermMatch] {
    let scalars = Array(text.unicodeScalars)
    var offsets = [0]
    for s in scalars { offsets.append(offsets[offsets.count - 1] + String(s).utf8.count) }
    let folded = Self.fold(scalars, caseless: true)
    func scalar(_ i: Int) -> Unicode.Scalar? { scalars.indices.contains(i) ? scalars[i] : nil }
    func isS(_ i: Int) -> Bool { scalar(i) == "s" || scalar(i) == "S" }
    func isE(_ i: Int) -> Bool { scalar(i) == "e" || scalar(i) == "E" }
    func isApostrophe(_ i: Int) -> Bool { scalar(i).map(Self.isApostrophe) ?? false }

    var candidates: [(start: Int, end: Int, index: Int, entryID: String)] = []
    let byFirstScalar = Dictionary(grouping: patterns, by: { $0.lower[0] })
    for p in folded.indices where folded[p].isFirst {
      for pattern in byFirstScalar[folded[p].scalar] ?? [] {
        let q = p + pattern.lower.count
        guard q <= folded.count,
          pattern.lower.indices.allSatisfy({ folded[p + $0].scalar == pattern.lower[$0] })
        else { continue }
        guard q == folded.count || folded[q].isFirst else { continue }
        let first = folded[p].source
        let next = folded[q - 1].source + 1  // source scalar after the match
        if pattern.matchCase {
          guard
            Self.fold(Array(scalars[first..<next]), caseless: false).map(\.scalar) == pattern.exact
          else { continue }
        }
        // Spaced-script edges need a boundary against spaced-script letters only; edges in
        // a script without spaces need none but may not cut a character.
        if Self.isSpacedWord(pattern.exact.first) && Self.isSpacedWord(scalar(first - 1)) {
          continue
        }
        if Self.isUnspaced(pattern.exact.first) && Self.joins(scalar(first - 1), scalar(first)) {
          continue
        }
        var ends: [Int] = []  // candidate end scalar indices
        if Self.isSpacedWord(pattern.exact.last) {
          let bounded = { (i: Int) in !Self.isSpacedWord(scalar(i)) }
          if isApostrophe(next) && isS(next + 1) && bounded(next + 2) {
            ends.append(next + 2)
          }
          if isS(next) && isApostrophe(next + 1) { ends.append(next + 2) }
          if isS(next) && bounded(next + 1) { ends.append(next + 1) }
          if isE(next) && isS(next + 1) && bounded(next + 2) { ends.append(next + 2) }
          if bounded(next) { ends.append(next) }
        } else if Self.isUnspaced(pattern.exact.last) {
          if !Self.joins(scalar(next - 1), scalar(next)) { ends.append(next) }
        } else {
          ends.append(next)
        }
        guard let end = ends.max(by: { offsets[$0] < offsets[$1] }) else { continue }
        candidates.append((offsets[first], offsets[end], pattern.index, pattern.entryID))
      }
    }
    candidates.sort { ($0.start, -$0.end, $0.index) < ($1.start, -$1.end, $1.index) }
    var result: [TermMatch] = []
    var covered = 0
    for c in candidates where c.start >= covered {
      result.append(TermMatch(entryID: c.entryID, patternIndex: c.index, range: c.start..<c.end))
      covered = c.end
    }
    return result
  }
}
