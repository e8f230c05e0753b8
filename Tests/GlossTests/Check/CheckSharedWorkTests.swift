import Foundation
import Testing

@testable import Gloss

/// `gloss check` reads each different link once and resolves it once per folder, reads a content
/// file only to place a finding in it, and settles most spellings from the linker's mentions:
/// the findings must be the ones reading everything for every page and spelling would give.
@Suite("gloss check: work shared between pages and spellings, the same findings")
struct CheckSharedWorkTests {
  func check(_ site: TestSite) throws -> [String] {
    try SiteCheck(paths: site.paths).run().map(\.description)
  }

  @Test("the same link is resolved from the folder of each page that writes it")
  func sameLinkOtherFolder() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad met; see [B](../b/).
        -- Content/articles/b.md --
        ---
        title: B
        ---
        Text.
        """ + entry("quad", term: "Quad", body: "Compare [B](../b/)."))
    #expect(
      try check(site) == [
        "Content/glossary/quad.md:6:13: error: broken link '../b/': no such file glossary/b/index.html"
      ])
  }

  @Test("the search index's files are named, not made: links to them resolve, pages are the same")
  func searchIndexNamedNotMade() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad met; see [terms](../../search/t/0.js) and [none](../../search/t/9999.js).
        """ + entry("quad", term: "Quad"))
    #expect(
      try check(site) == [
        "Content/articles/a.md:4:59: error: broken link '../../search/t/9999.js': no such file search/t/9999.js"
      ])

    final class Collected: @unchecked Sendable {
      let lock = NSLock()
      var files: [String: [UInt8]] = [:]
    }
    let collected = Collected()
    let pipeline = SitePipeline(paths: site.paths, retainsSite: false)
    pipeline.makesSearchIndex = false
    pipeline.sink = { file in collected.lock.withLock { collected.files[file.path] = file.bytes } }
    #expect(pipeline.rebuild().succeeded)
    let built = Dictionary(
      try Builder(paths: site.paths).generate().0.files.map { ($0.path, $0.bytes) },
      uniquingKeysWith: { first, _ in first })
    #expect(collected.files.keys.sorted() == built.keys.sorted())
    for (path, bytes) in built.sorted(by: { $0.key < $1.key }) {
      if path.hasPrefix("search/t/") || path.hasPrefix("search/w/") || path.hasPrefix("search/d/") {
        #expect(!bytes.isEmpty, "\(path)")
        #expect(collected.files[path] == [], "\(path)")
      } else {
        #expect(collected.files[path] == bytes, "\(path)")
      }
    }
  }

  @Test("a broken link is reported on every page that has it")
  func sameBrokenLinkTwice() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad met; see [x](../nope/) and again [x](../nope/).
        -- Content/articles/b.md --
        ---
        title: B
        ---
        No Quad; see [x](../nope/).
        """ + entry("quad", term: "Quad"))
    #expect(
      try check(site) == [
        "Content/articles/a.md:4:23: error: broken link '../nope/': no such file articles/nope/index.html",
        "Content/articles/b.md:4:18: error: broken link '../nope/': no such file articles/nope/index.html",
      ])
  }

  @Test("a link that climbs above the site is broken from a top page, not from a deeper one")
  func climbingLink() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad met; see [home](../../index.html#main).
        """ + entry("quad", term: "Quad"))
    try site.write(
      "Theme/templates/home.mustache",
      "{{> partials/head}}<main id=\"main\"><a href=\"../../index.html#main\">Home</a></main>{{#articles}}{{/articles}}"
    )
    #expect(
      try check(site) == [
        "Site/index.html: error: broken link '../../index.html#main': leads outside the site (the link is in the theme's markup)"
      ])
  }

  @Test("an anchor on the page itself is checked against that page's ids only")
  func anchorOnOwnPage() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad met; see [the second](#p-2).

        Second.
        -- Content/articles/b.md --
        ---
        title: B
        ---
        The Quad again; see [the second](#p-2).
        """ + entry("quad", term: "Quad"))
    #expect(
      try check(site) == [
        "Content/articles/b.md:4:34: error: broken link '#p-2': no element with id 'p-2' in articles/b/index.html"
      ])
  }

  @Test("content files are read again only to place a finding, and then where the finding is")
  func lazySources() throws {
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Quad met.

        See [nothing](../nope/).
        """ + entry("quad", term: "Quad"))
    let (_, content) = try Builder(paths: site.paths).generate()
    let sources = ContentSources(content: content, paths: site.paths)
    #expect(sources.filesRead == [])
    let files = try #require(sources.pageSources[Route.article(slug: "a").path])
    let place = sources.locate([("](../nope/", 2)], in: files)
    #expect(place == FilePosition(path: "Content/articles/a.md", line: 6, column: 15))
    #expect(sources.filesRead == ["Content/articles/a.md"])
  }

  @Test("a clean site's check reads no content file again")
  func cleanSiteReadsNothing() throws {
    let site = try TestSite(
      minimalSite + "\n" + CheckTests.article + entry("quad", term: "Quad"))
    let (_, content) = try Builder(paths: site.paths).generate()
    let sources = ContentSources(content: content, paths: site.paths)
    #expect(GlossaryCheck.summaries(content: content, sources: sources) == [])
    #expect(sources.filesRead == [])
  }

  @Test(
    "a spelling hidden under another unlinked spelling's match is still found inside a longer term"
  )
  func hiddenSpelling() throws {
    // "Cold War era" and "Cold War" never link: "Cold War era mentality" is longer. Looked for
    // together, "Cold War era" hides "Cold War"; each must still be reported.
    let site = try TestSite(
      minimalSite + "\n"
        + """
        -- Content/articles/a.md --
        ---
        title: A
        ---
        The Cold War era mentality persists.
        """
        + entry(
          "cold-war-era-mentality", term: "Cold War era mentality",
          extra: "see_also: [cold-war-era, cold-war]\n")
        + entry("cold-war-era", term: "Cold War era") + entry("cold-war", term: "Cold War"))
    #expect(
      try check(site) == [
        "Content/glossary/cold-war-era.md:2:7: warning: term 'Cold War era' occurs 1 time in the articles but never links to 'cold-war-era': each time it is part of a longer term: 'Cold War era mentality' (cold-war-era-mentality)",
        "Content/glossary/cold-war.md:2:7: warning: term 'Cold War' occurs 1 time in the articles but never links to 'cold-war': each time it is part of a longer term: 'Cold War era mentality' (cold-war-era-mentality)",
      ])
  }

  @Test("each different link or id gets one number, kept as it was through the table's growth")
  func interning() {
    var interner = ByteInterner()
    func number(_ text: String) -> Int32 {
      var text = text
      return text.withUTF8 { interner.number($0) }
    }
    let values = (0..<5000).map { "../../articles/a-\($0)/#p-\($0 % 7)" } + ["", "é\u{301}"]
    let first = values.map(number)
    #expect(first == values.indices.map(Int32.init))
    #expect(values.map(number) == first)
    #expect(values.indices.allSatisfy { interner.string(Int32($0)) == values[$0] })
    #expect(interner.existingNumber("../../articles/a-42/#p-0") == 42)
    #expect(interner.existingNumber("../../articles/a-42/") == nil)
  }
}
