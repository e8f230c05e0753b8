// Text folding shared by the term matcher's pattern compiler, its scanner and its
// exact-case verifier. All three must agree byte for byte, so every folding decision
// lives here.

/// How one non-ASCII scalar contributes to the folded text.
enum ScalarFold {
  case apostrophe
  case hyphen
  case whitespace
  /// Folds to nothing (Arabic tatweel and diacritics): the matcher reads through it.
  case dropped
  /// The scalar's own UTF-8 bytes are copied unchanged.
  case verbatim
  /// One ASCII byte (full-width forms), already lowercased when folding case.
  case ascii(UInt8)
  /// Replaced by other scalars: a lowercase mapping, a width or script fold (see
  /// `ScriptFolding`), or both.
  case mapped(String)
}

enum TextFolding {
  static let apostrophe: UInt8 = 0x27
  static let hyphen: UInt8 = 0x2D
  static let space: UInt8 = 0x20
  /// Stands in for an invalid byte in folded text. 0xFF never occurs in valid UTF-8,
  /// so no pattern can contain it and nothing can match across a bad byte.
  static let invalidMarker: UInt8 = 0xFF
  /// Inserted into folded text before every word character that follows a non-word
  /// character (or starts the text). Patterns get it too, so a pattern beginning with a
  /// word character can only match at a word start, and the automaton stops tracking
  /// mid-word prefixes: fewer live states, fewer cache misses. 0xFE never occurs in UTF-8.
  static let wordStart: UInt8 = 0xFE
  /// Returned by `decode` for a malformed sequence (always consumes one byte).
  static let invalidScalar: UInt32 = 0xFFFF_FFFF

  /// ASCII lowercasing table, indexed by byte (< 0x80).
  static let asciiLower: [UInt8] = (0..<128).map { b in
    (0x41...0x5A).contains(b) ? UInt8(b + 0x20) : UInt8(b)
  }

  @inline(__always)
  static func isASCIIWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
  }

  @inline(__always)
  static func isASCIIWord(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
  }

  /// Strict UTF-8 decoding (no overlongs, surrogates or values above U+10FFFF), so that
  /// anything malformed is reported as a single invalid byte rather than misread.
  @inline(__always)
  static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
    let n = p.count
    let b0 = p[i]
    if b0 < 0x80 { return (UInt32(b0), 1) }
    @inline(__always) func cont(_ j: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> UInt32? {
      guard j < n else { return nil }
      let b = p[j]
      return (b >= lo && b <= hi) ? UInt32(b & 0x3F) : nil
    }
    switch b0 {
    case 0xC2...0xDF:
      if let c1 = cont(i + 1) { return ((UInt32(b0 & 0x1F) << 6) | c1, 2) }
    case 0xE0...0xEF:
      let lo: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
      let hi: UInt8 = b0 == 0xED ? 0x9F : 0xBF
      if let c1 = cont(i + 1, lo, hi), let c2 = cont(i + 2) {
        return ((UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2, 3)
      }
    case 0xF0...0xF4:
      let lo: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
      let hi: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
      if let c1 = cont(i + 1, lo, hi), let c2 = cont(i + 2), let c3 = cont(i + 3) {
        return ((UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4)
      }
    default:
      break
    }
    return (invalidScalar, 1)
  }

  /// The scalar that ends exactly at `offset`, or nil at the start of the text or after
  /// a malformed sequence (which counts as a non-word character).
  static func scalar(_ p: UnsafeBufferPointer<UInt8>, endingAt offset: Int) -> UInt32? {
    guard offset > 0 else { return nil }
    var j = offset - 1
    var steps = 0
    while j > 0 && steps < 3 && p[j] & 0xC0 == 0x80 {
      j -= 1
      steps += 1
    }
    let (value, length) = decode(p, at: j)
    guard value != invalidScalar, j + length == offset else { return nil }
    return value
  }

  /// The scalar that starts at `offset`, or nil at the end of the text or on a malformed sequence.
  @inline(__always)
  static func scalar(_ p: UnsafeBufferPointer<UInt8>, startingAt offset: Int) -> UInt32? {
    guard offset < p.count else { return nil }
    let (value, _) = decode(p, at: offset)
    return value == invalidScalar ? nil : value
  }

  static func isWhitespace(_ v: UInt32) -> Bool {
    v < 0x80 ? isASCIIWhitespace(UInt8(v)) : Folding.isNonASCIIWhitespace(v)
  }

  /// Folding of a valid non-ASCII scalar.
  @inline(__always)
  static func fold(nonASCII v: UInt32, caseInsensitive: Bool) -> ScalarFold {
    if Folding.isApostrophe(v) { return .apostrophe }
    if Folding.isHyphen(v) { return .hyphen }
    if Folding.isNonASCIIWhitespace(v) { return .whitespace }
    switch ScriptFolding.fold(v) {
    case .same:
      break
    case .dropped:
      return .dropped
    case .one(let a) where a < 0x80:
      let b = UInt8(a)
      if b == apostrophe { return .apostrophe }
      return .ascii(caseInsensitive ? asciiLower[Int(b)] : b)
    case .one(let a):
      return .mapped(String(Unicode.Scalar(a)!))
    case .two(let a, let b):
      var text = ""
      text.unicodeScalars.append(Unicode.Scalar(a)!)
      text.unicodeScalars.append(Unicode.Scalar(b)!)
      return .mapped(text)
    }
    // Han, kana, Hangul, Thai, Lao, Myanmar and Khmer have no case: skip the property lookup
    // on their hot path.
    switch v {
    case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x2E80...0x9FFF, 0xAC00...0xD7A3:
      return .verbatim
    default:
      break
    }
    if caseInsensitive, let scalar = Unicode.Scalar(v), scalar.properties.changesWhenLowercased {
      return .mapped(scalar.properties.lowercaseMapping)
    }
    return .verbatim
  }

  /// Whether `v` is a letter etc. of a script written with spaces: the characters a term
  /// that starts or ends with such a letter needs a boundary against.
  @inline(__always)
  static func isSpacedWord(_ v: UInt32) -> Bool {
    Scripts.wordKind(v) == .spaced
  }

  /// Word characters for boundary purposes: letters, marks, decimal digits and connector
  /// punctuation. Apostrophe and dash variants are judged after folding, so ʼ (a modifier
  /// letter) is not a word character, just like '.
  static func isWord(_ v: UInt32) -> Bool {
    if v < 0x80 { return isASCIIWord(UInt8(v)) }
    if Folding.isApostrophe(v) || Folding.isHyphen(v) { return false }
    guard let scalar = Unicode.Scalar(v) else { return false }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation:
      return true
    default:
      return false
    }
  }

  /// Folds `p[range]` into bytes: whitespace runs become one space, apostrophe and dash
  /// variants become ASCII, width and script variants their one form (`ScriptFolding`),
  /// malformed bytes become `invalidMarker`, letters are lowercased when `caseInsensitive`,
  /// and `wordStart` precedes each word of a spaced script (the range is taken to follow a
  /// non-word character). Used for patterns and for exact-case checks; the scanner inlines
  /// the same rules.
  static func fold(
    _ p: UnsafeBufferPointer<UInt8>, range: Range<Int>, caseInsensitive: Bool
  ) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(range.count + 8)
    var lastSpace = false
    var previousIsWord = false
    var i = range.lowerBound
    @inline(__always) func word(_ isWord: Bool) {
      if isWord && !previousIsWord { out.append(wordStart) }
      previousIsWord = isWord
    }
    while i < range.upperBound {
      let b = p[i]
      if b < 0x80 {
        i += 1
        if isASCIIWhitespace(b) {
          if !lastSpace { out.append(space) }
          lastSpace = true
          previousIsWord = false
          continue
        }
        lastSpace = false
        word(isASCIIWord(b))
        out.append(caseInsensitive ? asciiLower[Int(b)] : b)
        continue
      }
      let (value, length) = decode(p, at: i)
      guard value != invalidScalar else {
        out.append(invalidMarker)
        lastSpace = false
        previousIsWord = false
        i += 1
        continue
      }
      switch fold(nonASCII: value, caseInsensitive: caseInsensitive) {
      case .apostrophe:
        previousIsWord = false
        out.append(apostrophe)
      case .hyphen:
        previousIsWord = false
        out.append(hyphen)
      case .whitespace:
        if !lastSpace { out.append(space) }
        lastSpace = true
        previousIsWord = false
        i += length
        continue
      case .dropped:
        i += length
        continue
      case .verbatim:
        word(isSpacedWord(value))
        out.append(contentsOf: p[i..<(i + length)])
      case .ascii(let byte):
        word(isSpacedWord(value))
        out.append(byte)
      case .mapped(let mapped):
        word(isSpacedWord(value))
        out.append(contentsOf: mapped.utf8)
      }
      lastSpace = false
      i += length
    }
    return out
  }
}
