import Foundation
import GlossTestSupport
import Testing

@testable import Gloss

@Suite("Glossary categories: site.yml's own list, or the nine defaults")
struct CategoryTests {
  static let theme = TestSite.minimalTheme.merging([
    "Theme/templates/glossary.mustache":
      "{{#categories}}<h2 id=\"{{anchor}}\" class=\"cm-cat-{{colour}}\">{{label}}</h2>{{#entries}}<a href=\"{{url}}\">{{term}}</a> {{category_label}}\n{{/entries}}{{/categories}}{{#has_concept_map}}{{#concept_map_categories}}[{{key}} {{colour}} {{label}}]{{/concept_map_categories}}{{{concept_map_svg}}}{{/has_concept_map}}",
    "Theme/templates/entry.mustache": "<p>{{entry.category}} {{entry.category_label}}</p>",
  ]) { _, new in new }

  static func entry(_ id: String, _ term: String, _ category: String) -> String {
    """

    -- Content/glossary/\(id).md --
    ---
    term: \(term)
    category: \(category)
    summary: About \(term).
    ---
    Body.
    """
  }

  static let species = """
    -- Content/site.yml --
    title: A Reader's Species
    base_url: https://example.org/
    categories:
      - {key: species, label: Species, plural: Species}
      - {key: place, label: Place, plural: Places}
      - {key: habitat, label: Habitat, plural: Habitats}
    -- Content/articles/walk.md --
    ---
    title: A walk
    ---
    The Heron stood in the Marsh at Dunmore. The Heron left.

    The Marsh was quiet.
    """
    + entry("heron", "Heron", "species") + entry("marsh", "Marsh", "habitat")
    + entry("dunmore", "Dunmore", "place")

  @Test("a category the site defines builds, in the site's order, with the site's labels")
  func siteCategories() throws {
    let site = try TestSite(Self.species, theme: Self.theme)
    try site.build()
    let glossary = try site.read("Site/glossary/index.html")
    let headings = glossary.components(separatedBy: "<h2").dropFirst().map {
      String($0.prefix { $0 != "<" })
    }
    #expect(
      headings == [
        " id=\"cat-species\" class=\"cm-cat-extra-1\">Species",
        " id=\"cat-place\" class=\"cm-cat-place\">Places",
        " id=\"cat-habitat\" class=\"cm-cat-extra-2\">Habitats",
      ])
    #expect(glossary.contains("Heron</a> Species\n"))
    #expect(try site.read("Site/glossary/heron/index.html") == "<p>species Species</p>")
    // The map's legend follows the list; a default key keeps its own colour.
    #expect(
      glossary.contains(
        "[species extra-1 Species][place place Places][habitat extra-2 Habitats]"))
    // The map's nodes sit in a group per category, whose class colours their dots.
    #expect(glossary.contains("<g class=\"cm-cat-extra-1\">\n<a href=\"heron/index.html\">"))
  }

  @Test("an unknown category is an error at its value naming the site's categories")
  func unknownCategory() throws {
    let site = try TestSite(
      Self.species + Self.entry("oak", "Oak", "organization"), theme: Self.theme)
    let errors = site.buildErrors().filter { $0.severity == .error }.map(\.description)
    #expect(
      errors == [
        "Content/glossary/oak.md:3:11: error: unknown category 'organization'; expected one of: species, place, habitat"
      ])
  }

  @Test("without categories in site.yml the nine defaults apply, with their labels and colours")
  func defaults() throws {
    let site = try TestSite(
      minimalSite + Self.entry("quad", "Quad", "organization")
        + Self.entry("nexus", "Nexus", "person") + Self.entry("oak", "Oak", "species"),
      theme: Self.theme)
    let errors = site.buildErrors().filter { $0.severity == .error }.map(\.description)
    #expect(
      errors == [
        "Content/glossary/oak.md:3:11: error: unknown category 'species'; expected one of: organization, alliance, policy, doctrine, event, concept, person, place, document"
      ])
    try site.remove("Content/glossary/oak.md")
    try site.build()
    let glossary = try site.read("Site/glossary/index.html")
    #expect(
      glossary.contains(
        "<h2 id=\"cat-organization\" class=\"cm-cat-organization\">Organizations</h2>"))
    #expect(glossary.contains("<h2 id=\"cat-person\" class=\"cm-cat-person\">People</h2>"))
    #expect(EntryCategory.defaults.map(\.colour) == EntryCategory.defaultKeys)
  }

  @Test("editing site.yml's categories reaches entries that did not change")
  func rebuildAfterCategoryEdit() throws {
    let site = try TestSite(Self.species, theme: Self.theme)
    #expect(site.rebuild().succeeded)
    try site.edit(
      "Content/site.yml", replacing: "label: Species, plural: Species",
      with: "label: Kind, plural: Kinds")
    #expect(site.rebuild("Content/site.yml").succeeded)
    #expect(
      site.rebuiltFiles["glossary/heron/index.html"].map { String(decoding: $0, as: UTF8.self) }
        == "<p>species Kind</p>")
    try site.edit(
      "Content/site.yml", replacing: "  - {key: habitat, label: Habitat, plural: Habitats}\n",
      with: "")
    let failed = site.rebuild("Content/site.yml")
    #expect(!failed.succeeded)
    #expect(
      failed.report.diagnostics.contains {
        $0.description.contains("marsh.md:3:11: error: unknown category 'habitat'")
      })
  }

  @Test("a malformed categories list is an error at the bad item")
  func malformedList() throws {
    let site = try TestSite(
      """
      -- Content/site.yml --
      title: T
      base_url: https://example.org/
      categories:
        - {key: Species Name}
        - {key: place}
        - {key: place}
      """, theme: Self.theme)
    let errors = site.buildErrors().filter { $0.severity == .error }.map(\.description)
    #expect(
      errors == [
        "Content/site.yml:4:11: error: category key 'Species Name' must be lowercase letters, digits and hyphens",
        "Content/site.yml:6:11: error: category 'place' is defined twice",
      ])
  }

  /// WCAG 2.x relative luminance of "#rrggbb".
  static func luminance(_ hex: String) -> Double {
    let value = Int(hex.dropFirst(), radix: 16) ?? 0
    let channels = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff].map { channel in
      let c = Double(channel) / 255
      return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
  }

  static func contrast(_ a: String, _ b: String) -> Double {
    let (x, y) = (luminance(a), luminance(b))
    return (max(x, y) + 0.05) / (min(x, y) + 0.05)
  }

  /// `--name: #rrggbb;` values of one CSS block.
  static func variables(_ block: Substring) -> [String: String] {
    var result: [String: String] = [:]
    for line in block.split(separator: "\n") {
      let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
      guard parts.count == 2, parts[0].hasPrefix("--") else { continue }
      let value = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
        in: CharacterSet(charactersIn: ";"))
      if value.hasPrefix("#"), value.count == 7 { result[String(parts[0])] = value }
    }
    return result
  }

  @Test("the palette for a site's own categories stands out from the page in both colour schemes")
  func paletteContrast() throws {
    let css = try String(
      contentsOf: TestSite.repository.appendingPathComponent("Theme/assets/style.css"),
      encoding: .utf8)
    let light = try #require(css.range(of: ":root {")).upperBound
    let dark = try #require(css.range(of: ":root[data-theme=\"dark\"] {")).upperBound
    for start in [light, dark] {
      let block = css[start...].prefix { $0 != "}" }
      let colours = Self.variables(block)
      let background = try #require(colours["--bg"])
      for index in 1...EntryCategory.extraColourCount {
        let colour = try #require(colours["--cat-extra-\(index)"], "--cat-extra-\(index)")
        // WCAG 1.4.11: graphics that carry meaning need 3:1 against what is around them.
        #expect(
          Self.contrast(colour, background) >= 3, "--cat-extra-\(index) \(colour) on \(background)")
      }
    }
  }
}
