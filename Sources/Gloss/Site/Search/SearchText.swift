import Foundation

/// How search sees text: folded (case, Latin accents, Arabic tatweel, harakat and letter
/// variants ignored) and cut into the words the index keys its postings by. Chinese and
/// Japanese have no spaces between words, so their runs are cut into overlapping character
/// pairs (bigrams): a word of two or more characters is then found inside running text.
///
/// gloss.js folds and cuts queries the same way (`foldWord`, `searchTerms`); the two must agree
/// character for character, or a query misses what the index holds.
enum SearchText {
  /// Lowercased, decomposed, stripped of the marks search ignores, recomposed.
  static func fold(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
      if let folded = folded(scalar) { scalars.append(folded) }
    }
    return String(scalars).precomposedStringWithCanonicalMapping
  }

  /// One decomposed scalar as search sees it; nil for a mark search ignores.
  private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
    switch scalar.value {
    case 0x0300...0x036F: nil  // combining accents (Latin, Greek, Cyrillic)
    case 0x0640: nil  // tatweel, the Arabic stretching stroke
    case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED: nil  // harakat and Quranic marks
    case 0x0622, 0x0623, 0x0625, 0x0671: "\u{0627}"  // alef with madda or hamza, wasla: alef
    case 0x0649, 0x06CC: "\u{064A}"  // alef maksura, Farsi yeh: yeh
    case 0x06A9: "\u{0643}"  // keheh: kaf
    case 0x0629: "\u{0647}"  // teh marbuta: heh
    default: scalar
    }
  }

  /// The index terms of a text: its folded words, with each Chinese or Japanese run given as
  /// its bigrams (a lone character as itself), in text order, repeats kept.
  ///
  /// Words are cut first and only a word with a character beyond ASCII is folded and cut the
  /// general way: an English paragraph with one curly quote is otherwise normalized whole,
  /// which made the index the largest cost of a build.
  static func terms(_ text: String) -> [String] {
    var terms: [String] = []
    var ascii: [UInt8] = []
    var other = String.UnicodeScalarView()
    var isASCII = true
    func flush() {
      if isASCII {
        if !ascii.isEmpty { terms.append(String(decoding: ascii, as: UTF8.self)) }
      } else {
        for word in words(fold(String(other))) { appendTerms(of: word, to: &terms) }
        other = String.UnicodeScalarView()
        isASCII = true
      }
      ascii.removeAll(keepingCapacity: true)
    }
    for scalar in text.unicodeScalars {
      if scalar.isASCII {
        let byte = UInt8(scalar.value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          if isASCII { ascii.append(byte) } else { other.append(scalar) }
        case UInt8(ascii: "A")...UInt8(ascii: "Z"):
          if isASCII { ascii.append(byte + 32) } else { other.append(scalar) }
        default:
          flush()
        }
      } else if isWordScalar(scalar) {
        if isASCII {
          other.append(contentsOf: ascii.map { Unicode.Scalar($0) })
          isASCII = false
        }
        other.append(scalar)
      } else {
        flush()
      }
    }
    flush()
    return terms
  }

  /// Runs of letters, digits and marks in folded text.
  static func words(_ folded: String) -> [Substring.UnicodeScalarView] {
    var words: [Substring.UnicodeScalarView] = []
    let scalars = folded.unicodeScalars
    var start: String.UnicodeScalarView.Index?
    var index = scalars.startIndex
    while index != scalars.endIndex {
      if isWordScalar(scalars[index]) {
        if start == nil { start = index }
      } else if let begun = start {
        words.append(Substring.UnicodeScalarView(scalars[begun..<index]))
        start = nil
      }
      index = scalars.index(after: index)
    }
    if let begun = start { words.append(Substring.UnicodeScalarView(scalars[begun...])) }
    return words
  }

  /// A word split where it changes between CJK and other scripts; CJK parts as bigrams.
  private static func appendTerms(of word: Substring.UnicodeScalarView, to terms: inout [String]) {
    var run: [Unicode.Scalar] = []
    var runIsCJK = false
    func flush() {
      guard !run.isEmpty else { return }
      if runIsCJK && run.count > 1 {
        for index in 0..<(run.count - 1) {
          var pair = String.UnicodeScalarView()
          pair.append(run[index])
          pair.append(run[index + 1])
          terms.append(String(pair))
        }
      } else {
        terms.append(String(String.UnicodeScalarView(run)))
      }
      run.removeAll(keepingCapacity: true)
    }
    for scalar in word {
      let cjk = isCJK(scalar)
      // A mark belongs to the run it follows (kana voicing marks, for instance).
      if !run.isEmpty, cjk != runIsCJK, !isMark(scalar) { flush() }
      if run.isEmpty { runIsCJK = cjk }
      run.append(scalar)
    }
    flush()
  }

  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
      true
    default: false
    }
  }

  private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: true
    default: false
    }
  }

  /// Han ideographs, kana and the marks written with them: scripts without word spaces.
  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3040...0x30FF, 0x31F0...0x31FF,
      0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
      true
    default: false
    }
  }

  /// FNV-1a of the UTF-8 bytes: which shard holds a term (gloss.js computes the same).
  static func hash<S: Sequence>(utf8 bytes: S) -> UInt32 where S.Element == UInt8 {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes {
      hash ^= UInt32(byte)
      hash = hash &* 16_777_619
    }
    return hash
  }

  /// The term's shard among `count` (a power of two).
  static func termShard(_ term: String, count: Int) -> Int {
    Int(hash(utf8: term.utf8) & UInt32(count - 1))
  }

  /// The shard of the word list that holds every term starting with the term's first two
  /// characters: what a prefix query reads.
  static func wordShard(_ term: String, count: Int) -> Int {
    let start = String(String.UnicodeScalarView(term.unicodeScalars.prefix(2)))
    return Int(hash(utf8: start.utf8) & UInt32(count - 1))
  }
}
