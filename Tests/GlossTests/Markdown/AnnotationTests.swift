import Foundation
import Testing

@testable import Gloss

@Suite("Editor's notes anchored to quotes")
struct AnnotationTests {
  static let article = """
    -- Content/articles/essay.md --
    ---
    title: Essay
    ---
    The Quad met in 2021. It's a "forum", not an
    alliance.

    The Quad met again later.
    """

  func site(_ notes: String) throws -> TestSite {
    try TestSite(
      minimalSite + "\n" + Self.article + "\n" + entry("quad", term: "Quad")
        + "\n-- Content/annotations/essay.yml --\n"
        + notes)
  }

  @Test("an exact quote is marked, numbered, and its note follows the passage")
  func exactQuote() throws {
    let site = try site(
      """
      - id: date
        quote: met in 2021
        kind: fact-check
        note: The first leaders' summit was in **March 2021**.
        sources:
          - title: White House
            url: https://example.gov/quad
      """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(
      html.contains(
        ##"<mark class="annotated" data-note="1">met in 2021</mark><a class="note-ref" href="#note-1" id="note-ref-1" data-note="1" aria-label="Editor’s note 1"></a>. It’s"##
      ))
    // The sidenote sits just before its paragraph, so the paragraph's text stays the author's.
    #expect(
      html.contains(
        #"<aside class="sidenote" id="sidenote-1" data-note="1" data-kind="fact-check""#))
    #expect(
      html.contains(
        "The first leaders’ summit was in <strong>March 2021</strong>.</p>\n<p class=\"note-sources\">"
      ))
    #expect(
      html.contains(
        "<a href=\"https://example.gov/quad\">White House</a></p>\n</aside>\n<p id=\"p-1\">"))
  }

  @Test("a quote matches across every hyphen the glossary matcher folds, full-width ones too")
  func hyphensFoldAsTheMatcherFolds() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/essay.md --
        ---
        title: Essay
        ---
        A north\u{FF0D}south and an east\u{FE63}west road, and a small\u{FE58}scale map.
        -- Content/annotations/essay.yml --
        - id: roads
          quote: north-south and an east-west road
          kind: context
          note: Two roads.
        - id: map
          quote: small-scale map
          kind: context
          note: A map.
        """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(html.contains(#"<mark class="annotated" data-note="1">north－south"#))
    #expect(html.contains(#"<mark class="annotated" data-note="2">small﹘scale map</mark>"#))
  }

  @Test("a quote folds width and Arabic variants as the glossary matcher does")
  func scriptsFoldAsTheMatcherFolds() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/essay.md --
        ---
        title: Essay
        ---
        在ＮＡＴＯ的会议上，ﾅﾄｰ也被提到。

        قال حلف الناتـــو إنَّ الاجتماع انتهى.
        -- Content/annotations/essay.yml --
        - id: wide
          quote: NATO的会议
          kind: context
          note: Full-width.
        - id: kana
          quote: ナトー
          kind: context
          note: Half-width.
        - id: arabic
          quote: الناتو إن
          kind: context
          note: Tatweel and harakat.
        """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(html.contains(#"<mark class="annotated" data-note="1">ＮＡＴＯ的会议</mark>"#))
    #expect(html.contains(#"<mark class="annotated" data-note="2">ﾅﾄｰ</mark>"#))
    // The anchor keeps the last letter's shadda and fatha: it never cuts a character.
    #expect(html.contains(#"<mark class="annotated" data-note="3">الناتـــو إنَّ</mark>"#))
  }

  @Test("straight quotes in the quote match the curly ones a reader sees, across a line break")
  func curlyAndLineBreak() throws {
    let site = try site(
      """
      - id: forum
        quote: It's a "forum", not an alliance
        kind: context
        note: Leaders call it a diplomatic network.
      """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(
      html.contains("<mark class=\"annotated\" data-note=\"1\">It’s a “forum”, not an</mark>"))
    #expect(
      html.contains(
        "<mark class=\"annotated\" data-note=\"1\">alliance</mark><a class=\"note-ref\""))
  }

  @Test(
    "a quote that crosses a term link is marked in pieces, and the reference stays outside the link"
  )
  func acrossTermLink() throws {
    let site = try site(
      """
      - id: quad-met
        quote: The Quad met in
        kind: context
        note: Context.
      """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(
      html.contains(
        #"<p id="p-1"><mark class="annotated" data-note="1">The </mark><a class="term" href="../../glossary/quad/index.html" data-term="quad" aria-describedby="tip-quad"><mark class="annotated" data-note="1">Quad</mark></a><mark class="annotated" data-note="1"> met in</mark><a class="note-ref""#
      ))
  }

  @Test("a quote found twice needs a prefix or suffix; the error names both paragraphs")
  func ambiguous() throws {
    let site = try site(
      """
      - id: again
        quote: The Quad met
        kind: context
        note: Which one?
      """)
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Content/annotations/essay.yml:2:10: error: note 'again': quote occurs 2 times in article 'essay' (paragraphs 1, 2); add a prefix or suffix to choose one"
      ])
  }

  @Test("a suffix chooses between two occurrences")
  func suffixChooses() throws {
    let site = try site(
      """
      - id: again
        quote: The Quad met
        suffix: again
        kind: context
        note: This one.
      """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(html.contains(#"<p id="p-2"><mark class="annotated" data-note="1">The "#))
  }

  @Test("a quote that no longer matches fails the build and shows the closest passage")
  func missingWithSuggestion() throws {
    let site = try site(
      """
      - id: date
        quote: met in 2022
        kind: fact-check
        note: Old note.
      """)
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Content/annotations/essay.yml:2:10: error: note 'date': quote not found in article 'essay': “met in 2022”; closest passage (paragraph 1): “met in 2021.”"
      ])
  }

  @Test("notes are numbered in reading order, not file order")
  func readingOrder() throws {
    let site = try site(
      """
      - id: second
        quote: again later
        kind: context
        note: B.
      - id: first
        quote: met in 2021
        kind: context
        note: A.
      """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(html.contains(#"<mark class="annotated" data-note="1">met in 2021</mark>"#))
    #expect(html.contains(#"<mark class="annotated" data-note="2">again later</mark>"#))
  }

  @Test("a glossary term inside a note is linked")
  func termInNote() throws {
    let site = try site(
      """
      - id: date
        quote: met in 2021
        kind: context
        note: The Quad was revived in 2017.
      """)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(html.contains(#"<p>The <a class="term" href="../../glossary/quad/index.html""#))
  }

  @Test("editing the seed so that a quote breaks fails the build with the note's name and position")
  func seedEditBreaksQuote() throws {
    let repository = FirstEditionTests.repository
    let site = try TestSite(minimalSite)
    let seed = try String(
      contentsOf: repository.appendingPathComponent("Content/articles/sino-russian-nexus.txt"),
      encoding: .utf8)
    try site.write(
      "Content/articles/sino-russian-nexus.txt",
      seed.replacingOccurrences(
        of: "Trade volume between Moscow and Beijing", with: "Trade between Russia and China"))
    let notes = try String(
      contentsOf: repository.appendingPathComponent("Content/annotations/sino-russian-nexus.yml"),
      encoding: .utf8)
    try site.write("Content/annotations/sino-russian-nexus.yml", notes)
    let errors = site.buildErrors().map(\.description)
    #expect(errors.count == 1)
    let error = try #require(errors.first)
    #expect(error.hasPrefix("Content/annotations/sino-russian-nexus.yml:"))
    #expect(error.contains("quote not found in article 'sino-russian-nexus'"))
    #expect(
      error.contains(
        "closest passage (paragraph 7): “Trade between Russia and China has staggered at $240 billion"
      ))
  }
}
