/// The one table of characters Gloss treats as the same when it compares text a person wrote:
/// the glossary matcher, the duplicate-spelling check, and the quotes that anchor editor's
/// notes all read it, so that a spelling that links is also one a note can quote.
enum Folding {
  /// ’ ‘ ʼ ′ are all written '.
  static func isApostrophe(_ v: UInt32) -> Bool {
    v == 0x2019 || v == 0x2018 || v == 0x02BC || v == 0x2032
  }

  /// “ ” „ ″ are all written ".
  static func isDoubleQuote(_ v: UInt32) -> Bool {
    v == 0x201C || v == 0x201D || v == 0x201E || v == 0x2033
  }

  /// Every hyphen and dash, the minus sign, and the small and full-width hyphen-minus are -.
  static func isHyphen(_ v: UInt32) -> Bool {
    (0x2010...0x2015).contains(v) || v == 0x2212 || v == 0xFE58 || v == 0xFE63 || v == 0xFF0D
  }

  /// Unicode White_Space outside ASCII.
  static func isNonASCIIWhitespace(_ v: UInt32) -> Bool {
    switch v {
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }
}
