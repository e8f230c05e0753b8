import Foundation
import Testing

@testable import Gloss

/// The site a build replaces is kept as `.Site.gloss-spare` and written over by the next build:
/// faster than making every file anew and deleting the old ones, and never a different result.
@Suite("The replaced site is reused as the next build's staging folder")
struct SpareTreeTests {
  static let site =
    minimalSite + entry("quad", term: "Quad") + """

      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Quad met.
      -- Content/articles/b.md --
      ---
      title: B
      ---
      Nothing here.
      """

  @Test(
    "a rebuild over the spare gives the bytes of a build from nothing, pages that are gone included"
  )
  func sameAsFresh() throws {
    let site = try TestSite(Self.site)
    try site.build()
    #expect(site.exists(".Site.gloss-spare") == false, "the first build replaced nothing")
    try site.build()
    #expect(site.exists(".Site.gloss-spare"))
    try site.remove("Content/articles/b.md")
    try site.write(".Site.gloss-spare/stale/index.html", "from nowhere")
    try site.build()
    let fresh = try TestSite(Self.site)
    try fresh.remove("Content/articles/b.md")
    try fresh.build()
    #expect(site.snapshot() == fresh.snapshot())
    #expect(!site.exists("Site/articles/b/index.html"))
    #expect(InvalidCorpus.leftovers(in: site.root).isEmpty)
  }

  @Test("a link, a second name or a folder in the spare is replaced, never written through")
  func nothingOutsideIsWritten() throws {
    let site = try TestSite(Self.site)
    try site.build()
    try site.build()
    let outside = site.url("outside.txt")
    try "keep me\n".write(to: outside, atomically: false, encoding: .utf8)
    let spare = site.url(".Site.gloss-spare")
    try FileManager.default.removeItem(at: spare.appendingPathComponent("index.html"))
    try FileManager.default.createSymbolicLink(
      at: spare.appendingPathComponent("index.html"), withDestinationURL: outside)
    try FileManager.default.removeItem(at: spare.appendingPathComponent("feed.xml"))
    try FileManager.default.linkItem(at: outside, to: spare.appendingPathComponent("feed.xml"))
    try FileManager.default.removeItem(at: spare.appendingPathComponent("404.html"))
    try FileManager.default.createDirectory(
      at: spare.appendingPathComponent("404.html/inside"), withIntermediateDirectories: true)
    try site.build()
    #expect(try String(contentsOf: outside, encoding: .utf8) == "keep me\n")
    let fresh = try TestSite(Self.site)
    try fresh.build()
    #expect(site.snapshot() == fresh.snapshot())
  }

  @Test("a file the spare already holds with the same bytes is left as it is, not written again")
  func unchangedFilesAreNotRewritten() throws {
    let site = try TestSite(Self.site)
    try site.build()
    try site.build()
    // The spare is the first build's site; the next build writes over it.
    let old = Date(timeIntervalSince1970: 1_000_000_000)
    for page in ["404.html", "articles/b/index.html"] {
      try FileManager.default.setAttributes(
        [.modificationDate: old], ofItemAtPath: site.url(".Site.gloss-spare/\(page)").path)
    }
    try site.write("Content/articles/b.md", "---\ntitle: B\n---\nNothing here, still.\n")
    try site.build()
    func modified(_ page: String) throws -> Date? {
      try FileManager.default.attributesOfItem(atPath: site.url("Site/\(page)").path)[
        .modificationDate] as? Date
    }
    #expect(try modified("404.html") == old, "the 404 page did not change")
    #expect(try modified("articles/b/index.html") != old, "the edited article was written")
    let fresh = try TestSite(Self.site)
    try fresh.write("Content/articles/b.md", "---\ntitle: B\n---\nNothing here, still.\n")
    try fresh.build()
    #expect(site.snapshot() == fresh.snapshot())
  }
}
