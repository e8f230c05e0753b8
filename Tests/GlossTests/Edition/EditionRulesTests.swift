import Foundation
import Testing

@testable import Gloss

/// Editorial rules of the edition that no build error enforces (issue "The edition, second
/// pass"): how slips in the author's text are marked, and that the reader can reach every entry.
@Suite("The edition's editorial rules")
struct EditionRulesTests {
  static func load() throws -> Content {
    let result = ContentLoader(
      directory: FirstEditionGlossaryTests.content, displayRoot: "Content"
    ).load()
    #expect(
      result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description).joined(separator: "\n"))"
    )
    return try #require(result.content)
  }

  /// "slip" or "slips" as a word, in any case.
  static func callsTextASlip(_ note: String) -> Bool {
    note.range(of: #"\bslips?\b"#, options: [.regularExpression, .caseInsensitive]) != nil
  }

  @Test(
    "a note that corrects a slip is a correction and opens with [sic]; no other kind says [sic] or calls the text a slip"
  )
  func sicMarksCorrections() throws {
    let content = try Self.load()
    let notes = content.annotations.sorted { $0.key < $1.key }.flatMap { slug, notes in
      notes.map { (slug, $0) }
    }
    #expect(notes.contains { $0.1.kind == .correction })
    for (slug, note) in notes {
      let text = note.note.trimmingCharacters(in: .whitespacesAndNewlines)
      if note.kind == .correction {
        #expect(
          text.hasPrefix("[sic]"), "\(slug)/\(note.id): a correction note must open with [sic]")
      } else {
        #expect(
          !text.contains("[sic]"),
          "\(slug)/\(note.id): [sic] marks a slip; file the note as kind correction")
        #expect(
          !Self.callsTextASlip(text),
          "\(slug)/\(note.id): a note that calls the text a slip is a correction and opens with [sic]"
        )
      }
    }
  }

  @Test("every glossary entry is reachable from some article page, in its text or in a note")
  func everyEntryReachable() throws {
    let content = try Self.load()
    let generator = SiteGenerator(
      content: content,
      theme: try Theme(directory: FirstEditionTests.repository.appendingPathComponent("Theme")))
    let rendered = content.articles.map { generator.renderArticle($0) }
    // `termsInOrder` is what an article page links: the body's terms, then those only its
    // editor's notes mention.
    let reached = Set(rendered.flatMap(\.termsInOrder))
    let unreached = content.glossary.map(\.id).filter { !reached.contains($0) }
    #expect(
      unreached.isEmpty,
      "no article page links to \(unreached): name them in a note on the passage, or give them an alias the article uses"
    )
  }
}
