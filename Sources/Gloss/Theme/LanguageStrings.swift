/// One language's interface strings, from the theme's `strings/<language>.yml`: what every
/// label, heading and message of the theme says, how dates and numbers are written, which way
/// the text runs and how reading time is counted. Everything is in the file, so the output never
/// depends on the machine's locale data.
public struct LanguageStrings: Sendable, Equatable {
  /// The file's name without `.yml`, lower case ("en", "zh", "ur").
  public var code: String
  /// As diagnostics name it (`Theme/strings/ur.yml`); empty for the built-in English.
  public var path: String
  public var direction: TextDirection
  public var plural: PluralRule
  /// The ten digits 0–9 as the language writes them; nil for ASCII digits.
  public var digits: [String]?
  /// January … December.
  public var months: [String]
  /// `{day}`, `{month}` (its name), `{month_number}` and `{year}`.
  public var datePattern: String
  public var reading: ReadingRate
  /// Key → its text (a Mustache snippet), with a singular form where the language has one.
  public var strings: [String: Forms]
  /// Where each key's value is written, for diagnostics about it.
  public var lines: [String: Int]

  /// A string's forms: `other` always, `one` for the singular of languages that have one.
  public struct Forms: Sendable, Equatable {
    public var one: String?
    public var other: String
  }

  /// The English of a theme without strings files: dates and reading time still work.
  public static let builtInEnglish = LanguageStrings(
    code: "en", path: "", direction: .leftToRight, plural: .oneOther, digits: nil,
    months: [
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December",
    ], datePattern: "{day} {month} {year}", reading: ReadingRate(unit: .words, perMinute: 230),
    strings: [:], lines: [:])

  /// "17 May 2024", or in the language's own pattern, months and digits; an invalid date is
  /// shown as written.
  public func date(_ iso: String) -> String {
    guard let (year, month, day) = DateText.components(iso) else { return iso }
    return Placeholders.fill(
      datePattern,
      [
        "day": number(day), "month_number": number(month), "month": months[month - 1],
        "year": number(year),
      ], open: "{", close: "}")
  }

  /// A whole number in the language's digits.
  public func number(_ value: Int) -> String {
    let ascii = String(value)
    guard let digits else { return ascii }
    return ascii.map { character in
      character.wholeNumberValue.map { digits[$0] } ?? String(character)
    }.joined()
  }

  /// The primary subtag of a language tag, lower case: "zh" of "zh-Hans-CN".
  public static func primary(_ tag: String) -> String {
    String(tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
  }
}

/// Which way a language's text runs: the page's `dir`.
public enum TextDirection: String, Sendable, Equatable {
  case leftToRight = "ltr"
  case rightToLeft = "rtl"

  /// Languages written right to left (by primary subtag), for a language without a strings
  /// file that says so.
  static let rightToLeftLanguages: Set<String> = [
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi",
  ]

  public static func of(_ tag: String) -> TextDirection {
    rightToLeftLanguages.contains(LanguageStrings.primary(tag)) ? .rightToLeft : .leftToRight
  }
}

/// CLDR's plural categories for whole numbers, as far as the theme's strings need them.
public enum PluralRule: String, Sendable, Equatable {
  /// English, Urdu, German…: "one" for 1, "other" for the rest.
  case oneOther = "one-other"
  /// French, Portuguese (Brazil), Hindi…: "one" for 0 and 1.
  case zeroOneOther = "zero-one-other"
  /// Chinese, Japanese, Korean…: no singular.
  case other

  /// Whether `count` takes the "one" form.
  public func isOne(_ count: Int) -> Bool {
    switch self {
    case .oneOther: count == 1
    case .zeroOneOther: count == 0 || count == 1
    case .other: false
    }
  }

  static let otherOnlyLanguages: Set<String> = [
    "zh", "ja", "ko", "vi", "th", "id", "ms", "lo", "my", "km", "yue",
  ]
  static let zeroOneLanguages: Set<String> = ["fr", "hi", "bn", "gu", "kn", "mr", "fa", "zu"]

  /// The rule for a language when its strings file does not name one.
  public static func of(_ tag: String) -> PluralRule {
    let primary = LanguageStrings.primary(tag)
    if otherOnlyLanguages.contains(primary) { return .other }
    if zeroOneLanguages.contains(primary) { return .zeroOneOther }
    return .oneOther
  }
}

/// How long a text takes to read: words per minute for languages that separate words with
/// spaces, characters per minute for Chinese and Japanese, which do not.
public struct ReadingRate: Sendable, Equatable {
  public enum Unit: String, Sendable, Equatable { case words, characters }
  public var unit: Unit
  public var perMinute: Int

  /// Languages written without spaces between words, read by the character: Chinese
  /// (Mandarin, Cantonese) and Japanese. Korean, Thai aside, separates its words with spaces.
  static let characterLanguages: Set<String> = ["zh", "ja", "yue"]

  /// The rate of a language whose strings file does not give one: 450 characters a minute for
  /// Chinese and Japanese (the middle of the 400–500 that readers of either manage), else 230
  /// words.
  public static func of(_ tag: String) -> ReadingRate {
    characterLanguages.contains(LanguageStrings.primary(tag))
      ? ReadingRate(unit: .characters, perMinute: 450) : ReadingRate(unit: .words, perMinute: 230)
  }

  /// Whole minutes, at least one.
  public func minutes(words: Int, characters: Int) -> Int {
    let count = unit == .words ? words : characters
    return max(1, (count + perMinute / 2) / perMinute)
  }
}
