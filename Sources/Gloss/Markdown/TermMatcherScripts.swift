// Which characters need word boundaries. Decided from each character's script, never from
// an article's language, so an English article quoting 北约 and a Chinese one citing NATO
// match both alike.

/// How a character takes part in word boundaries.
enum WordKind {
  /// Not part of a word: punctuation, symbols, spaces.
  case none
  /// A letter, mark, digit or connector of a script written with spaces between words (Latin,
  /// Cyrillic, Greek, Arabic, Hebrew, Devanagari, Hangul, …): terms need a boundary here.
  case spaced
  /// A letter or mark of a script written without spaces (Han, Hiragana, Katakana, Thai, Lao,
  /// Khmer, Myanmar): terms match anywhere, and such a character is a boundary for the
  /// spaced scripts next to it.
  case unspaced
}

enum Scripts {
  /// The kind of `v` after width folding (Ａ is a Latin letter, ｱ a katakana one).
  static func wordKind(_ v: UInt32) -> WordKind {
    if v < 0x80 { return TextFolding.isASCIIWord(UInt8(v)) ? .spaced : .none }
    switch v {
    // Unified ideographs and their extensions, compatibility ideographs: all letters.
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: return .unspaced
    case 0xFF01...0xFF5E: return wordKind(v - 0xFEE0)
    default: break
    }
    guard TextFolding.isWord(v) else { return .none }
    return isUnspacedScript(v) ? .unspaced : .spaced
  }

  /// Blocks of the scripts written without spaces between words.
  static func isUnspacedScript(_ v: UInt32) -> Bool {
    switch v {
    case 0x0E00...0x0EFF,  // Thai, Lao
      0x1000...0x109F, 0xA9E0...0xA9FF, 0xAA60...0xAA7F,  // Myanmar
      0x1780...0x17FF, 0x19E0...0x19FF,  // Khmer
      0x2E80...0x2FDF,  // CJK and Kangxi radicals
      0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C,  // 々 〆 〇, marks
      0x3040...0x30FF, 0x31F0...0x31FF,  // Hiragana, Katakana
      0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,  // Han
      0xFF66...0xFF9F,  // half-width katakana
      0x1B000...0x1B16F,  // kana supplement and extensions
      0x20000...0x323AF:  // Han extensions
      return true
    default:
      return false
    }
  }

  /// A precomposed Hangul syllable (the only Hangul Korean particles are checked against).
  @inline(__always)
  static func isHangulSyllable(_ v: UInt32) -> Bool { (0xAC00...0xD7A3).contains(v) }

  /// Whether `second` right after `first` continues the same user-perceived character (a
  /// combining mark, a Thai vowel sign, a variation selector…): a match may not end or
  /// start between them. Asks the standard library, so it follows its Unicode version.
  static func joins(_ first: UInt32, _ second: UInt32) -> Bool {
    guard let a = Unicode.Scalar(first), let b = Unicode.Scalar(second) else { return false }
    var pair = ""
    pair.unicodeScalars.append(a)
    pair.unicodeScalars.append(b)
    return pair.count == 1
  }
}
