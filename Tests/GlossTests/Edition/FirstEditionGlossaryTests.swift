import Foundation
import Testing

@testable import Gloss

/// Checks that keep the edition's glossary right as it is edited.
@Suite("The first edition's glossary")
struct FirstEditionGlossaryTests {
  static let content = FirstEditionTests.repository.appendingPathComponent("Content")

  static func load() throws -> Content {
    let result = ContentLoader(directory: content, displayRoot: "Content").load()
    #expect(
      result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))"
    )
    return try #require(result.content)
  }

  @Test(
    "every entry has a summary of at most 30 words, a body of 100–300 words, and two https sources")
  func entriesComplete() throws {
    let content = try Self.load()
    #expect(content.glossary.count >= 40)
    for entry in content.glossary {
      let summaryWords = entry.summary.split(separator: " ").count
      #expect(summaryWords <= 30, "\(entry.id): summary has \(summaryWords) words")
      let bodyWords = entry.body.split(whereSeparator: { $0.isWhitespace }).count
      #expect((100...300).contains(bodyWords), "\(entry.id): body has \(bodyWords) words")
      #expect(entry.sources.count >= 2, "\(entry.id): fewer than two sources")
      #expect(
        entry.sources.allSatisfy { $0.url.hasPrefix("https://") },
        "\(entry.id): a source is not https")
    }
  }

  /// The spellings the article uses for each required entry (issue "The annotated edition").
  static let spellings: [String: [String]] = [
    "quad": ["Quad", "QUAD"], "aukus": ["AUKUS"], "one-china-policy": ["One-China policy"],
    "nato": ["NATO"],
    "nato-enlargement": ["eastward expansion"],
    "bucharest-summit-2008": ["NATO Summit in Bucharest"],
    "colour-revolutions": ["Color revolution"], "cuban-missile-crisis": ["Cuban Missile Moment"],
    "pivot-to-asia": ["Pivotal Asia policy"],
    "no-limits-partnership": ["No Limits partnership", "limitless"],
    "russian-invasion-of-ukraine": ["Ukraine war"], "shanghai-cooperation-organisation": ["SCO"],
    "brics": ["BRICS"], "global-south": ["global South", "global south"],
    "multipolarity": ["multipolar world"],
    "hegemony": ["hegemony"], "containment": ["containment"], "cold-war": ["Cold War"],
    "cold-war-2-0": ["Cold 2.0"],
    "indo-pacific": ["Indo-Pacific"], "us-china-trade-war": ["trade war"],
    "taiwan-question": ["the Taiwan issue"],
    "liberal-international-order": ["liberal economic order", "USA-led order"],
    "human-development-index": ["human development index"], "greater-russia": ["Greater Russia"],
    "china-position-paper-ukraine": ["roadmap to provide peace"],
    "putin-state-visit-2024": ["state visit"],
    "china-russia-trade": ["$240 billion"], "strategic-competition": ["strategic competition"],
    "revisionism": ["revisionist"], "vladimir-putin": ["Putin"], "xi-jinping": ["XI"],
    "john-mearsheimer": ["John Mearsheimer"], "graham-allison": ["Graham Allison"],
    "sanctions-against-russia": ["sanctioned"],
    // Added in the second pass (issue "The edition, second pass").
    "imperialism": ["American imperialism", "imperialist"], "authoritarianism": ["authoritarian"],
    "great-power": ["great powers"], "free-world": ["free world"],
    "palestine-question": ["Palestine cause"], "ukraine": ["Ukraine"], "georgia": ["Georgia"],
  ]

  @Test("with link_policy every, each spelling the article uses links to its entry")
  func everySpellingLinks() throws {
    let content = try Self.load()
    let article = try #require(content.articles.first { $0.slug == "sino-russian-nexus" })
    let generator = SiteGenerator(
      content: content,
      theme: try Theme(directory: FirstEditionTests.repository.appendingPathComponent("Theme")))
    let rendered = MarkdownRenderer(linker: generator.linker).render(
      article.markdown, policy: .every)
    var linked: [String: Set<String>] = [:]
    for paragraph in rendered.paragraphs {
      let bytes = Array(paragraph.text.utf8)
      for mention in paragraph.mentions {
        linked[mention.entryID, default: []].insert(
          String(decoding: bytes[mention.range], as: UTF8.self))
      }
    }
    for (id, spellings) in Self.spellings {
      #expect(content.glossary.contains { $0.id == id }, "no entry \(id)")
      for spelling in spellings {
        // The linked text may be longer ("Pro. John Mearsheimer") or drop an article ("Taiwan issue").
        let found = linked[id, default: []].contains {
          $0.lowercased().contains(spelling.lowercased())
            || spelling.lowercased().contains($0.lowercased())
        }
        #expect(
          found,
          "“\(spelling)” does not link to \(id); linked spellings: \(linked[id, default: []].sorted())"
        )
      }
    }
  }

  /// Entries no article names, kept because a mentioned entry leads to them.
  static let backgroundEntries: Set<String> = [
    "russo-georgian-war", "russian-draft-security-treaties-2021", "sino-russian-treaty-2001",
    "thucydides-trap",
  ]

  @Test(
    "every entry is mentioned in the article, or reached through see_also (these: background entries)"
  )
  func mentionedOrReachable() throws {
    let content = try Self.load()
    let generator = SiteGenerator(
      content: content,
      theme: try Theme(directory: FirstEditionTests.repository.appendingPathComponent("Theme")))
    let rendered = content.articles.map { generator.renderArticle($0) }
    let mentioned = Set(
      rendered.flatMap { $0.markdown.paragraphs.flatMap { $0.mentions.map(\.entryID) } })
    let unmentioned = Set(content.glossary.map(\.id)).subtracting(mentioned)
    #expect(unmentioned == Self.backgroundEntries)
    for id in unmentioned {
      #expect(
        content.glossary.contains { mentioned.contains($0.id) && $0.seeAlso.contains(id) },
        "\(id) unreachable")
    }
  }

  @Test("building the edition gives no warnings")
  func noWarnings() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-warn-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let report = try Builder(
      paths: BuildPaths(
        content: "Content", theme: "Theme", output: output.path,
        relativeTo: FirstEditionTests.repository)
    ).build()
    #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
  }
}
