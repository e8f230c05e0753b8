import CCmark
import Foundation
import Testing

@testable import Gloss

@Suite("Importing a plain-text article")
struct ImportTests {
  static let seedURL = Repository.root.appendingPathComponent(
    "Content/articles/sino-russian-nexus.txt")

  static func seedLines() throws -> [String] {
    let text = try String(contentsOf: seedURL, encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  // MARK: - The seed

  @Test("the seed has a title, a byline, ten one-per-line paragraphs and an author note")
  func seedParts() throws {
    let lines = try Self.seedLines()
    let article = PlainTextImporter.importText(lines.joined(separator: "\n"))
    #expect(article.title == "Sino-Russian Nexus")
    #expect(article.byline == "Sher Ali Bukhari")
    #expect(article.authorNote == "The writer is a freelance columnist.")
    // Lines 6–15 of the file, one paragraph each.
    #expect(article.paragraphs.count == 10)
    #expect(article.paragraphs == Array(lines[5...14]))
    #expect(article.paragraphs.first?.hasPrefix("Last month, Russian President Putin") == true)
    #expect(article.paragraphs.last?.hasPrefix("In a nutshell, in my view") == true)
  }

  @Test("the seed's Markdown is its own text: ordinary prose needs no escapes")
  func seedMarkdownReadsNaturally() throws {
    let article = PlainTextImporter.importText(
      try String(contentsOf: Self.seedURL, encoding: .utf8))
    #expect(!article.body.contains("\\"))
    #expect(article.body == article.paragraphs.joined(separator: "\n\n") + "\n")
  }

  @Test("rendering the imported seed gives one <p> per body line of the seed, with the same text")
  func seedRendersToItsLines() throws {
    let lines = try Self.seedLines()
    let article = PlainTextImporter.importText(lines.joined(separator: "\n"))
    let rendered = try #require(CmarkHTML.paragraphTexts(CmarkHTML.html(article.body)))
    #expect(rendered.count == 10)
    #expect(rendered == Array(lines[5...14]))
  }

  // MARK: - Paragraph styles

  @Test("one paragraph per line: consecutive long lines stay separate paragraphs")
  func onePerLine() {
    let first = String(repeating: "The first paragraph talks about trade and energy. ", count: 4)
    let second = String(repeating: "The second paragraph is about security and the sea. ", count: 3)
    let third = String(repeating: "A third one, shorter, yet still a long line. ", count: 3)
    let article = PlainTextImporter.importText("Title\nA. Writer\n\(first)\n\(second)\n\(third)\n")
    #expect(article.byline == "A. Writer")
    #expect(
      article.paragraphs == [first, second, third].map { $0.trimmingCharacters(in: .whitespaces) })
  }

  static let gutenberg = """
    THE RIVER

    By Jane Doe

    It was the best of seasons on the river, and the boats went down to the
    sea every morning with the tide, loaded with wool and timber and the
    letters of people who had never seen the ocean themselves.

    Nobody asked where the boats went after that.

    The harbour master kept a ledger of every vessel that passed his window,
    and in the evenings he read it aloud to his daughter, who pretended to
    listen while she counted the gulls on the breakwater.
    """

  @Test("hard-wrapped lines separated by blank lines join into paragraphs")
  func hardWrapped() {
    let article = PlainTextImporter.importText(Self.gutenberg)
    #expect(article.title == "THE RIVER")
    #expect(article.byline == "By Jane Doe")
    #expect(article.authorNote == nil)
    #expect(
      article.paragraphs == [
        "It was the best of seasons on the river, and the boats went down to the sea every morning with the tide, "
          + "loaded with wool and timber and the letters of people who had never seen the ocean themselves.",
        "Nobody asked where the boats went after that.",
        "The harbour master kept a ledger of every vessel that passed his window, and in the evenings he read it "
          + "aloud to his daughter, who pretended to listen while she counted the gulls on the breakwater.",
      ])
  }

  @Test("a wrapped text without a byline: the first wrapped line is not mistaken for one")
  func wrappedWithoutByline() {
    let text = """
      Notes

      Considerable uncertainty surrounds the forecast, the
      committee said on Tuesday, citing the weather and the harvest
      and the price of fuel in the northern provinces this winter.
      """
    let article = PlainTextImporter.importText(text)
    #expect(article.byline == nil)
    #expect(article.paragraphs.count == 1)
    #expect(
      article.paragraphs.first?.hasPrefix(
        "Considerable uncertainty surrounds the forecast, the committee") == true)
  }

  @Test("a mixture: blank lines separate paragraphs, and each block is judged by its own lines")
  func mixedStyles() {
    let long1 = String(repeating: "A long unwrapped paragraph line that goes on. ", count: 4)
      .trimmingCharacters(in: .whitespaces)
    let long2 = String(repeating: "Another long unwrapped line right after it. ", count: 4)
      .trimmingCharacters(in: .whitespaces)
    let text = """
      Title
      Byline Person

      \(long1)
      \(long2)

      This block, on the other hand, was wrapped by an editor at about
      seventy characters, so its lines belong to one and the same paragraph
      and have to be joined with a single space.
      """
    let article = PlainTextImporter.importText(text)
    #expect(
      article.paragraphs == [
        long1, long2,
        "This block, on the other hand, was wrapped by an editor at about seventy characters, so its lines "
          + "belong to one and the same paragraph and have to be joined with a single space.",
      ])
  }

  @Test("short lines that a wrapping tool would not have broken stay separate (dialogue, verse)")
  func shortLinesStaySeparate() {
    let text = """
      Evening

      Come in, she said.
      He did not answer, and she closed the window against the wind and the noise of the street.
      Then it was quiet.
      """
    let article = PlainTextImporter.importText(text)
    #expect(article.paragraphs.count == 3)
    #expect(article.paragraphs.first == "Come in, she said.")
  }

  @Test("short lines that each end a sentence are one paragraph per line, even at similar lengths")
  func shortSentenceLines() {
    let text = """
      Title

      A. Writer

      First paragraph mentions the Quad, with *stars* and [brackets].
      Second paragraph.

      This paragraph has about seventy characters and ends a sentence.
      Does this one, not much shorter than the line above it, end one too?
      “And a third one, quoted, to close the block of short paragraphs.”
      """
    let article = PlainTextImporter.importText(text)
    #expect(
      article.paragraphs == [
        "First paragraph mentions the Quad, with *stars* and [brackets].",
        "Second paragraph.",
        "This paragraph has about seventy characters and ends a sentence.",
        "Does this one, not much shorter than the line above it, end one too?",
        "“And a third one, quoted, to close the block of short paragraphs.”",
      ])
  }

  /// Greedy wrapping, as `fmt -w width` does it.
  static func wrapped(_ paragraph: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in paragraph.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    lines.append(line)
    return lines
  }

  @Test(
    "the seed hard-wrapped Gutenberg-style, at any width from 40 to 100, imports to the same article",
    arguments: [40, 60, 72, 80, 100])
  func seedHardWrapped(width: Int) throws {
    let lines = try Self.seedLines()
    let original = PlainTextImporter.importText(lines.joined(separator: "\n"))
    let paragraphs = lines[5...14].map { Self.wrapped($0, width: width).joined(separator: "\n") }
    let text =
      "\(lines[0])\n\n\(lines[3])\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n\(lines[16])\n"
    #expect(PlainTextImporter.importText(text) == original)
  }

  @Test("a stray long line in a wrapped text does not set the wrap width")
  func strayLongLine() {
    let words = (1...120).map { ["policy", "of", "the", "river", "alliance", "trade"][$0 % 6] }
    let lines = Self.wrapped(words.joined(separator: " "), width: 60)
    let url = "See http://example.org/a/very/long/path/to/a/resource/kept/on/one/line/x"
    let text = "Title\nBy X\n\n" + lines.joined(separator: "\n") + "\n\n\(url)\nfor more.\n"
    let article = PlainTextImporter.importText(text)
    #expect(lines.count >= 12)  // enough lines that the longest is an outlier
    #expect(article.paragraphs == [words.joined(separator: " "), url + " for more."])
  }

  @Test("lines narrower than any wrapping width stay separate, sentence or not (verse)")
  func narrowLinesAreNotWrapped() {
    let article = PlainTextImporter.importText(
      "Title\nBy X\n\nRoses are red,\nviolets are blue,\nsugar is sweet\n")
    #expect(article.paragraphs == ["Roses are red,", "violets are blue,", "sugar is sweet"])
  }

  @Test("whitespace inside a paragraph is normalised to single spaces")
  func whitespaceNormalised() {
    let article = PlainTextImporter.importText("T\n\n\tIndented  with\t\ttabs   and spaces.  \n")
    #expect(article.paragraphs == ["Indented with tabs and spaces."])
    #expect(article.body == "Indented with tabs and spaces.\n")
  }

  // MARK: - Title, byline, author note

  @Test(
    "a short line after the title is a byline only if it reads like a name",
    arguments: [
      ("Sher Ali Bukhari", true),
      ("By Jane Doe and John Roe", true),
      ("It was cold.", false),  // a sentence
      ("One two three four five six seven eight nine", false),  // more than eight words
      (String(repeating: "Abcdefghij ", count: 6), false),  // longer than 60 characters
    ])
  func byline(line: String, isByline: Bool) {
    let article = PlainTextImporter.importText("Title\n\n\(line)\n\nA paragraph.\n")
    #expect((article.byline != nil) == isByline)
    #expect(article.paragraphs.count == (isByline ? 1 : 2))
  }

  @Test("a byline may follow the title directly")
  func bylineWithoutBlankLine() {
    let article = PlainTextImporter.importText("Title\nJane Doe\n\nA paragraph.")
    #expect(article.byline == "Jane Doe")
    #expect(article.paragraphs == ["A paragraph."])
  }

  @Test(
    "a closing one-sentence note about the writer is the author note",
    arguments: [
      "The writer is a freelance columnist.",
      "The author is a professor of history at Dr. Smith University.",
      "The writers are researchers at the Institute of Strategic Studies, Islamabad.",
      "The writer, a retired diplomat, lives in Lahore.",
    ])
  func authorNote(note: String) {
    let article = PlainTextImporter.importText("Title\n\nFirst paragraph.\n\n\(note)\n")
    #expect(article.authorNote == note)
    #expect(article.paragraphs == ["First paragraph."])
  }

  @Test(
    "a closing paragraph that is not a short note about the writer stays a paragraph",
    arguments: [
      "The writer argues that the alliance will hold.",  // about the argument, not the writer
      "The writer is a columnist. He tweets about politics.",  // two sentences
      "The writer is " + String(repeating: "a very long description ", count: 10) + "indeed.",
      "In the end, the writer is a columnist.",
    ])
  func notAnAuthorNote(paragraph: String) {
    let article = PlainTextImporter.importText("Title\n\nFirst paragraph.\n\n\(paragraph)\n")
    #expect(article.authorNote == nil)
    #expect(article.paragraphs.last == paragraph)
  }

  @Test("an author-note-like paragraph that does not close the article stays a paragraph")
  func authorNoteOnlyAtTheEnd() {
    let article = PlainTextImporter.importText(
      "Title\n\nThe writer is a columnist.\n\nLast paragraph.\n")
    #expect(article.authorNote == nil)
    #expect(article.paragraphs == ["The writer is a columnist.", "Last paragraph."])
  }

  @Test("a UTF-8 BOM and CRLF or CR line endings give the same article as the clean text")
  func bomAndLineEndings() throws {
    let clean = try String(contentsOf: Self.seedURL, encoding: .utf8)
    let expected = PlainTextImporter.importText(clean)
    let crlf = "\u{FEFF}" + clean.replacingOccurrences(of: "\n", with: "\r\n")
    let cr = "\u{FEFF}" + clean.replacingOccurrences(of: "\n", with: "\r")
    #expect(PlainTextImporter.importText(crlf) == expected)
    #expect(PlainTextImporter.importText(cr) == expected)
    #expect(
      PlainTextImporter.importText(
        "\u{FEFF}" + Self.gutenberg.replacingOccurrences(of: "\n", with: "\r\n"))
        == PlainTextImporter.importText(Self.gutenberg))
  }

  @Test("a text with only a title has no byline, no note and an empty body")
  func titleOnly() {
    let article = PlainTextImporter.importText("\n\n  Just a Title  \n\n")
    #expect(article == ImportedArticle(title: "Just a Title", paragraphs: [], body: ""))
  }

  @Test(
    "an empty or blank text gives an empty title", arguments: ["", "\u{FEFF}", " \n\t\r\n  \n"])
  func emptyText(text: String) {
    #expect(
      PlainTextImporter.importText(text) == ImportedArticle(title: "", paragraphs: [], body: ""))
  }

  @Test("U+0000 becomes U+FFFD in the paragraphs, as cmark renders it")
  func nulCharacter() {
    let article = PlainTextImporter.importText("T\n\nBy X\n\nOne a\u{0}b.")
    #expect(article.paragraphs == ["One a\u{FFFD}b."])
    #expect(CmarkHTML.paragraphTexts(CmarkHTML.html(article.body)) == ["One a\u{FFFD}b."])
  }

  // MARK: - Markdown document

  @Test(
    "the Markdown document has YAML front matter with the present fields, a blank line, then the body"
  )
  func markdownDocument() {
    let article = ImportedArticle(
      title: #"The "Nexus" \ Part 1"#, byline: "Sher Ali Bukhari", authorNote: nil,
      paragraphs: ["One.", "Two."], body: "One.\n\nTwo.\n")
    #expect(
      PlainTextImporter.markdownDocument(for: article) == """
        ---
        title: "The \\"Nexus\\" \\\\ Part 1"
        byline: "Sher Ali Bukhari"
        ---

        One.

        Two.

        """)
  }

  @Test("the seed's Markdown document carries title, byline and author note")
  func seedMarkdownDocument() throws {
    let article = PlainTextImporter.importText(
      try String(contentsOf: Self.seedURL, encoding: .utf8))
    let document = PlainTextImporter.markdownDocument(for: article)
    #expect(
      document.hasPrefix(
        """
        ---
        title: "Sino-Russian Nexus"
        byline: "Sher Ali Bukhari"
        author_note: "The writer is a freelance columnist."
        ---

        Last month, Russian President Putin paid a state visit to China,
        """))
    #expect(document.hasSuffix(article.body))
  }

  @Test("control characters and YAML line breaks in front matter values are escaped")
  func yamlEscapes() {
    let article = ImportedArticle(title: "a\u{7}b\u{2028}c\u{85}d\te", paragraphs: [], body: "")
    #expect(
      PlainTextImporter.markdownDocument(for: article)
        == "---\ntitle: \"a\\u0007b\\u2028c\\u0085d\\te\"\n---\n\n")
  }

  // MARK: - Escaping

  @Test(
    "only what cmark would read as Markdown, or smarten, is escaped",
    arguments: [
      // Ordinary prose stays as it is.
      (
        "Putin’s visit (2008) to “Beijing” — a U.S. view; 50% up, e-mail.",
        "Putin’s visit (2008) to “Beijing” — a U.S. view; 50% up, e-mail."
      ),
      (
        "Café, 中文, 😀, שלום, AT&T, R & D, 3 > 2, a|b, x~y, 5+5=10, Hi!",
        "Café, 中文, 😀, שלום, AT&T, R & D, 3 > 2, a|b, x~y, 5+5=10, Hi!"
      ),
      ("#hashtag -5 +1 ~~ 2008", "#hashtag -5 +1 ~~ 2008"),
      // Inline syntax, everywhere.
      (
        "*a* _b_ `c` [d](e) ![f](g) <h> a\\b",
        "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\!\\[f\\](g) \\<h> a\\\\b"
      ),
      ("&amp; &#42; &#x2A; &copy;", "\\&amp; \\&#42; \\&#x2A; \\&copy;"),
      ("<http://x.y> <x@y.z>", "\\<http://x.y> \\<x@y.z>"),
      ("ends with \\", "ends with \\\\"),
      // Smart punctuation.
      ("'single' \"double\" don't", "\\'single\\' \\\"double\\\" don\\'t"),
      ("a -- b --- c - d", "a \\-\\- b \\-\\-\\- c - d"),
      ("wait... .. .", "wait\\.\\.\\. .. ."),
      // Block starts, at the start of the paragraph only.
      ("# Heading", "\\# Heading"),
      ("### ", "\\###"),
      ("> quote", "\\> quote"),
      ("- item", "\\- item"),
      ("+ item", "\\+ item"),
      ("-", "\\-"),
      ("1. item", "1\\. item"),
      ("2008) year", "2008\\) year"),
      ("1234567890. not a list", "1234567890. not a list"),
      ("===", "\\==="),
      ("~~~ fence", "\\~~~ fence"),
      ("---", "\\-\\-\\-"),
      ("    indented code", "indented code"),
      ("trailing spaces  ", "trailing spaces"),
      // cmark renders U+0000 as U+FFFD.
      ("a\u{0}b", "a\u{FFFD}b"),
    ])
  func escapes(text: String, markdown: String) {
    #expect(MarkdownEscaping.escapeInline(text) == markdown)
  }

  @Test(
    "each line of a multi-line text is escaped as a possible block start, and blank lines are dropped"
  )
  func multiLineEscape() throws {
    let text = "Foo\n===\n\n  - bar\r\n1. baz\rqux  \n---"
    #expect(MarkdownEscaping.escapeInline(text) == "Foo\n\\===\n\\- bar\n1\\. baz\nqux\n\\-\\-\\-")
    let html = CmarkHTML.html(MarkdownEscaping.escapeInline(text))
    #expect(
      CmarkHTML.paragraphTexts(html)?.map(CmarkHTML.normalised) == ["Foo === - bar 1. baz qux ---"])
  }

  // MARK: - Property tests

  @Test(
    "random articles in both styles import losslessly: cmark renders exactly the source paragraphs")
  func importRoundTrip() {
    var failures = 0
    for seed in UInt64(1)...1000 {
      var generator = RandomArticles(seed: seed)
      let sample = generator.article(wrapped: seed % 2 == 0)
      let article = PlainTextImporter.importText(sample.text)
      let rendered = CmarkHTML.paragraphTexts(CmarkHTML.html(article.body))
      let ok =
        article.title == sample.title && article.byline == sample.byline
        && article.authorNote == sample.authorNote
        && article.paragraphs == sample.paragraphs
        && rendered?.map(CmarkHTML.normalised) == sample.paragraphs
      if !ok {
        failures += 1
        Issue.record(
          """
          round trip failed for seed \(seed)
          source: \(sample.text.debugDescription)
          expected: \(sample.title.debugDescription) \(String(describing: sample.byline)) \
          \(String(describing: sample.authorNote)) \(sample.paragraphs)
          imported: \(article)
          rendered: \(String(describing: rendered))
          """)
      }
      if failures >= 5 { break }
    }
  }

  @Test("random multi-line texts escape losslessly")
  func escapeRoundTrip() {
    var failures = 0
    for seed in UInt64(1)...1000 {
      var generator = RandomArticles(seed: seed &* 7919)
      let text = generator.rawText()
      let rendered = CmarkHTML.paragraphTexts(CmarkHTML.html(MarkdownEscaping.escapeInline(text)))
      let expected = CmarkHTML.normalised(text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
      let ok = expected.isEmpty ? rendered == [] : rendered?.map(CmarkHTML.normalised) == [expected]
      if !ok {
        failures += 1
        Issue.record(
          """
          escape round trip failed for seed \(seed &* 7919)
          source: \(text.debugDescription)
          markdown: \(MarkdownEscaping.escapeInline(text).debugDescription)
          rendered: \(String(describing: rendered))
          """)
      }
      if failures >= 5 { break }
    }
  }
}

// MARK: - Rendering with libcmark

private enum CmarkHTML {
  static func html(_ markdown: String) -> String {
    let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
    let bytes = markdown.utf8CString
    return bytes.withUnsafeBufferPointer { buffer -> String in
      guard let html = cmark_markdown_to_html(buffer.baseAddress, buffer.count - 1, options) else {
        return ""
      }
      defer { free(html) }
      return String(cString: html)
    }
  }

  /// The decoded text of each `<p>`, or nil if the HTML holds anything but plain paragraphs.
  static func paragraphTexts(_ html: String) -> [String]? {
    var texts: [String] = []
    var rest = Substring(html)
    while !rest.isEmpty {
      guard rest.hasPrefix("<p>"), let end = rest.range(of: "</p>\n") else { return nil }
      let inner = rest[rest.index(rest.startIndex, offsetBy: 3)..<end.lowerBound]
      guard !inner.contains("<") else { return nil }
      texts.append(decodeEntities(String(inner)))
      rest = rest[end.upperBound...]
    }
    return texts
  }

  /// The entities cmark's HTML renderer writes: &amp; &lt; &gt; &quot; and numeric references.
  static func decodeEntities(_ text: String) -> String {
    var output = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
      output += rest[..<amp]
      rest = rest[amp...]
      guard let semicolon = rest.firstIndex(of: ";") else { break }
      let name = rest[rest.index(after: rest.startIndex)..<semicolon]
      var decoded: String?
      switch name {
      case "amp": decoded = "&"
      case "lt": decoded = "<"
      case "gt": decoded = ">"
      case "quot": decoded = "\""
      default:
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
            String(Character($0))
          }
        } else if name.hasPrefix("#") {
          decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map {
            String(Character($0))
          }
        }
      }
      if let decoded {
        output += decoded
        rest = rest[rest.index(after: semicolon)...]
      } else {
        output += "&"
        rest = rest.dropFirst()
      }
    }
    return output + rest
  }

  /// Runs of ASCII whitespace become one space; the ends are trimmed.
  static func normalised(_ text: String) -> String {
    PlainTextImporter.collapsingWhitespace(text)
  }
}

// MARK: - Random articles

/// SplitMix64: small, seedable, the same on every platform.
private struct ImportTestRandom: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

private struct RandomArticles {
  var random: ImportTestRandom

  init(seed: UInt64) { random = ImportTestRandom(state: seed) }

  static let words = [
    "the", "river", "policy", "Moscow", "Beijing", "alliance", "a", "of", "in", "trade", "(2008)",
    "U.S.", "end.",
    "NATO’s", "“quoted”", "‘single’", "—", "…", "e-mail", "50%", "x+y", "a|b", "~x~",
  ]
  static let marked = [
    "*", "_", "#", ">", "-", "+", "1.", "[", "]", "(", ")", "!", "<", "&", "\\", "`", "'", "\"",
    "--", "...",
    "&amp;", "&#42;", "&#x2A;", "&copy;", "&foo;", "<b>", "</p>", "<!--", "-->", "<div>",
    "http://x.y", "<x@y.z>",
    "---", "===", "1)", "2.", "10)", "123456789.", "##", "######", "~~~", "```", "**bold**", "_em_",
    "[link](http://x.y)",
    "![img](a.png)", "`code`", "\\*", "a\\", "x_y_z", "don't", "\"quoted\"", "'s", "....", "..",
    "-5", "+1", "!!",
    "[ref]:", "<http://a.b>", "&", "&&", "&#;", "\\\\", "é", "中文", "😀", "שלום", "مرحبا",
    "\u{00A0}nbsp", "|x|",
  ]

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
  mutating func pick(_ items: [String]) -> String { items[int(0...(items.count - 1))] }

  mutating func token() -> String {
    chance(45) ? pick(Self.marked) : pick(Self.words)
  }

  mutating func separator() -> String {
    switch int(1...20) {
    case 1: return "\t"
    case 2: return "  "
    case 3: return " \t "
    default: return " "
    }
  }

  /// A paragraph as a list of tokens of at least `minimumLength` characters when joined.
  mutating func tokens(minimumLength: Int, maximumCount: Int = 80) -> [String] {
    var result: [String] = []
    var length = 0
    while length < minimumLength || result.isEmpty {
      let next = token()
      result.append(next)
      length += next.count + 1
      if result.count >= maximumCount && length >= minimumLength { break }
    }
    return result
  }

  mutating func line(_ tokens: [String]) -> String {
    var line = ""
    for (index, token) in tokens.enumerated() {
      if index > 0 { line += separator() }
      line += token
    }
    return line
  }

  mutating func blankLines() -> String {
    var text = ""
    for _ in 0..<int(1...3) { text += pick(["", " ", "\t", "  "]) + "\n" }
    return text
  }

  /// Greedy wrapping at `width`, as fmt or a Gutenberg transcriber would; some lines are indented.
  mutating func wrap(_ tokens: [String], width: Int) -> [String] {
    var lines: [String] = []
    var current = chance(15) ? "    " : ""
    var hasWord = false
    for token in tokens {
      if hasWord && current.count + 1 + token.count > width {
        lines.append(current)
        current = chance(10) ? "    " : ""
        hasWord = false
      }
      current += (hasWord ? " " : "") + token
      hasWord = true
    }
    lines.append(current + (chance(20) ? "  " : ""))
    return lines
  }

  struct Sample {
    var text: String
    var title: String
    var byline: String?
    var authorNote: String?
    var paragraphs: [String]
  }

  mutating func article(wrapped: Bool) -> Sample {
    let titleLine = line(tokens(minimumLength: int(1...40)))
    var text = (chance(30) ? "\n" : "") + titleLine + "\n"
    var byline: String?
    if chance(50) {
      // Short enough that no wrapping tool would have broken the line after it.
      var candidate = [pick(["By", "Sher", "Jane"])]
      for _ in 0..<int(0...3) {
        let next = token()
        if candidate.joined(separator: " ").count + next.count < 22 { candidate.append(next) }
      }
      candidate.append(pick(["Bukhari", "Doe", "Ali", "中文", "Roe"]))
      let bylineLine = candidate.joined(separator: " ")
      byline = PlainTextImporter.collapsingWhitespace(bylineLine)
      text += (chance(50) ? blankLines() : "") + bylineLine + "\n"
    }
    text += blankLines()

    var paragraphs: [String] = []
    let width = int(60...80)
    let count = int(1...7)
    for index in 0..<count {
      // Without a byline, the opening line is plainly not one: more than eight words.
      let opening =
        byline == nil && index == 0
        ? ["In", "the", "beginning", "there", "was", "a", "long", "line", "of"] : []
      let short = index > 0 && chance(20)
      var body =
        opening
        + (short
          ? tokens(minimumLength: int(1...30), maximumCount: 6)
          : tokens(minimumLength: wrapped ? int(40...400) : int(130...600)))
      if wrapped {
        if short {
          text += line(body) + "\n"
        } else {
          var lines = wrap(body, width: width)
          // Wrapped lines that all happen to end a sentence read as one paragraph per line (by
          // design); keep the generated paragraphs clear of that ambiguity.
          while lines.count > 1
            && lines.dropLast().allSatisfy({ ".!?…”’\"')]".contains($0.last ?? " ") })
          {
            body.insert("and", at: 0)
            lines = wrap(body, width: width)
          }
          text += lines.joined(separator: "\n") + "\n"
        }
        text += blankLines()
      } else {
        text += (chance(10) ? "    " : "") + line(body) + "\n"
        // A short line-paragraph needs a blank line after it (it could be the first line of a
        // wrapped block otherwise); long ones may follow each other directly.
        if short || chance(25) { text += blankLines() }
      }
      paragraphs.append(PlainTextImporter.collapsingWhitespace(body.joined(separator: " ")))
    }
    var authorNote: String?
    if chance(50) {
      let note =
        "The " + pick(["writer is", "author is", "writers are"]) + " " + pick(["a", "the"]) + " "
        + pick(["freelance columnist", "professor in Lahore", "researchers at the Institute"]) + "."
      authorNote = note
      text += (wrapped || chance(50) ? blankLines() : "") + note + "\n"
    }
    // Line endings and the byte order mark must not matter.
    if chance(20) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    if chance(10) { text = "\u{FEFF}" + text }
    return Sample(
      text: text, title: PlainTextImporter.collapsingWhitespace(titleLine), byline: byline,
      authorNote: authorNote,
      paragraphs: paragraphs)
  }

  /// Any text at all, over several lines: input for escapeInline.
  mutating func rawText() -> String {
    var text = ""
    for _ in 0..<int(1...6) {
      text +=
        (chance(20) ? pick(["    ", "\t", "  "]) : "") + line(tokens(minimumLength: int(1...60)))
      text += pick(["\n", "\n", "\r\n", "\n\n", "  \n", "\r"])
    }
    return text
  }
}
