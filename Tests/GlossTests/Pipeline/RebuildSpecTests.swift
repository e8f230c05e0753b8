import Testing

@testable import Gloss

/// Whole sites written inline, built, edited, rebuilt and asserted, as Hugo's integration tests
/// do: what a rebuild renders is decided by the page models alone.
@Suite("Edit and rebuild: a page is rendered again exactly when what it shows changed")
struct RebuildSpecTests {
  static let site =
    minimalSite + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS") + """

      -- Content/articles/a.md --
      ---
      title: A
      date: 2024-02-01
      ---
      The Quad met.
      -- Content/articles/b.md --
      ---
      title: B
      date: 2024-01-01
      ---
      AUKUS sailed.

      Nothing else happened.
      """

  static func pages(_ outcome: RebuildOutcome) -> [String] {
    outcome.rendered.filter { $0.hasSuffix(".html") }
  }

  @Test("keeping digests instead of bytes (as serve does) tells the same files as written")
  func digestsTellTheSame() throws {
    let site = try TestSite(Self.site, theme: TestSite.thoroughTheme)
    let withBytes = SitePipeline(paths: site.paths)
    let withDigests = SitePipeline(paths: site.paths, keepsFileBytes: false)
    func both(_ changed: [String]) {
      let change: ChangeSet =
        changed.isEmpty ? .everything : .paths(Set(changed.map(site.absolute)))
      let a = withBytes.rebuild(change)
      let b = withDigests.rebuild(change)
      #expect(a.written.map(\.path) == b.written.map(\.path), "\(changed)")
      #expect(a.written.map(\.bytes) == b.written.map(\.bytes), "\(changed)")
      #expect(a.removed == b.removed, "\(changed)")
    }
    both([])
    try site.edit("Content/articles/a.md", replacing: "The Quad met.", with: "The Quad met again.")
    both(["Content/articles/a.md"])
    // Rendered again, the same bytes: not written again.
    try site.edit("Content/articles/b.md", replacing: "Nothing else", with: "Nothing else")
    both(["Content/articles/b.md"])
    try site.remove("Content/articles/b.md")
    both(["Content/articles/b.md"])
    #expect(withDigests.files.isEmpty && !withBytes.files.isEmpty)
  }

  @Test("a warning from a file no edit touched is told again on every rebuild, once")
  func untouchedWarningsRepeat() throws {
    let site = try TestSite(
      minimalSite + entry("quad", term: "Quad", extra: "colour: blue\n")
        + entry("aukus", term: "AUKUS") + """

          -- Content/articles/a.md --
          ---
          title: A
          flavour: odd
          ---
          The Quad met.
          -- Content/articles/b.md --
          ---
          title: B
          ---
          AUKUS sailed.
          """)
    func warnings(_ outcome: RebuildOutcome) -> [String] {
      outcome.report.diagnostics.filter { $0.severity == .warning }.map(\.message)
        .filter { $0.contains("unknown key") }.sorted()
    }
    let first = warnings(site.rebuild())
    #expect(first.count == 2 && first.contains { $0.contains("'colour'") })
    try site.edit("Content/articles/b.md", replacing: "sailed.", with: "sailed on.")
    #expect(warnings(site.rebuild("Content/articles/b.md")) == first)
    try site.edit("Content/glossary/aukus.md", replacing: "About AUKUS.", with: "Three states.")
    #expect(warnings(site.rebuild("Content/glossary/aukus.md")) == first)
    // Nothing changed at all: the same warnings still.
    #expect(warnings(site.rebuild("Content/articles/b.md")) == first)
    // The warning's own file fixed: gone, the other one stays.
    try site.edit("Content/articles/a.md", replacing: "flavour: odd\n", with: "")
    #expect(
      warnings(site.rebuild("Content/articles/a.md")) == first.filter { $0.contains("'colour'") })
  }

  @Test("the first run renders every page; a clean build gives the same bytes")
  func firstRun() throws {
    let site = try TestSite(Self.site)
    let first = site.rebuild()
    #expect(first.succeeded)
    #expect(
      Self.pages(first) == [
        "404.html", "articles/a/index.html", "articles/b/index.html", "glossary/aukus/index.html",
        "glossary/index.html", "glossary/quad/index.html", "index.html",
      ])
    try site.build()
    #expect(site.snapshot() == site.rebuiltFiles)
  }

  @Test("an edit to an article's text renders its page, and the entries that quote the paragraph")
  func articleText() throws {
    let site = try TestSite(Self.site)
    site.rebuild()
    try site.edit(
      "Content/articles/b.md", replacing: "Nothing else happened.", with: "Nothing more happened.")
    #expect(Self.pages(site.rebuild("Content/articles/b.md")) == ["articles/b/index.html"])
    try site.edit("Content/articles/b.md", replacing: "AUKUS sailed.", with: "AUKUS sailed on.")
    let quoted = site.rebuild("Content/articles/b.md")
    #expect(Self.pages(quoted) == ["articles/b/index.html", "glossary/aukus/index.html"])
    try site.build()
    #expect(site.snapshot() == site.rebuiltFiles)
  }

  @Test("a new title shows on the home page and on the neighbour that links to it")
  func articleTitle() throws {
    let site = try TestSite(Self.site)
    site.rebuild()
    try site.edit("Content/articles/b.md", replacing: "title: B", with: "title: Bee")
    let outcome = site.rebuild("Content/articles/b.md")
    #expect(
      Self.pages(outcome) == [
        "articles/a/index.html", "articles/b/index.html", "glossary/aukus/index.html",
        "index.html",
      ])
    try site.build()
    #expect(site.snapshot() == site.rebuiltFiles)
  }

  @Test("a new summary shows wherever the entry's tip or line is")
  func entrySummary() throws {
    let site = try TestSite(Self.site)
    site.rebuild()
    try site.edit(
      "Content/glossary/quad.md", replacing: "summary: About Quad.", with: "summary: Four states.")
    let outcome = site.rebuild("Content/glossary/quad.md")
    #expect(
      Self.pages(outcome) == [
        "articles/a/index.html", "glossary/index.html", "glossary/quad/index.html",
      ])
    try site.build()
    #expect(site.snapshot() == site.rebuiltFiles)
  }
}
