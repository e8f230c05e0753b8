import Foundation
import Testing

@testable import Gloss

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Content is not trusted to run script in a reader's browser. A site full of hostile text is
/// built with the real theme; its pages are parsed as a browser would tokenize them and compared
/// with the same site built from harmless text.
@Suite("Hostile content is escaped or dropped in every context")
struct HostileContentTests {
  /// Every payload calls `pwn`, so anything executable that came from content contains it.
  static let payload =
    #"<script>pwn()</script>"'><img src=x onerror=pwn()>&amp; </title></textarea>{{pwn}}"#

  static let hostileMarkdown = #"""
    The Quad met. <script>pwn()</script> <img src="x" onerror="pwn()"> <svg onload=pwn()></svg>
    <iframe src="javascript:pwn()"></iframe> <a href="javascript:pwn()" onclick="pwn()">raw</a>

    <div onmouseover="pwn()"><style>body{background:url(javascript:pwn())}</style></div>

    [js](javascript:pwn()) [JS](JAVASCRIPT:pwn()) [entity](&#106;avascript:pwn()) [tab](java	script:pwn())
    [vb](vbscript:pwn()) [data](data:text/html;base64,PHNjcmlwdD5wd24oKTwvc2NyaXB0Pg==)
    [svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9cHduKCk+) ![img](javascript:pwn()) <javascript:pwn()>
    [quote](<https://example.org/" onclick="pwn()>) [title](https://example.org/ "x\" onclick=\"pwn()")
    [ref][r] and the Quad's "quoted" & <angled> text.

    [r]: javascript:pwn()

    # <script>pwn()</script> heading "with" 'quotes'

    ```html
    <script>pwn()</script>
    ```
    """#

  /// `language` is not free text: a value that is not a language tag is refused
  /// (`InterfaceStringsTests.hostileSiteLanguage`), so it is no payload here.
  static func site(hostile: Bool) -> String {
    let p = hostile ? payload : "Plain words"
    let body = hostile ? hostileMarkdown : "The Quad met.\n\nA second paragraph.\n\n# A heading\n"
    let yamlP = "'" + p.replacingOccurrences(of: "'", with: "''") + "'"
    return """
      -- Content/site.yml --
      title: \(yamlP)
      description: \(yamlP)
      author: \(yamlP)
      language: en
      base_url: \(hostile ? "https://example.org/a'b&c/" : "https://example.org/")

      -- Content/articles/essay.md --
      ---
      title: \(yamlP)
      byline: \(yamlP)
      summary: \(yamlP)
      source: \(yamlP)
      source_url: \(hostile ? "https://example.org/?a=1&b='x'" : "https://example.org/")
      date: 2024-06-01
      ---
      \(body)

      -- Content/articles/plain.txt --
      \(hostile ? p : "A Plain Title")

      \(hostile ? "The Quad met <script>pwn()</script> and [x](javascript:pwn()) and <b onclick=pwn()>." : "The Quad met again.")

      \(hostile ? "A second paragraph, with *stars* and `ticks` and &amp; and &#60;script&#62;pwn()." : "A second paragraph.")

      -- Content/glossary/quad.md --
      ---
      term: \(hostile ? "'Quad <b onclick=\"pwn()\">“x” & ''y''</b>'" : "Quadrilateral")
      aliases: [Quad, \(yamlP)]
      category: organization
      summary: \(yamlP)
      sources:
        - title: \(yamlP)
          url: \(hostile ? "https://example.org/q?x='y'&z=1" : "https://example.org/q")
      ---
      \(body)

      -- Content/annotations/essay.yml --
      - id: n1
        quote: "The Quad met."
        kind: context
        note: \(hostile ? "'A note <script>pwn()</script> [x](javascript:pwn()) <img src=x onerror=pwn()>'" : "A note.")
        sources:
          - title: \(yamlP)
            url: https://example.org/n
      """
  }

  /// Builds with the repository's real theme.
  static func build(hostile: Bool) throws -> (TestSite, [String: [UInt8]]) {
    let site = try TestSite(site(hostile: hostile), theme: nil)
    let theme = Repository.root.appendingPathComponent("Theme")
    try FileManager.default.copyItem(at: theme, to: site.root.appendingPathComponent("Theme"))
    let report = try site.build()
    #expect(!report.diagnostics.contains { $0.severity == .error })
    return (site, site.snapshot())
  }

  static let forbiddenElements: Set<String> = [
    "iframe", "object", "embed", "form", "base", "frame", "frameset", "applet", "math", "portal",
    "textarea",
  ]
  /// Elements that are harmless from the theme but would be an injection if content added more.
  static let countedElements: Set<String> = [
    "script", "style", "svg", "link", "meta", "img", "button", "input", "select",
  ]

  struct PageFacts: Equatable {
    var counts: [String: Int] = [:]
    var problems: [String] = []
  }

  /// What a page holds that matters for script execution.
  static func facts(_ html: String, page: String) -> PageFacts {
    var facts = PageFacts()
    var openRawText: String?
    for token in HTMLTokenizer.tokens(html) {
      switch token {
      case .start(let name, let attributes, _):
        if countedElements.contains(name) { facts.counts[name, default: 0] += 1 }
        if forbiddenElements.contains(name) { facts.problems.append("\(page): <\(name)> element") }
        for attribute in attributes {
          if attribute.name.hasPrefix("on") {
            facts.problems.append("\(page): \(attribute.name) attribute on <\(name)>")
          }
          // Any attribute, not just href/src: gloss.js may copy a data-* value into a link.
          if let scheme = dangerousScheme(attribute.value) {
            facts.problems.append(
              "\(page): \(scheme) URL in \(attribute.name) of <\(name)>: \(attribute.value)")
          }
          if attribute.name == "style", attribute.value.contains("pwn") {
            facts.problems.append("\(page): style attribute carrying content")
          }
          if attribute.name == "http-equiv" { facts.problems.append("\(page): <meta http-equiv>") }
        }
        let isData = attributes.contains {
          $0.name == "type" && $0.value == "application/ld+json"
        }
        openRawText = name == "script" || name == "style" ? (isData ? "json-ld" : name) : nil
      case .text(let text):
        if openRawText == "json-ld" {
          // Content belongs in JSON-LD, as data: escaped so that it cannot end the element or
          // open another, and still JSON.
          if text.contains("<") || (try? JSONSerialization.jsonObject(with: Data(text.utf8))) == nil
          {
            facts.problems.append("\(page): JSON-LD that is not escaped JSON: \(text.prefix(80))")
          }
        } else if let element = openRawText, text.contains("pwn") {
          facts.problems.append("\(page): content inside <\(element)>: \(text.prefix(80))")
        }
      case .end:
        openRawText = nil
      case .comment, .doctype:
        break
      }
    }
    return facts
  }

  /// The scheme a browser would see, ignoring what it ignores (ASCII whitespace and controls).
  static func dangerousScheme(_ url: String) -> String? {
    let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
      .lowercased()
    for scheme in ["javascript:", "vbscript:", "livescript:"] where cleaned.hasPrefix(scheme) {
      return scheme
    }
    if cleaned.hasPrefix("data:") {
      let safe = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
      if !safe.contains(where: { cleaned.hasPrefix($0) }) { return "data:" }
    }
    return nil
  }

  @Test("no page gains a script, an event handler, a javascript:/data: URL or a dangerous element")
  func pagesAreSafe() throws {
    let (_, hostile) = try Self.build(hostile: true)
    let (_, benign) = try Self.build(hostile: false)
    #expect(hostile.keys.sorted() == benign.keys.sorted())
    var problems: [String] = []
    var pages = 0
    for (path, data) in hostile where path.hasSuffix(".html") {
      pages += 1
      let facts = Self.facts(String(decoding: data, as: UTF8.self), page: path)
      problems += facts.problems
      let expected = Self.facts(String(decoding: benign[path] ?? [], as: UTF8.self), page: path)
        .counts
      for element in ["script", "style", "svg", "link", "meta", "button", "input", "select"]
      where facts.counts[element] != expected[element] {
        problems.append(
          "\(path): \(facts.counts[element] ?? 0) <\(element)> elements, the theme makes \(expected[element] ?? 0)"
        )
      }
    }
    #expect(pages >= 6)
    // Not vacuous: the hostile text really is on the pages, as text.
    for page in [
      "index.html", "articles/essay/index.html", "articles/plain/index.html",
      "glossary/quad/index.html",
    ] {
      let html = String(decoding: hostile[page] ?? [], as: UTF8.self)
      #expect(html.contains("&lt;script&gt;pwn()&lt;/script&gt;"), "\(page)")
    }
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }

  @Test("the checker itself catches what it is meant to catch")
  func checkerIsNotBlind() {
    let bad = [
      "<p onclick=\"pwn()\">", "<a href=\" JaVa&#x09;script:pwn()\">", "<iframe src=x>",
      "<script>pwn()</script>",
      "<a href='data:text/html,x'>", "<div style=\"background:url(pwn)\">",
      "<IMG SRC=x OnError=pwn()>",
    ]
    for html in bad { #expect(!Self.facts(html, page: "t").problems.isEmpty, "\(html)") }
    #expect(
      Self.facts("<p title=\"&lt;script&gt;pwn()\">&lt;script&gt;pwn()</p>", page: "t").problems
        .isEmpty)
    #expect(Self.facts("<img src=\"data:image/png;base64,AAAA\">", page: "t").problems.isEmpty)
  }

  @Test(
    "hostile text is shown as the very characters the editor wrote, not mangled or double-escaped")
  func textIsShownVerbatim() throws {
    let (site, _) = try Self.build(hostile: true)
    let article = try site.read("Site/articles/essay/index.html")
    let tokens = HTMLTokenizer.tokens(article)
    // <h1 …>title</h1> holds exactly the title.
    if let h1 = tokens.firstIndex(where: {
      if case .start("h1", _, _) = $0 { return true } else { return false }
    }),
      case .text(let title) = tokens[h1 + 1]
    {
      #expect(title == Self.payload)
    } else {
      Issue.record("no <h1> with text in the article page")
    }
    // <title> is raw text in HTML: "</title>" in content must not end it early.
    let titles = tokens.enumerated().compactMap { index, token -> String? in
      guard case .start("title", _, _) = token,
        case .text(let text)? = tokens.dropFirst(index + 1).first
      else { return nil }
      return text
    }
    #expect(titles.count == 1)
    #expect(titles.first?.hasPrefix(Self.payload) == true, "\(titles)")
    // The meta description is the summary, as an attribute.
    let descriptions = tokens.compactMap { token -> String? in
      guard case .start("meta", let attributes, _) = token,
        attributes.contains(.init(name: "name", value: "description"))
      else { return nil }
      return attributes.first { $0.name == "content" }?.value
    }
    #expect(descriptions == [Self.payload])
    // The raw HTML in the body is dropped, and its text is not shown as markup either.
    #expect(!article.contains("<img src=\"x\""))
  }

  @Test(
    "the feed and the sitemap are well-formed XML carrying the text exactly, and the feed's HTML is safe"
  )
  func feedAndSitemap() throws {
    let (site, _) = try Self.build(hostile: true)
    let feed = try XMLTexts(
      data: Data(contentsOf: site.root.appendingPathComponent("Site/feed.xml")))
    #expect(feed.error == nil, "\(String(describing: feed.error))")
    #expect(feed.texts["title"]?.contains(Self.payload) == true, "\(feed.texts["title"] ?? [])")
    #expect(feed.texts["summary"] == [Self.payload])
    for content in feed.texts["content"] ?? [] {
      let facts = HostileContentTests.facts(content, page: "feed.xml content")
      #expect(facts.problems.isEmpty, "\(facts.problems)")
      #expect((facts.counts["script"] ?? 0) == 0)
    }
    #expect((feed.texts["content"] ?? []).count == 2)
    for href in feed.attributes["href"] ?? [] { #expect(Self.dangerousScheme(href) == nil) }

    let sitemap = try XMLTexts(
      data: Data(contentsOf: site.root.appendingPathComponent("Site/sitemap.xml")))
    #expect(sitemap.error == nil)
    let locations = sitemap.texts["loc"] ?? []
    #expect(!locations.isEmpty)
    #expect(locations.allSatisfy { $0.hasPrefix("https://example.org/a'b&c/") }, "\(locations)")
  }

  @Test("a javascript: or data: URL in front matter is refused at load time, with its position")
  func urlFieldsAreValidated() throws {
    let site = try TestSite(
      minimalSite + """

        -- Content/articles/a.md --
        ---
        title: A
        source_url: "javascript:pwn()"
        ---
        Text.
        -- Content/glossary/q.md --
        ---
        term: Q
        category: concept
        summary: S.
        sources:
          - title: T
            url: "data:text/html,<script>pwn()</script>"
          - title: U
            url: " https://example.org/ with spaces"
        ---
        Body.
        """)
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Content/articles/a.md:3:13: error: 'source_url' must be an absolute http(s) URL, got 'javascript:pwn()'",
        "Content/glossary/q.md:7:10: error: source url must be an absolute http(s) URL, got 'data:text/html,<script>pwn()</script>'",
        "Content/glossary/q.md:9:10: error: source url must be an absolute http(s) URL, got 'https://example.org/ with spaces'",
      ])
  }
}

/// Text content and attribute values of an XML document by element name; fails on malformed XML.
final class XMLTexts: NSObject, XMLParserDelegate {
  private(set) var texts: [String: [String]] = [:]
  private(set) var attributes: [String: [String]] = [:]
  private(set) var error: Error?
  private var stack: [(name: String, text: String)] = []

  init(data: Data) {
    super.init()
    let parser = XMLParser(data: data)
    parser.delegate = self
    if !parser.parse() { error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?,
    attributes attributeDict: [String: String] = [:]
  ) {
    stack.append((elementName, ""))
    for (name, value) in attributeDict { attributes[name, default: []].append(value) }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if !stack.isEmpty { stack[stack.count - 1].text += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    guard let last = stack.popLast() else { return }
    texts[last.name, default: []].append(last.text)
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}
