import Foundation
import Testing

@testable import Gloss

/// What the speed work promises besides speed: the progress line, streaming writes and the
/// byte-level shortcuts all give exactly what the plain versions gave.
@Suite("Progress line")
struct ProgressLineTests {
  /// A fake clock and terminal.
  final class Terminal: @unchecked Sendable {
    var now: UInt64 = 0
    var written: [String] = []
  }

  func line(_ terminal: Terminal, isTerminal: Bool = true) -> ProgressLine {
    ProgressLine(
      isTerminal: isTerminal, delay: .seconds(1), interval: .milliseconds(100),
      write: { terminal.written.append($0) }, clock: { terminal.now })
  }

  @Test("a build shorter than the delay draws nothing, not even the erasing sequence")
  func quickBuild() {
    let terminal = Terminal()
    let progress = line(terminal)
    terminal.now = 500_000_000
    progress.update(done: 3, total: 10)
    progress.finish()
    #expect(terminal.written.isEmpty)
  }

  @Test(
    "after the delay one line is redrawn in place, at most every interval, and erased at the end")
  func longBuild() {
    let terminal = Terminal()
    let progress = line(terminal)
    terminal.now = 1_200_000_000
    progress.update(done: 4_213, total: 10_000)
    terminal.now += 50_000_000
    progress.update(done: 4_300, total: 10_000)
    terminal.now += 100_000_000
    progress.update(done: 4_400, total: 10_000)
    terminal.now += 1_000_000
    progress.update(done: 10_000, total: 10_000)
    progress.finish()
    progress.update(done: 10_000, total: 10_000)
    #expect(
      terminal.written == [
        "\r\u{1B}[Krendering 4,213 of 10,000 articles…",
        "\r\u{1B}[Krendering 4,400 of 10,000 articles…",
        "\r\u{1B}[Krendered 10,000 articles, writing the site…", "\r\u{1B}[K",
      ])
  }

  @Test("when stderr is not a terminal nothing is drawn at all")
  func notATerminal() {
    let terminal = Terminal()
    let progress = line(terminal, isTerminal: false)
    terminal.now = 5_000_000_000
    progress.update(done: 1, total: 2)
    progress.finish()
    #expect(terminal.written.isEmpty)
  }

  @Test("counts are grouped by thousands whatever the locale")
  func grouping() {
    #expect(ProgressLine.grouped(0) == "0")
    #expect(ProgressLine.grouped(999) == "999")
    #expect(ProgressLine.grouped(1_000) == "1,000")
    #expect(ProgressLine.grouped(1_234_567) == "1,234,567")
    #expect(ProgressLine.text(done: 1, total: 1) == "rendered 1 article, writing the site…")
  }

  @Test("the builder reports every article once, in order, ending at the total")
  func builderReports() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nOne.\n"
        + "\n-- Content/articles/b.md --\n---\ntitle: B\n---\nTwo.\n"
        + "\n-- Content/articles/c.md --\n---\ntitle: C\n---\nThree.\n")
    final class Calls: @unchecked Sendable {
      let lock = NSLock()
      var seen: [[Int]] = []
    }
    let calls = Calls()
    var builder = Builder(paths: site.paths)
    builder.progress = { done, total in
      calls.lock.lock()
      calls.seen.append([done, total])
      calls.lock.unlock()
    }
    try builder.build()
    #expect(calls.seen == [[1, 3], [2, 3], [3, 3]])
  }

  @Test("piped output stays plain: no carriage return, no escape sequence, only the summary")
  func pipedBuild() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nThe Quad.\n"
        + entry("quad", term: "Quad"))
    let run = try GlossExecutable.run(["build"], in: site.root)
    #expect(run.status == 0)
    #expect(!run.stderr.contains("\r") && !run.stderr.contains("\u{1B}"))
    #expect(run.stderr.hasPrefix("built 1 article"))
  }
}

@Suite("Streaming writes")
struct StreamingWriteTests {
  static let site =
    minimalSite
    + "\n-- Content/articles/a.md --\n---\ntitle: A\ndate: 2024-01-02\n---\nThe Quad meets.\n\nAgain the Quad.\n"
    + "\n-- Content/articles/b.md --\n---\ntitle: B\ndate: 2024-01-01\n---\nNo terms here.\n"
    + entry("quad", term: "Quad", aliases: ["Quadrilateral"])
    + entry("aukus", term: "AUKUS", extra: "see_also: [quad]\n")

  @Test("a build writes exactly the files generate() returns, and counts them")
  func sameFiles() throws {
    let site = try TestSite(Self.site)
    let report = try site.build()
    let (output, _) = try Builder(paths: site.paths).generate()
    let expected = Dictionary(uniqueKeysWithValues: output.files.map { ($0.path, $0.bytes) })
    #expect(site.snapshot() == expected)
    #expect(report.filesWritten == output.files.count)
    #expect(report.pagesWritten == output.files.filter { $0.path.hasSuffix(".html") }.count)
  }

  @Test("SiteWriter.write of a file list gives the same folder as a build")
  func writerAgrees() throws {
    let site = try TestSite(Self.site)
    try site.build()
    let built = site.snapshot()
    let (output, _) = try Builder(paths: site.paths).generate()
    try SiteWriter(output: site.root.appendingPathComponent("Other")).write(output.files)
    #expect(site.snapshot("Other") == built)
  }

  @Test("a failed build leaves no staging folder and the previous site as it was")
  func failedBuild() throws {
    let site = try TestSite(Self.site)
    try site.build()
    let before = site.snapshot()
    try site.write("Content/glossary/quad.md", "---\nterm: Quad\n---\nNo category, no summary.\n")
    _ = site.buildErrors()
    #expect(site.snapshot() == before)
    #expect(InvalidCorpus.leftovers(in: site.root).isEmpty)
  }

  @Test("removing the previous site removes links, never what they point to")
  func removalDoesNotFollowLinks() throws {
    let site = try TestSite(Self.site)
    try site.write("Keep/precious.txt", "keep me")
    try site.write("Old/articles/a/index.html", "old")
    try site.write("Old/articles/b/index.html", "old")
    try FileManager.default.createSymbolicLink(
      atPath: site.root.appendingPathComponent("Old/articles/link").path,
      withDestinationPath: site.root.appendingPathComponent("Keep").path)
    try FileManager.default.createSymbolicLink(
      atPath: site.root.appendingPathComponent("Old/top-link").path,
      withDestinationPath: site.root.appendingPathComponent("Keep").path)
    TreeRemoval.remove(site.root.appendingPathComponent("Old"))
    #expect(!site.exists("Old"))
    #expect(try site.read("Keep/precious.txt") == "keep me")
  }
}

@Suite("Byte-level shortcuts agree with Character semantics")
struct ByteShortcutTests {
  static let samples = [
    "", "one", "  two  words  ", "line\nbreak and space",
    "“Quoted” words, ‘single’ too — and dashes",
    "a \u{301}combining mark after a space", "prepended \u{600} number sign",
    "\u{600} at the start",
    "crlf\r\ninside", "tabs\tare\twords", "emoji 👍🏽 and flags 🇫🇷 here", " \u{200D}joiner",
  ]

  @Test("word counts equal splitting on Character spaces and newlines", arguments: samples)
  func wordCount(_ text: String) {
    #expect(
      RenderedMarkdown.words(in: text)
        == text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count)
  }

  @Test("only spaces that are Characters of their own let text be cut at space bytes")
  func standalone() {
    func check(_ text: String) -> Bool {
      Array(text.utf8).withUnsafeBufferPointer { Graphemes.spacesStandAlone($0) }
    }
    #expect(check("plain words, “quotes” and — dashes"))
    #expect(!check("a \u{301}b"))
    #expect(!check("x\u{600} y"))
    #expect(!check("a \u{200D}b"))
  }

  @Test("XML escaping drops what XML forbids and escapes the five characters")
  func xml() {
    #expect(HTMLEscaping.xml("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
    #expect(HTMLEscaping.xml("tab\tnl\ncr\r bell\u{7} nul\u{0} ok") == "tab\tnl\ncr\r bell nul ok")
    #expect(HTMLEscaping.xml("x\u{FFFE}y\u{FFFF}z\u{FFFD}é") == "xyz\u{FFFD}é")
  }

  @Test("feed bodies link terms, in the text and in notes, with absolute URLs")
  func absoluteLinks() throws {
    let site = try TestSite(
      minimalSite + "\n" + entry("quad", term: "Quad") + """

        -- Content/articles/a.md --
        ---
        title: A
        date: 2024-01-02
        ---
        The Quad met. Its text says href="../../x" as words.
        -- Content/annotations/a.yml --
        - id: n
          quote: "The Quad met"
          kind: context
          note: The Quad is four states.
        """)
    try site.build()
    let feed = try site.read("Site/feed.xml")
    let absolute = "href=&quot;https://example.org/glossary/quad/index.html&quot;"
    #expect(feed.components(separatedBy: absolute).count - 1 == 2)
    #expect(!feed.contains("href=&quot;../../glossary"))
    // Text that merely looks like a link is left as the author wrote it.
    #expect(feed.contains("../../x"))
  }

  @Test("front matter splits as before: body verbatim, line numbers, terminators")
  func frontMatter() throws {
    let split = try #require(
      try FrontMatter.split("---\ntitle: A\nsummary: B\n...\n\nBody line\nmore\n"))
    #expect(split.yaml == "title: A\nsummary: B\n")
    #expect(split.body == "\nBody line\nmore\n")
    #expect(split.bodyFirstLine == 5)
    let atEnd = try #require(try FrontMatter.split("---\ntitle: A\n---"))
    #expect(atEnd.body == "" && atEnd.bodyFirstLine == 4)
    #expect(try FrontMatter.split("no front matter\n---\n") == nil)
    // Fences may carry spaces, tabs and other horizontal whitespace around them.
    let spaced = try #require(try FrontMatter.split(" --- \t\ntitle: A\n\u{3000}...\u{00A0}\nBody"))
    #expect(spaced.yaml == "title: A\n" && spaced.body == "Body")
    #expect(try FrontMatter.split("-- -\ntitle: A\n---\n") == nil)
    for line in ["", " ", "\t", " a ", "\u{3000}b\u{2009}c\u{00A0}", "é\u{0301} "] {
      #expect(
        String(FrontMatter.trimmed(Substring(line))) == line.trimmingCharacters(in: .whitespaces))
    }
    #expect(throws: FrontMatter.SplitError.self) { try FrontMatter.split("---\ntitle: A\n") }
    // "\r\n" is one Character: a line "---\r" is not a terminator line of its own.
    #expect(throws: FrontMatter.SplitError.self) {
      try FrontMatter.split("---\ntitle: A\n---\r\nbody")
    }
  }
}

@Suite("Mention excerpts")
struct ExcerptTests {
  func paragraph(_ text: String) -> ParagraphText {
    ParagraphText(number: 1, line: 1, text: text, mentions: [])
  }

  func excerpt(_ text: String, _ mention: String) throws -> String {
    let range = try #require(text.range(of: mention))
    let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
    return Excerpt.html(paragraph(text), highlighting: start..<(start + mention.utf8.count))
  }

  @Test("the sentence around the mention, with ellipses where the paragraph goes on")
  func sentence() throws {
    let text = "First one. The Quad & friends met here. Last one."
    #expect(try excerpt(text, "Quad") == "… The <mark>Quad</mark> &amp; friends met here. …")
  }

  @Test("a long sentence is cut to 22 words on each side")
  func longSentence() throws {
    let before = (1...30).map { "b\($0)" }.joined(separator: " ")
    let after = (1...30).map { "a\($0)" }.joined(separator: " ")
    let html = try excerpt("\(before)  Quad \(after)", "Quad")
    let kept = (9...30).map { "b\($0)" }.joined(separator: " ")
    let keptAfter = (1...21).map { "a\($0)" }.joined(separator: " ")
    #expect(html == "… \(kept) <mark>Quad</mark> \(keptAfter) …")
  }

  @Test("a combining mark after a space stays with its word, as Characters keep it")
  func combining() throws {
    // " \u{301}" is one Character, not a space: the 30 "words" are one, and nothing is cut.
    let words = (1...30).map { "w\($0)" }.joined(separator: " \u{301}")
    #expect(try excerpt("\(words) Quad end.", "Quad") == "\(words) <mark>Quad</mark> end.")
  }
}
