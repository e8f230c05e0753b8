/// One glossary term or alias to look for in article text.
public struct TermPattern: Sendable, Hashable {
  /// The term or alias, e.g. "One-China policy".
  public var text: String
  /// The glossary entry the term belongs to, e.g. "one-china-policy".
  public var entryID: String
  /// When true the text must match with exact case (dash, apostrophe and whitespace
  /// variants are still folded).
  public var matchCase: Bool

  public init(text: String, entryID: String, matchCase: Bool = false) {
    self.text = text
    self.entryID = entryID
    self.matchCase = matchCase
  }
}

/// A term occurrence found in text.
public struct TermMatch: Sendable, Hashable {
  public var entryID: String
  /// Index into the pattern array the matcher was built from.
  public var patternIndex: Int
  /// UTF-8 byte offsets into the input, covering the matched text including any
  /// possessive or plural suffix.
  public var range: Range<Int>

  public init(entryID: String, patternIndex: Int, range: Range<Int>) {
    self.entryID = entryID
    self.patternIndex = patternIndex
    self.range = range
  }
}

/// Finds glossary terms in text in one pass, in time linear in the text and independent
/// of the number of patterns.
///
/// Text and patterns are folded alike (case unless `matchCase`, apostrophe and dash
/// variants, whitespace runs, width and Arabic variants: `ScriptFolding`). Boundaries follow
/// each character's script (`Scripts`): an edge of a term in a spaced script must sit on a
/// word boundary, where letters of scripts written without spaces count as boundaries; a
/// term may absorb a suffix ('s, s, es, s') or be followed by Korean particles; an edge in a
/// script written without spaces (Han, kana, Thai…) needs no boundary. Overlapping
/// candidates are resolved leftmost-longest, with the lowest pattern index breaking exact
/// ties, so a shorter term never matches inside a longer one's match. The matcher is
/// immutable once built and safe to use from several threads at once.
public final class TermMatcher: Sendable {
  private let entryIDs: [String]
  private let automaton: TermAutomaton

  public init(patterns: [TermPattern]) {
    self.entryIDs = patterns.map(\.entryID)
    self.automaton = TermAutomaton(patterns: patterns)
  }

  /// Matches in raw UTF-8 bytes (invalid sequences are tolerated and never match).
  public func matches(in utf8: [UInt8]) -> [TermMatch] {
    utf8.withUnsafeBufferPointer { matches(in: $0) }
  }

  /// Matches in a string; ranges are offsets into `text.utf8`.
  public func matches(in text: String) -> [TermMatch] {
    if let found = text.utf8.withContiguousStorageIfAvailable({ matches(in: $0) }) {
      return found
    }
    return matches(in: Array(text.utf8))
  }

  func matches(in source: UnsafeBufferPointer<UInt8>) -> [TermMatch] {
    let a = automaton
    guard !a.isEmpty, source.count > 0 else { return [] }
    // The ring remembers the source offset of the last few folded bytes so a match's
    // start can be mapped back; -1 marks a folded byte that is not the first of its
    // character's fold (a match may not start there).
    var ringSize = 1
    while ringSize <= a.maxFoldedLength { ringSize <<= 1 }
    var ring = [Int](repeating: 0, count: ringSize)
    var selection = Selection(maxFoldedLength: a.maxFoldedLength)
    ring.withUnsafeMutableBufferPointer { ringBuffer in
      a.table.withUnsafeBufferPointer { table in
        a.asciiInfo.withUnsafeBufferPointer { asciiInfo in
          a.byteClass.withUnsafeBufferPointer { byteClass in
            guard let ring = ringBuffer.baseAddress, let table = table.baseAddress,
              let asciiInfo = asciiInfo.baseAddress, let byteClass = byteClass.baseAddress
            else { return }
            let scanner = Scanner(
              table: table, asciiInfo: asciiInfo, byteClass: byteClass, ring: ring,
              mask: ringSize - 1, spaceClass: Int(a.spaceClass),
              wordStartClass: Int(a.wordStartClass))
            scanner.run(
              src: source, initialState: a.initialState, outputThreshold: a.outputThreshold
            ) {
              state, foldedEnd, sourceEnd in
              collect(
                state: state, foldedEnd: foldedEnd, sourceEnd: sourceEnd, ring: ring,
                mask: ringSize - 1, src: source, into: &selection)
            }
          }
        }
      }
    }
    selection.finish()
    return selection.chosen.map {
      TermMatch(
        entryID: entryIDs[$0.patternIndex], patternIndex: $0.patternIndex, range: $0.start..<$0.end)
    }
  }

  struct Candidate {
    var start: Int
    var end: Int
    var patternIndex: Int
    /// Position of the match's first byte in the folded text.
    var foldedStart: Int

    /// Leftmost, then longest, then lowest pattern index.
    func isBetter(than other: Candidate) -> Bool {
      if start != other.start { return start < other.start }
      if end != other.end { return end > other.end }
      return patternIndex < other.patternIndex
    }
  }

  /// Leftmost-longest selection done while scanning, so dense texts never pile up
  /// candidates. A candidate is settled once the scan is far enough past it that no later
  /// candidate can start at or before it: later candidates start at most
  /// `maxFoldedLength` folded bytes before the scan position, and folded positions are
  /// ordered like source offsets.
  struct Selection {
    let maxFoldedLength: Int
    var pending: [Candidate] = []
    var chosen: [Candidate] = []
    var covered = 0

    init(maxFoldedLength: Int) {
      self.maxFoldedLength = maxFoldedLength
    }

    mutating func add(_ candidate: Candidate) {
      if candidate.start >= covered { pending.append(candidate) }
    }

    /// Settles what can be settled with the scan at folded position `foldedEnd`.
    mutating func settle(before foldedEnd: Int) {
      while !pending.isEmpty {
        var best = pending[0]
        for candidate in pending.dropFirst() where candidate.isBetter(than: best) {
          best = candidate
        }
        guard best.foldedStart < foldedEnd - maxFoldedLength else { return }
        chosen.append(best)
        covered = best.end
        pending.removeAll { $0.start < covered }
      }
    }

    mutating func finish() {
      settle(before: Int.max)
    }
  }

  /// Turns the automaton's outputs at one position into candidates that pass the
  /// boundary, case and suffix rules. Kept out of line so the scan loop stays small.
  @inline(never)
  private func collect(
    state: Int, foldedEnd: Int, sourceEnd: Int, ring: UnsafeMutablePointer<Int>, mask: Int,
    src: UnsafeBufferPointer<UInt8>, into selection: inout Selection
  ) {
    let a = automaton
    var node = (state &>> TermAutomaton.recordShift) - a.firstOutputRecord
    while node >= 0 {
      let items = Int(a.outputStart[node])..<Int(a.outputStart[node + 1])
      if !items.isEmpty {
        let foldedStart = foldedEnd - a.outputLength[node]
        let flags = a.outputFlags[node]
        let start = ring[foldedStart & mask]
        if start >= 0, Self.startIsAllowed(src, start: start, flags: flags),
          let end = Self.matchEnd(src, baseEnd: sourceEnd, flags: flags)
        {
          // Items are in pattern order; the first that passes its case check wins.
          for item in items {
            let id = Int(a.outputItems[item])
            if a.patternMatchCase[id]
              && TextFolding.fold(src, range: start..<sourceEnd, caseInsensitive: false)
                != a.exactFolds[id]
            {
              continue
            }
            selection.add(
              Candidate(
                start: start, end: end, patternIndex: a.patternIndex[id], foldedStart: foldedStart))
            break
          }
        }
      }
      node = a.dictionaryLink[node]
    }
    selection.settle(before: foldedEnd)
  }

  /// Whether a match may start at `start`: after a character that is not a word character
  /// of a spaced script when the term starts with one (so "NATO" matches in "在NATO的" but not
  /// in "ANATO"); never inside a user-perceived character when it starts with a character of
  /// a script written without spaces.
  static func startIsAllowed(_ src: UnsafeBufferPointer<UInt8>, start: Int, flags: UInt8) -> Bool {
    if flags & (TermAutomaton.startsWithWordFlag | TermAutomaton.startsUnspacedFlag) == 0 {
      return true
    }
    guard let previous = TextFolding.scalar(src, endingAt: start) else { return true }
    if flags & TermAutomaton.startsWithWordFlag != 0 {
      return !TextFolding.isSpacedWord(previous)
    }
    guard let first = TextFolding.scalar(src, startingAt: start) else { return true }
    return !Scripts.joins(previous, first)
  }

  /// Where a match ending at `baseEnd` really ends. Arabic tatweel and diacritics and
  /// variation selectors right after it belong to it (they fold to nothing). A term ending
  /// in a word character of a spaced script ends after the longest suffix ('s, s', es, s)
  /// that leaves it on a boundary, else at the term if that is a boundary, else (Hangul) at
  /// the term if Korean particles and then a boundary follow. Suffixes only follow patterns
  /// ending in a word character ("U.S." takes none). A term ending in a character of a
  /// script written without spaces needs no boundary, only not to cut a user-perceived
  /// character.
  static func matchEnd(_ src: UnsafeBufferPointer<UInt8>, baseEnd: Int, flags: UInt8) -> Int? {
    var e = baseEnd
    while let v = TextFolding.scalar(src, startingAt: e), ScriptFolding.isDropped(v) {
      e += v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
    }
    guard flags & TermAutomaton.endsWithWordFlag != 0 else {
      if flags & TermAutomaton.endsUnspacedFlag != 0,
        let last = TextFolding.scalar(src, endingAt: e),
        let next = TextFolding.scalar(src, startingAt: e), Scripts.joins(last, next)
      {
        return nil
      }
      return e
    }
    @inline(__always) func isByte(_ j: Int, _ lower: UInt8) -> Bool {
      j < src.count && (src[j] | 0x20) == lower
    }
    func apostropheLength(_ j: Int) -> Int {
      guard let v = TextFolding.scalar(src, startingAt: j) else { return 0 }
      if v == 0x27 { return 1 }
      return Folding.isApostrophe(v) ? (v < 0x800 ? 2 : 3) : 0
    }
    func boundaryAfterWord(_ j: Int) -> Bool {
      guard let next = TextFolding.scalar(src, startingAt: j) else { return true }
      return !TextFolding.isSpacedWord(next)
    }
    let s: UInt8 = 0x73
    let ap = apostropheLength(e)
    if ap > 0 {
      if isByte(e + ap, s), boundaryAfterWord(e + ap + 1) { return e + ap + 1 }
    } else if isByte(e, s) {
      let ap2 = apostropheLength(e + 1)
      // s' ends in a non-word character, so it is always on a boundary.
      if ap2 > 0 { return e + 1 + ap2 }
      if boundaryAfterWord(e + 1) { return e + 1 }
    } else if isByte(e, 0x65), isByte(e + 1, s), boundaryAfterWord(e + 2) {
      return e + 2
    }
    if boundaryAfterWord(e) { return e }
    if flags & TermAutomaton.endsWithHangulFlag != 0, koreanParticlesFollow(src, at: e) {
      return e
    }
    return nil
  }

  /// Whether the Hangul word part from `e` to the next boundary is a chain of Korean
  /// particles fitting the syllable before `e`. Reads at most a few syllables.
  static func koreanParticlesFollow(_ src: UnsafeBufferPointer<UInt8>, at e: Int) -> Bool {
    guard let last = TextFolding.scalar(src, endingAt: e) else { return false }
    let limit = KoreanParticles.longest * KoreanParticles.maximumChain
    var syllables: [UInt32] = []
    var j = e
    while let v = TextFolding.scalar(src, startingAt: j), TextFolding.isSpacedWord(v) {
      guard Scripts.isHangulSyllable(v), syllables.count < limit else { return false }
      syllables.append(v)
      j += 3
    }
    return KoreanParticles.isParticleChain(syllables, after: last)
  }
}
