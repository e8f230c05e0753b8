import Foundation
import Testing

@testable import Gloss

/// What a term link in an article is described by. The article's list of terms already holds
/// each term's summary, category and link; the page carries no second, hidden copy of them for
/// previews (at 10,000 articles of 20 terms each that copy was 90 MB). Each link is described by
/// its term's line in the list, and gloss.js makes the previews from those lines.
@Suite("An article's term links are described by its list of terms, not by hidden copies")
struct TermDescriptionTests {
  static let site =
    minimalSite + entry("quad", term: "Quad") + entry("aukus", term: "AUKUS") + """

      -- Content/articles/a.md --
      ---
      title: A
      ---
      The Quad and AUKUS met; the Quad spoke first.
      """

  @Test("each term's summary line carries the id its links are described by, once")
  func summaryLinesCarryTheIDs() throws {
    let site = try TestSite(Self.site, theme: nil)
    try site.copyFromRepository("Theme")
    try site.build()
    let page = try site.read("Site/articles/a/index.html")
    #expect(page.contains(#"aria-describedby="tip-quad">Quad</a>"#))
    #expect(page.contains(#"<dd id="tip-quad">About Quad.</dd>"#))
    #expect(page.contains(#"<dd id="tip-aukus">About AUKUS.</dd>"#))
    #expect(page.components(separatedBy: #"id="tip-quad""#).count == 2)
    #expect(!page.contains(#"class="term-tip""#))
    #expect(!page.contains(#"class="term-tips""#))
    // The line holds what a preview shows: the term's link and its category.
    #expect(
      page.contains(
        #"<dt><a href="../../glossary/quad/index.html">Quad</a> <span class="category-label">Concept</span></dt>"#
      ))
  }

  @Test("gloss check finds every description the links name")
  func checkResolvesTheDescriptions() throws {
    let site = try TestSite(Self.site, theme: nil)
    try site.copyFromRepository("Theme")
    let findings = try SiteCheck(paths: site.paths).run()
    #expect(!findings.contains { $0.message.contains("aria-describedby") }, "\(findings)")
  }
}
