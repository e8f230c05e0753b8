import Foundation
import GlossTestSupport
import Testing

@testable import Gloss

/// The shared `TestSite` with the thorough theme by default: every template shows every value
/// of its page, so that a stale value anywhere in a rebuild shows up in the bytes.
final class ScratchSite: TestSite, @unchecked Sendable {
  override init(_ files: String, theme: [String: String]? = TestSite.thoroughTheme) throws {
    try super.init(files, theme: theme)
  }

  /// Replaces `old` with `new` in a file, which must contain it.
  func edit(
    _ path: String, _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    #expect(
      (try? read(path))?.contains(old) == true, "\(path) has no '\(old)'",
      sourceLocation: sourceLocation)
    try edit(path, replacing: old, with: new)
  }
}

/// A small site with every kind of content: plain-text and Markdown articles, metadata,
/// glossary entries with aliases and see-also links, and editor's notes.
let sampleSite = """
  -- Content/site.yml --
  title: Test Site
  description: A site for tests.
  base_url: https://example.org/
  -- Content/articles/alliances.md --
  ---
  title: Alliances in Asia
  date: 2024-05-01
  summary: Who stands with whom.
  ---
  # Background

  The Quad met again, and AUKUS was discussed.

  Later the QUAD and the Shanghai Cooperation Organisation met.
  -- Content/articles/nexus.txt --
  Sino-Russian Nexus

  By A. Writer

  Moscow and Beijing signed agreements; the Quad watched.
  The SCO summit followed, and AUKUS partners took note.

  The writer is a columnist.
  -- Content/articles/nexus.yml --
  date: 2024-06-01
  summary: A nexus.
  -- Content/articles/quiet.md --
  ---
  title: A Quiet Piece
  date: 2023-01-01
  ---
  Nothing here mentions a glossary term.
  -- Content/glossary/quad.md --
  ---
  term: Quad
  aliases: [Quadrilateral Security Dialogue]
  category: organization
  summary: Four democracies talking security.
  see_also: [aukus]
  ---
  The Quad is not AUKUS.
  -- Content/glossary/aukus.md --
  ---
  term: AUKUS
  category: alliance
  summary: Australia, the UK and the US.
  ---
  A pact, unlike the Quad.
  -- Content/glossary/sco.md --
  ---
  term: Shanghai Cooperation Organisation
  aliases: [SCO]
  category: organization
  summary: A Eurasian club.
  see_also: [quad]
  ---
  Founded in 2001.
  -- Content/annotations/alliances.yml --
  - id: met
    quote: "The Quad met again"
    kind: context
    note: It meets often, with AUKUS partners around.
  """
