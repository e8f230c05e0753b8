import Foundation
import Yams

/// The theme's interface strings in every language it has (`strings/<language>.yml`), English
/// the reference: templates may name only its keys, and another language's missing key falls
/// back to English with a warning naming the file and the key.
public struct ThemeStrings: Sendable, Equatable {
  /// By file name ("en", "zh", "ur"); always has "en".
  public let languages: [String: LanguageStrings]

  public var english: LanguageStrings { languages["en"] ?? .builtInEnglish }

  /// A theme without strings files: English dates and reading time, no keys.
  public static let builtIn = ThemeStrings(languages: ["en": .builtInEnglish])

  init(languages: [String: LanguageStrings]) { self.languages = languages }

  /// The strings for a language tag: the file of the whole tag ("zh-hant"), else of its primary
  /// subtag ("zh"), else English.
  public func resolve(_ tag: String) -> LanguageStrings {
    languages[tag.lowercased()] ?? languages[LanguageStrings.primary(tag)] ?? english
  }

  /// The asset a page in `tag` links for gloss.js: its language's strings file, else English's.
  public func asset(for tag: String) -> String { Theme.stringsAsset(resolve(tag).code) }

  /// Which way a language runs: as its strings file says, else as the language is written.
  public func direction(of tag: String) -> TextDirection {
    let file = languages[tag.lowercased()] ?? languages[LanguageStrings.primary(tag)]
    return file?.direction ?? TextDirection.of(tag)
  }

  /// How reading time is counted in a language: as its strings file says, else by the language
  /// (a Japanese page of a theme without ja.yml is still read by the character).
  public func readingRate(of tag: String) -> ReadingRate {
    let file = languages[tag.lowercased()] ?? languages[LanguageStrings.primary(tag)]
    return file?.reading ?? ReadingRate.of(tag)
  }

  /// Strings the build itself writes (page titles, descriptions), with `{{name}}` replaced by
  /// `values`; English words when the theme has no such string.
  /// - Parameters:
  ///   - count: chooses the singular form where the language's rule says so.
  ///   - fallback: what to say when neither the theme nor the build has the string.
  public func text(
    _ key: String, in tag: String, _ values: [String: String] = [:], count: Int? = nil,
    fallback: String? = nil
  ) -> String {
    let language = resolve(tag)
    let text: String
    if let forms = language.strings[key] {
      let one = count.map(language.plural.isOne) ?? false
      text = one ? forms.one ?? forms.other : forms.other
    } else if let count, count == 1, let one = Self.builtInText[key + "/one"] {
      text = one
    } else {
      text = Self.builtInText[key] ?? fallback ?? key
    }
    return Placeholders.fill(text, values)
  }

  /// What the build's own strings say in a theme that does not define them.
  static let builtInText: [String: String] = [
    "page_number": "Page {{number}}",
    "glossary": "Glossary",
    "page_not_found": "Page not found",
    "glossary_description": "Every term explained in {{site_title}}, A–Z and by category.",
    "category_description": "{{category}} in {{site_title}}: each term with its summary.",
    "note_kind_context": "Context",
    "note_kind_fact_check": "Fact check",
    "note_kind_correction": "Correction",
    "note_kind_counterpoint": "Counterpoint",
    "note_kind_source": "Source",
    "editors_note_number": "Editor’s note {{number}}",
    "note_sources": "Sources:",
    "map_title_article": "Concept map of the terms in “{{title}}”",
    "map_title_glossary": "Concept map of the glossary",
    "map_scope_article": "terms of this article",
    "map_scope_glossary": "glossary terms",
    "map_pairs/one": "{{count}} pair",
    "map_pairs": "{{count}} pairs",
    "map_shown": "{{count}} {{scope}}",
    "map_shown_partial": "The {{count}} most connected of {{total}} {{scope}}",
    "map_links": ", each with its {{count}} strongest links",
    "map_description":
      "{{shown}} around a circle, grouped by category. A line joins two terms that appear in the same paragraph ({{pairs}}{{links}}); the thicker the line, the more paragraphs they share. Each term links to its glossary entry.",
    "map_list_colon": ": ",
    "map_list_separator": ", ",
    "map_list_none": "no shared paragraph",
  ]

  /// Reads `strings/` of a theme: nil with no diagnostics when the folder is absent.
  static func load(from folder: URL, display: (String) -> String) -> (
    strings: ThemeStrings?, diagnostics: [Diagnostic]
  ) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { return (nil, []) }
    var diagnostics: [Diagnostic] = []
    var languages: [String: LanguageStrings] = [:]
    for name in Theme.files(under: folder) where !name.contains("/") {
      let path = display("strings/\(name)")
      guard name.hasSuffix(".yml") else {
        diagnostics.append(.warning(path, "ignored: strings files are <language>.yml"))
        continue
      }
      let code = String(name.dropLast(4)).lowercased()
      switch SourceText.read(folder.appendingPathComponent(name), displayPath: path) {
      case .failure(let diagnostic): diagnostics.append(diagnostic)
      case .success(let text):
        let reader = YAMLReader(path: path)
        if let language = parse(text, code: code, path: path, reader: reader) {
          languages[code] = language
        }
        diagnostics += reader.diagnostics
      }
    }
    guard let english = languages["en"] else {
      diagnostics.append(
        .error(
          display("strings/en.yml"),
          "missing English strings: every other language falls back to strings/en.yml"))
      return (nil, diagnostics)
    }
    for code in languages.keys.sorted() where code != "en" {
      guard var language = languages[code] else { continue }
      for key in english.strings.keys.sorted() where language.strings[key] == nil {
        diagnostics.append(
          .warning(language.path, "missing string '\(key)'; the English one is shown"))
        language.strings[key] = english.strings[key]
      }
      for key in language.strings.keys.sorted() where english.strings[key] == nil {
        diagnostics.append(
          .warning(
            language.path, line: language.lines[key] ?? 0, column: 1,
            "string '\(key)' is not in \(english.path); no template can show it"))
      }
      languages[code] = language
    }
    return (ThemeStrings(languages: languages), diagnostics)
  }

  static let fileKeys: Set<String> = [
    "direction", "plural", "digits", "months", "date", "reading", "strings",
  ]

  private static func parse(_ text: String, code: String, path: String, reader: YAMLReader)
    -> LanguageStrings?
  {
    guard let mapping = reader.mapping(reader.parse(text), what: "strings file") else { return nil }
    reader.warnUnknownKeys(mapping, allowed: fileKeys, what: "strings file")
    var language = LanguageStrings.builtInEnglish
    language.code = code
    language.path = path
    language.direction = TextDirection.of(code)
    language.plural = PluralRule.of(code)
    if let name = reader.string(mapping, "direction") {
      if let direction = TextDirection(rawValue: name) {
        language.direction = direction
      } else {
        reader.error("'direction' must be ltr or rtl", at: mapping["direction"])
      }
    }
    if let name = reader.string(mapping, "plural") {
      if let rule = PluralRule(rawValue: name) {
        language.plural = rule
      } else {
        reader.error(
          "'plural' must be one-other, zero-one-other or other", at: mapping["plural"])
      }
    }
    if let digits = reader.string(mapping, "digits") {
      if digits.count == 10 {
        language.digits = digits.map(String.init)
      } else {
        reader.error("'digits' must be the ten digits 0 to 9, in order", at: mapping["digits"])
      }
    }
    if mapping["months"] != nil {
      let months = reader.stringList(mapping, "months").map(\.0)
      if months.count == 12 {
        language.months = months
      } else {
        reader.error("'months' must list the twelve months' names", at: mapping["months"])
      }
    }
    if let pattern = reader.string(mapping, "date") {
      if pattern.contains("{day}"), pattern.contains("{year}"),
        pattern.contains("{month}") || pattern.contains("{month_number}")
      {
        language.datePattern = pattern
      } else {
        reader.error(
          "'date' must contain {day}, {month} or {month_number}, and {year}", at: mapping["date"])
      }
    }
    language.reading = ReadingRate.of(code)
    if let node = mapping["reading"] {
      language.reading = readingRate(node, reader: reader) ?? language.reading
    }
    guard let stringsNode = mapping["strings"],
      let strings = reader.mapping(stringsNode, what: "'strings'")
    else {
      if mapping["strings"] == nil {
        reader.error("missing 'strings': the theme's text, key by key", at: mapping.keys.first)
      }
      return nil
    }
    for (keyNode, value) in strings {
      guard let key = keyNode.string else { continue }
      language.lines[key] = reader.position(of: value).0
      switch value {
      case .mapping(let forms):
        reader.warnUnknownKeys(forms, allowed: ["one", "other"], what: "plural string")
        guard let other = forms["other"] else {
          reader.error("missing required key 'other'", at: value)
          continue
        }
        guard let otherText = stringText(other, key: key, reader: reader) else { continue }
        language.strings[key] = .init(
          one: forms["one"].flatMap { stringText($0, key: key, reader: reader) }, other: otherText)
      default:
        if let text = stringText(value, key: key, reader: reader) {
          language.strings[key] = .init(one: nil, other: text)
        }
      }
    }
    return reader.hasErrors ? nil : language
  }

  /// A string's text as written, spaces at either end kept (quoted, they are meant); empty is
  /// allowed, for a language that needs no words where English has some.
  private static func stringText(_ node: Node, key: String, reader: YAMLReader) -> String? {
    guard case .scalar(let scalar) = node else {
      reader.error("string '\(key)' must be text, or a mapping of 'one' and 'other'", at: node)
      return nil
    }
    return scalar.string
  }

  private static func readingRate(_ node: Node, reader: YAMLReader) -> ReadingRate? {
    guard let mapping = reader.mapping(node, what: "'reading'") else { return nil }
    reader.warnUnknownKeys(mapping, allowed: ["unit", "per_minute"], what: "'reading'")
    let unit = reader.string(mapping, "unit").flatMap { name -> ReadingRate.Unit? in
      let unit = ReadingRate.Unit(rawValue: name)
      if unit == nil { reader.error("'unit' must be words or characters", at: mapping["unit"]) }
      return unit
    }
    guard let rateNode = mapping["per_minute"], case .scalar(let scalar) = rateNode,
      let rate = Int(scalar.string), rate > 0
    else {
      reader.error("'per_minute' must be a whole number above 0", at: mapping["per_minute"] ?? node)
      return nil
    }
    return ReadingRate(unit: unit ?? .words, perMinute: rate)
  }
}
