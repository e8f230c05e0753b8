import Testing

@testable import Gloss

/// Whole sites written inline, built, edited and rebuilt, counting the page models a rebuild
/// makes: a page's model is made again only when one of the small things its key is made of
/// changed (its article's render, its neighbours, the tips and mentions it shows), so that one
/// edit on a large site costs the pages that show it, not every page.
@Suite("Edit and rebuild: only the pages that show what changed are made again")
struct RebuildScopeTests {
  /// One article per page of the home page, newest first: a, b, c.
  static let site =
    """
    -- Content/site.yml --
    title: Test Site
    base_url: https://example.org/
    paginate: 1
    """ + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS")
    + entry("chip", term: "Chip", body: "Made where the Quad meets.") + """

      -- Content/articles/a.md --
      ---
      title: A
      date: 2024-03-01
      ---
      The Quad met.
      -- Content/articles/b.md --
      ---
      title: B
      date: 2024-02-01
      ---
      AUKUS sailed.

      Nothing else happened.
      -- Content/articles/c.md --
      ---
      title: C
      date: 2024-01-01
      ---
      A chip was made.
      """

  /// A site built once by its own pipeline, edited, and rebuilt after each edit.
  final class Session {
    let site: TestSite
    let pipeline: SitePipeline

    /// - Parameter repositoryTheme: the repository's theme (it draws concept maps) instead of
    ///   the minimal one.
    init(repositoryTheme: Bool = false) throws {
      site = try TestSite(RebuildScopeTests.site)
      if repositoryTheme { try site.copyFromRepository("Theme") }
      pipeline = SitePipeline(paths: site.paths)
      let first = pipeline.rebuild()
      #expect(first.succeeded)
    }

    /// The pages whose model was made again after `path` was edited.
    func edit(_ path: String, replacing old: String, with new: String) throws -> RebuildOutcome {
      try site.edit(path, replacing: old, with: new)
      let outcome = pipeline.rebuild(.paths([site.absolute(path)]))
      #expect(outcome.succeeded)
      return outcome
    }

    /// Whether the pipeline's files are a clean build's, byte for byte.
    func matchesCleanBuild() throws -> Bool {
      try site.build()
      let rebuilt = Dictionary(
        uniqueKeysWithValues: pipeline.files.map { ($0.path, $0.bytes) })
      return site.snapshot() == rebuilt
    }
  }

  static func pages(_ paths: [String]) -> [String] { paths.filter { $0.hasSuffix(".html") } }

  @Test("the first run makes every page's model")
  func firstRun() throws {
    let session = try Session()
    #expect(
      session.pipeline.modelled == [
        "articles/a/index.html", "articles/b/index.html", "articles/c/index.html",
        "glossary/aukus/index.html", "glossary/chip/index.html", "glossary/quad/index.html",
        "index.html", "page/2/index.html", "page/3/index.html",
      ])
  }

  @Test("an article's text edit makes its own page's model, and no other")
  func articleText() throws {
    let session = try Session()
    let outcome = try session.edit(
      "Content/articles/b.md", replacing: "Nothing else happened.", with: "Nothing more happened.")
    #expect(session.pipeline.modelled == ["articles/b/index.html"])
    #expect(Self.pages(outcome.rendered) == ["articles/b/index.html"])
    #expect(try session.matchesCleanBuild())
  }

  @Test("an edit to a quoted paragraph also makes the page of the entry that quotes it")
  func quotedParagraph() throws {
    let session = try Session()
    _ = try session.edit(
      "Content/articles/b.md", replacing: "AUKUS sailed.", with: "AUKUS sailed on.")
    #expect(session.pipeline.modelled == ["articles/b/index.html", "glossary/aukus/index.html"])
    #expect(try session.matchesCleanBuild())
  }

  @Test("a new title makes the home page with its card, the neighbours and the quoting entry")
  func articleTitle() throws {
    let session = try Session()
    _ = try session.edit("Content/articles/b.md", replacing: "title: B", with: "title: Bee")
    #expect(
      session.pipeline.modelled == [
        "articles/a/index.html", "articles/b/index.html", "articles/c/index.html",
        "glossary/aukus/index.html", "page/2/index.html",
      ])
    #expect(try session.matchesCleanBuild())
  }

  @Test("a longer article changes its card's reading time: only its page of the home page")
  // The new words are a paragraph of their own: the excerpt that quotes the chip is the same.
  func articleCard() throws {
    let session = try Session()
    let words = Array(repeating: "word", count: 600).joined(separator: " ")
    _ = try session.edit(
      "Content/articles/c.md", replacing: "A chip was made.", with: "A chip was made.\n\n\(words)")
    #expect(session.pipeline.modelled == ["articles/c/index.html", "page/3/index.html"])
    #expect(try session.matchesCleanBuild())
  }

  @Test("an entry's new summary makes the pages that show its tip, and its own")
  func entrySummary() throws {
    let session = try Session()
    let outcome = try session.edit(
      "Content/glossary/quad.md", replacing: "summary: About Quad.", with: "summary: Four states.")
    // Article a shows Quad's tip; chip's body links to Quad.
    #expect(
      session.pipeline.modelled == [
        "articles/a/index.html", "glossary/chip/index.html", "glossary/quad/index.html",
      ])
    #expect(
      Self.pages(outcome.rendered) == [
        "articles/a/index.html", "glossary/chip/index.html", "glossary/index.html",
        "glossary/quad/index.html",
      ])
    #expect(try session.matchesCleanBuild())
  }

  @Test("an edit that changes nothing a page shows makes no page")
  func nothingShown() throws {
    let session = try Session()
    _ = try session.edit("Content/glossary/aukus.md", replacing: "Body.", with: "Body.")
    #expect(session.pipeline.modelled == [])
    #expect(try session.matchesCleanBuild())
  }

  @Test("search postings patched edit after edit, terms coming and going, stay a clean build's")
  func searchPatches() throws {
    let session = try Session()
    // The first patch writes every term's part of the touched files; the later ones reuse the
    // parts of the terms they did not touch.
    let edits = [
      ("Nothing else happened.", "Nothing zebra happened."),
      ("Nothing zebra happened.", "Nothing yak or zebra happened."),
      ("Nothing yak or zebra happened.", "Nothing else happened."),
    ]
    for (old, new) in edits {
      let outcome = try session.edit("Content/articles/b.md", replacing: old, with: new)
      #expect(outcome.rendered.contains { $0.hasPrefix("search/t/") })
      #expect(try session.matchesCleanBuild(), "\(new)")
    }
  }

  @Test("an entry's new summary lays out no concept map: maps show terms, not summaries")
  func summaryKeepsMaps() throws {
    let session = try Session(repositoryTheme: true)
    let maps = session.pipeline.conceptMaps.made
    #expect(maps > 0)
    _ = try session.edit(
      "Content/glossary/quad.md", replacing: "summary: About Quad.", with: "summary: Four states.")
    #expect(session.pipeline.conceptMaps.made == maps)
    #expect(try session.matchesCleanBuild())
  }
}
