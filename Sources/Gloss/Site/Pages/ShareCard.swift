/// What a link to the page shows when it is shared: the Open Graph and Twitter card tags
/// (`og:title`, `og:type`, `og:image`, `og:url`, …). Every URL is absolute, as the crawlers that
/// read these tags require.
public struct ShareCard: TemplateModel {
  public enum Kind: String, Sendable {
    case website, article
  }

  /// The page's own title, without the site's name (`og:site_name` says it).
  public var title: String
  public var description: String
  public var kind: Kind
  public var url: String
  public var siteName: String
  /// `og:locale`: the site's language in the form Open Graph writes it (`en_GB`).
  public var locale: String
  public var image: String?
  public var imageAlt: String?
  public var imageSize: ImageSize?
  /// An article's date (ISO 8601) and author.
  public var publishedTime: String?
  public var author: String?

  public static let templateFields = TemplateFields<Self>(
    "share card",
    [
      .text("title") { $0.title },
      // Absent rather than empty: an empty `og:description` is worse than none.
      .text("description") { $0.description.isEmpty ? nil : $0.description },
      .text("type") { $0.kind.rawValue },
      .text("url") { $0.url },
      .text("site_name") { $0.siteName },
      .text("locale") { $0.locale },
      .text("image") { $0.image },
      .text("image_alt") { $0.imageAlt },
      .number("image_width") { $0.imageSize?.width },
      .number("image_height") { $0.imageSize?.height },
      .text("published_time") { $0.publishedTime },
      .text("author") { $0.author },
      // A large picture when there is one: the card most sites show.
      .text("twitter_card") { $0.image == nil ? "summary" : "summary_large_image" },
    ])

  /// `en-GB` → `en_GB`: Open Graph's locales are a language and a region joined by an
  /// underscore. A language given without its region gets the one CLDR's likely-subtags data
  /// names for it (`en` → `en_US`, `ur` → `ur_PK`); one not in that list stays as it is.
  static func locale(language: String) -> String {
    let parts = language.split(whereSeparator: { $0 == "-" || $0 == "_" })
    guard let first = parts.first else { return "en_US" }
    let code = first.lowercased()
    // Traditional Chinese is written in Taiwan and Hong Kong, not in mainland China.
    if code == "zh", parts.contains(where: { $0.lowercased() == "hant" }), parts.count == 2 {
      return "zh_TW"
    }
    if let region = parts.dropFirst().last(where: { $0.count == 2 && $0.allSatisfy(\.isLetter) }) {
      return code + "_" + region.uppercased()
    }
    return likelyRegions[code].map { code + "_" + $0 } ?? code
  }

  /// From CLDR's likelySubtags.
  static let likelyRegions: [String: String] = [
    "ar": "EG", "bn": "BD", "ca": "ES", "cs": "CZ", "da": "DK", "de": "DE", "el": "GR",
    "en": "US", "es": "ES", "et": "EE", "fa": "IR", "fi": "FI", "fr": "FR", "he": "IL",
    "hi": "IN", "hr": "HR", "hu": "HU", "id": "ID", "it": "IT", "ja": "JP", "ko": "KR",
    "lt": "LT", "lv": "LV", "ms": "MY", "nb": "NO", "nl": "NL", "pl": "PL", "ps": "AF",
    "pt": "BR", "ro": "RO", "ru": "RU", "sk": "SK", "sl": "SI", "sr": "RS", "sv": "SE",
    "sw": "TZ", "ta": "IN", "th": "TH", "tr": "TR", "uk": "UA", "ur": "PK", "vi": "VN",
    "zh": "CN",
  ]
}
