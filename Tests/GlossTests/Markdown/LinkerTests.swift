import Testing

@testable import Gloss

@Suite("Linking glossary terms on the cmark tree")
struct LinkerTests {
  static let glossary = [
    TermPattern(text: "Quad", entryID: "quad"),
    TermPattern(text: "Cold War", entryID: "cold-war"),
    TermPattern(text: "Cold War 2.0", entryID: "cold-war-2"),
    TermPattern(text: "NATO", entryID: "nato"),
  ]

  func render(_ markdown: String, policy: LinkPolicy = .every, excluding: Set<String> = [])
    -> RenderedMarkdown
  {
    MarkdownRenderer(linker: GlossaryLinker(patterns: Self.glossary))
      .render(markdown, policy: policy, excluding: excluding)
  }

  func link(_ id: String, _ text: String) -> String {
    #"<a class="term" href="../../glossary/\#(id)/index.html" data-term="\#(id)" aria-describedby="tip-\#(id)">\#(text)</a>"#
  }

  @Test("a term in a paragraph becomes a link, the text around it unchanged")
  func simpleLink() {
    let html = render("Members of the Quad met.\n").html
    #expect(html == #"<p id="p-1">Members of the \#(link("quad", "Quad")) met.</p>"# + "\n")
  }

  @Test("longest match wins")
  func longestMatch() {
    let html = render("The Cold War 2.0 is not the Cold War.\n").html
    #expect(html.contains(link("cold-war-2", "Cold War 2.0")))
    #expect(html.contains("the \(link("cold-war", "Cold War"))."))
  }

  @Test("multi-word terms match across a soft line break")
  func acrossSoftBreak() {
    let html = render("the Cold\nWar ended\n").html
    #expect(html.contains(#"<a class="term" href="../../glossary/cold-war/index.html""#))
    #expect(html.contains(">Cold\nWar</a> ended"))
  }

  @Test("terms inside emphasis are linked; terms across emphasis boundaries are not")
  func emphasis() {
    #expect(
      render("an *important Quad* meeting\n").html.contains(
        "<em>important \(link("quad", "Quad"))</em>"))
    #expect(!render("the *Cold* War\n").html.contains("class=\"term\""))
  }

  @Test(
    "never inside code, links, images, raw HTML or headings",
    arguments: [
      "Use `Quad` here.\n",
      "See [the Quad](https://example.org) page.\n",
      "![Quad logo](q.png)\n",
      "# The Quad\n",
      "Quad\n====\n",
      "    Quad in code\n",
      "```\nQuad\n```\n",
      "<div>Quad</div>\n",
      "<https://quad.example/Quad>\n",
    ])
  func notLinkedWhere(_ markdown: String) {
    let html = render(markdown).html
    #expect(!html.contains("class=\"term\""), "linked in: \(markdown)")
  }

  @Test("headings get ids for the table of contents, paragraphs get p-N")
  func blockIDs() {
    let rendered = render("# Intro\n\nText.\n\n## The Quad\n\n- tight\n- list\n\nMore.\n")
    #expect(rendered.html.contains(#"<h1 id="intro">Intro</h1>"#))
    #expect(rendered.html.contains(#"<h2 id="the-quad">The Quad</h2>"#))
    #expect(rendered.html.contains(#"<p id="p-1">Text.</p>"#))
    #expect(rendered.html.contains(#"<p id="p-2">More.</p>"#))
    #expect(rendered.html.contains("<ul>\n<li>tight</li>"))
    #expect(!rendered.html.contains("data-sourcepos"))
    #expect(rendered.headings.map(\.id) == ["intro", "the-quad"])
  }

  @Test("content cannot forge the sourcepos attribute Gloss rewrites")
  func forgedSourcepos() {
    let html = render(
      #"A <p data-sourcepos="1:1-1:5"> tag and data-sourcepos="1:1-1:5" text."# + "\n"
    ).html
    #expect(!html.contains(#" id="p-2""#))
    #expect(!html.contains(#"data-sourcepos=""#))
    #expect(html.contains("data-sourcepos=“1:1-1:5” text."))
  }

  @Test("terms nested deeper than 32 levels of emphasis are mentions but not links")
  func deepEmphasis() throws {
    func nested(_ depth: Int) -> String {
      String(repeating: "*x ", count: depth) + "Quad" + String(repeating: " x*", count: depth)
        + "\n"
    }
    let shallow = render(nested(GlossaryLinker.maximumLinkDepth))
    #expect(shallow.html.contains(link("quad", "Quad")))
    let deep = render(nested(GlossaryLinker.maximumLinkDepth + 1))
    #expect(!deep.html.contains(#"class="term""#))
    #expect(deep.html.contains("Quad"))
    let paragraph = try #require(deep.paragraphs.first)
    #expect(paragraph.mentions.map(\.entryID) == ["quad"])
  }

  @Test("link policy first-in-article links each term once per article")
  func firstInArticle() {
    let rendered = render("Quad and Quad.\n\nQuad again.\n", policy: .firstInArticle)
    #expect(rendered.html.components(separatedBy: "class=\"term\"").count - 1 == 1)
    // Mentions are recorded for every occurrence.
    #expect(rendered.paragraphs.map(\.mentions.count) == [2, 1])
  }

  @Test("link policy first-in-paragraph links each term once per paragraph")
  func firstInParagraph() {
    let html = render("Quad and Quad.\n\nQuad again.\n", policy: .firstInParagraph).html
    #expect(html.components(separatedBy: "class=\"term\"").count - 1 == 2)
  }

  @Test("link policy every links every occurrence")
  func every() {
    let html = render("Quad and Quad.\n\nQuad again.\n", policy: .every).html
    #expect(html.components(separatedBy: "class=\"term\"").count - 1 == 3)
  }

  @Test("an excluded entry is not linked but still shadows shorter terms inside it")
  func excluded() {
    let html = render("Cold War 2.0 began.\n", excluding: ["cold-war-2"]).html
    #expect(!html.contains("class=\"term\""))
  }

  @Test("paragraph text is what a reader sees, with mention ranges into it")
  func paragraphText() throws {
    let rendered = render("A *bold* [link](x) `code` &amp; the Cold\nWar.\n")
    let paragraph = try #require(rendered.paragraphs.first)
    #expect(paragraph.text == "A bold link code & the Cold War.")
    let mention = try #require(paragraph.mentions.first)
    let bytes = Array(paragraph.text.utf8)
    #expect(String(decoding: bytes[mention.range], as: UTF8.self) == "Cold War")
  }

  @Test("with no glossary and plain options the HTML is exactly libcmark's")
  func plainIsCmark() {
    let markdown = "# H\n\n*a* <b>raw</b> [l](javascript:alert(1)) \"q\"\n"
    let html = MarkdownRenderer(linker: GlossaryLinker(patterns: []), options: .plain).render(
      markdown
    ).html
    #expect(
      html
        == "<h1>H</h1>\n<p><em>a</em> <!-- raw HTML omitted -->raw<!-- raw HTML omitted --> <a href=\"\">l</a> &quot;q&quot;</p>\n"
    )
  }

  @Test("smart punctuation is on for articles")
  func smart() {
    let html = render("\"Quoted\" -- it's...\n").html
    #expect(html.contains("“Quoted” – it’s…"))
  }
}
