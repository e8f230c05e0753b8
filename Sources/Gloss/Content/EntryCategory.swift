/// A kind of glossary entry: the site's own (`categories` in site.yml) or one of the nine
/// defaults. Its position orders the glossary index, the concept map and its legend.
public struct EntryCategory: Sendable, Hashable {
  /// What entries write after `category:`; also the anchor `cat-<key>` of the glossary index.
  public var key: String
  public var label: String
  public var pluralLabel: String
  /// The theme's colour for it, `cm-cat-<colour>`: the key itself for the nine defaults (their
  /// colours stay what they were), `extra-N` from the theme's fixed palette for any other.
  public var colour: String
  /// Its place in the site's list.
  public var position: Int

  public init(
    key: String, label: String, pluralLabel: String, colour: String, position: Int
  ) {
    self.key = key
    self.label = label
    self.pluralLabel = pluralLabel
    self.colour = colour
    self.position = position
  }

  /// An entry's category as the file names it, before it is looked up in the site's list.
  static func unresolved(_ key: String) -> EntryCategory {
    EntryCategory(key: key, label: key, pluralLabel: key, colour: key, position: 0)
  }

  /// The nine categories of a site that names none, in their display order.
  public static let defaultKeys = [
    "organization", "alliance", "policy", "doctrine", "event", "concept", "person", "place",
    "document",
  ]

  /// How many colours the theme's palette has for categories other than the nine defaults
  /// (`--cat-extra-1` … in style.css, each checked for contrast in both colour schemes).
  public static let extraColourCount = 8

  public static let defaults: [EntryCategory] = list(
    defaultKeys.map { key in
      let label = key.prefix(1).uppercased() + key.dropFirst()
      let plural =
        switch key {
        case "policy": "Policies"
        case "person": "People"
        default: label + "s"
        }
      return (key, label, plural)
    })

  /// One of the nine defaults, by key.
  public static func standard(_ key: String) -> EntryCategory {
    defaults.first { $0.key == key } ?? unresolved(key)
  }

  /// Categories in the given order with their colours: a default key keeps its own colour; the
  /// others take the palette's colours in turn, so the same list always gets the same colours.
  public static func list(_ definitions: [(key: String, label: String, plural: String)])
    -> [EntryCategory]
  {
    var extra = 0
    return definitions.enumerated().map { position, definition in
      var colour = definition.key
      if !defaultKeys.contains(definition.key) {
        colour = "extra-\(extra % extraColourCount + 1)"
        extra += 1
      }
      return EntryCategory(
        key: definition.key, label: definition.label, pluralLabel: definition.plural,
        colour: colour, position: position)
    }
  }
}

extension Content {
  /// With the nine default categories named in the site's language (the theme's strings
  /// `category_<key>` and `category_<key>_plural`), when the site names no categories of its
  /// own: a site that does has written its labels in its language already.
  public func localizingDefaultCategories(_ strings: ThemeStrings) -> Content {
    guard config.categories == EntryCategory.defaults else { return self }
    let language = config.language
    let localized = EntryCategory.defaults.map { category in
      var category = category
      category.label = strings.text(
        "category_\(category.key)", in: language, fallback: category.label)
      category.pluralLabel = strings.text(
        "category_\(category.key)_plural", in: language, fallback: category.pluralLabel)
      return category
    }
    guard localized != config.categories else { return self }
    let byKey = Dictionary(uniqueKeysWithValues: localized.map { ($0.key, $0) })
    var content = self
    content.config.categories = localized
    content.glossary = glossary.map { entry in
      var entry = entry
      entry.category = byKey[entry.category.key] ?? entry.category
      return entry
    }
    return content
  }
}

/// Where an entry file names its category: checked even when the file has other errors.
struct CategoryUse: Sendable, Hashable {
  var key: String
  var location: FilePosition
}

/// Looks each entry's category up in the site's list: entries are read (and cached) on their
/// own, so a change to site.yml's categories reaches every entry without reading it again.
enum CategoryResolution {
  /// - Parameters:
  ///   - uses: every file's category, its entry loaded or not, for the errors.
  ///   - categories: the site's list, or nil when site.yml's own errors leave it unknown.
  static func resolve(
    _ entries: [GlossaryEntry], uses: [CategoryUse], in categories: [EntryCategory]?
  ) -> (entries: [GlossaryEntry], diagnostics: [Diagnostic]) {
    guard let categories else { return (entries, []) }
    let byKey = Dictionary(categories.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    let choices = categories.map(\.key).joined(separator: ", ")
    let diagnostics = uses.filter { byKey[$0.key] == nil }.map { use in
      Diagnostic.error(
        use.location.path, line: use.location.line, column: use.location.column,
        "unknown category '\(use.key)'; expected one of: \(choices)")
    }
    let resolved = entries.compactMap { entry -> GlossaryEntry? in
      guard let category = byKey[entry.category.key] else { return nil }
      var entry = entry
      entry.category = category
      return entry
    }
    return (resolved, diagnostics)
  }
}
