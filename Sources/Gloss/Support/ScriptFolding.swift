/// Characters that several scripts write in more than one way, folded to one form before any
/// comparison. Part of the one folding table (see `Folding`): the glossary matcher, the
/// duplicate-spelling check and the quotes of editor's notes all apply it, so a spelling that
/// links is also one a note can quote and one the duplicate check sees.
///
/// - Full-width ASCII (U+FF01–FF5E, e.g. ＮＡＴＯ) is the ASCII character.
/// - Half-width katakana (U+FF61–FF9F, e.g. ﾅﾄｰ) is the full-width form; the half-width
///   voiced marks ﾞ ﾟ are the combining marks U+3099 U+309A, and voiced kana (ガ, ぱ) are
///   written as their canonical decomposition (カ + U+3099), so ｶﾞ, ガ and カ + U+3099 are equal.
/// - Arabic script: tatweel (U+0640) and the optional diacritics (harakat U+064B–U+065F,
///   superscript alef U+0670) are dropped; letters carrying hamza or madda (آ أ إ ؤ ئ ۀ ۂ ۓ)
///   are their base letter, as their canonical decomposition minus the dropped mark; Persian
///   and Urdu yeh ی is Arabic yeh ي and keheh ک is Arabic kaf ك. Alef maksura ى stays
///   distinct from ي, and heh variants (ہ ھ ە) stay distinct: they spell different words.
/// - Variation selectors (U+FE00–FE0F, U+E0100–E01EF, e.g. an ideographic variant of 葛) are
///   dropped: they choose a glyph, not a character.
enum ScriptFolding {
  /// What one scalar becomes: itself, nothing, or one or two other scalars.
  enum Result: Equatable {
    case same
    case dropped
    case one(UInt32)
    case two(UInt32, UInt32)
  }

  @inline(__always)
  static func fold(_ v: UInt32) -> Result {
    switch v {
    case 0x0622, 0x0623, 0x0625: return .one(0x0627)
    case 0x0624: return .one(0x0648)
    case 0x0626, 0x06CC: return .one(0x064A)
    case 0x06A9: return .one(0x0643)
    case 0x06C0: return .one(0x06D5)
    case 0x06C2: return .one(0x06C1)
    case 0x06D3: return .one(0x06D2)
    case 0x0640, 0x064B...0x065F, 0x0670, 0xFE00...0xFE0F, 0xE0100...0xE01EF: return .dropped
    case 0x3041...0x30FF:
      if let decomposed = kanaDecomposition[v] { return .two(decomposed, 0x3099) }
      if let decomposed = kanaSemiVoicedDecomposition[v] { return .two(decomposed, 0x309A) }
      return .same
    case 0xFF01...0xFF5E: return .one(v - 0xFEE0)
    case 0xFF61...0xFF9F: return .one(halfWidthKatakana[Int(v - 0xFF61)])
    default: return .same
    }
  }

  /// True for the scalars that fold to nothing.
  @inline(__always)
  static func isDropped(_ v: UInt32) -> Bool {
    v == 0x0640 || (0x064B...0x065F).contains(v) || v == 0x0670 || (0xFE00...0xFE0F).contains(v)
      || (0xE0100...0xE01EF).contains(v)
  }

  /// U+FF61…U+FF9F in order.
  static let halfWidthKatakana: [UInt32] =
    "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
    .unicodeScalars.map(\.value) + [0x3099, 0x309A]

  /// Voiced kana -> the kana they decompose to before U+3099 (dakuten).
  static let kanaDecomposition: [UInt32: UInt32] = decompositions(
    of: "がぎぐげござじずぜぞだぢづでどばびぶべぼゔゞガギグゲゴザジズゼゾダヂヅデドバビブベボヴヷヸヹヺヾ",
    mark: 0x3099)
  /// Semi-voiced kana -> the kana they decompose to before U+309A (handakuten).
  static let kanaSemiVoicedDecomposition: [UInt32: UInt32] = decompositions(
    of: "ぱぴぷぺぽパピプペポ", mark: 0x309A)

  /// Finds each base by canonical equivalence (Swift compares strings canonically), so the
  /// table cannot disagree with Unicode; the bases sit a few code points before.
  private static func decompositions(of composed: String, mark: UInt32) -> [UInt32: UInt32] {
    var table: [UInt32: UInt32] = [:]
    for scalar in composed.unicodeScalars {
      let v = scalar.value
      for distance: UInt32 in [1, 2, 8, 78] where v > distance {
        guard let base = Unicode.Scalar(v - distance), let combining = Unicode.Scalar(mark)
        else { continue }
        var decomposed = ""
        decomposed.unicodeScalars.append(base)
        decomposed.unicodeScalars.append(combining)
        if decomposed == String(scalar) {
          table[v] = base.value
          break
        }
      }
    }
    return table
  }

  /// `text` with every scalar folded.
  static func fold(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch fold(scalar.value) {
      case .same: result.unicodeScalars.append(scalar)
      case .dropped: break
      case .one(let a): result.unicodeScalars.append(Unicode.Scalar(a)!)
      case .two(let a, let b):
        result.unicodeScalars.append(Unicode.Scalar(a)!)
        result.unicodeScalars.append(Unicode.Scalar(b)!)
      }
    }
    return result
  }
}
