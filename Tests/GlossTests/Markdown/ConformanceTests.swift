import CCmark
import Foundation
import Testing

@testable import Gloss

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The examples of the CommonMark spec that cmark 0.30.2 ships, from the copy in
/// `Tests/Fixtures/commonmark/` (CI machines have only the repository).
enum CommonMarkSpec {
  struct Example: Sendable, CustomTestStringConvertible {
    var number: Int
    var line: Int
    var section: String
    var markdown: String
    var testDescription: String { "example \(number) (\(section), spec line \(line))" }
  }

  static var specURL: URL {
    Repository.fixtures.appendingPathComponent("commonmark/commonmark-spec-0.30.txt")
  }

  static let fence = String(repeating: "`", count: 32)

  /// Every example, in spec order. Empty when the spec file is missing: the tests then fail
  /// on the count rather than pass vacuously.
  static let examples: [Example] = {
    guard let text = try? String(contentsOf: specURL, encoding: .utf8) else { return [] }
    var examples: [Example] = []
    var section = ""
    var inExample = false
    var inMarkdown = false
    var markdown: [Substring] = []
    var startLine = 0
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if !inExample {
        if line == fence + " example" {
          inExample = true
          inMarkdown = true
          markdown = []
          startLine = index + 1
        } else if line.hasPrefix("#") {
          section = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        }
        continue
      }
      if line == fence {
        examples.append(
          Example(
            number: examples.count + 1, line: startLine, section: section,
            markdown: markdown.map { $0 + "\n" }.joined().replacingOccurrences(of: "→", with: "\t"))
        )
        inExample = false
      } else if inMarkdown {
        if line == "." { inMarkdown = false } else { markdown.append(line) }
      }
    }
    return examples
  }()

  /// libcmark's own rendering, the reference Gloss must reproduce byte for byte.
  static func libcmarkHTML(_ markdown: String) -> String {
    var copy = markdown
    return copy.withUTF8 { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
        else {
          return ""
        }
        defer { free(html) }
        return String(cString: html)
      }
    }
  }
}

@Suite("CommonMark conformance: Gloss's Markdown stage changes nothing libcmark would not")
struct ConformanceTests {
  static let examples = CommonMarkSpec.examples

  /// Words the spec examples use again and again, so that the linker is exercised inside
  /// every construct the spec covers: emphasis, links, code, HTML, lists, tables of entities.
  static let glossary: [TermPattern] = [
    ("foo", "foo"), ("bar", "bar"), ("baz", "baz"), ("qux", "qux"), ("quux", "quux"),
    ("foo bar", "foo-bar"),
    ("bim", "bim"), ("boo", "boo"), ("aaa", "aaa"), ("bbb", "bbb"), ("ccc", "ccc"), ("hi", "hi"),
    ("link", "link"), ("title", "title"), ("url", "url"), ("uri", "uri"), ("code", "code"),
    ("Foo", "foo-case"),
    ("a", "a"), ("b", "b"), ("c", "c"), ("x", "x"), ("y", "y"), ("one", "one"), ("two", "two"),
    ("emphasis", "emphasis"), ("heading", "heading"), ("Setext", "setext"), ("moon", "moon"),
    ("train", "train"),
    ("html", "html"), ("world", "world"), ("hello", "hello"), ("lazy", "lazy"), ("item", "item"),
  ].map { TermPattern(text: $0.0, entryID: $0.1, matchCase: $0.0 == "Foo") }

  @Test("the spec file is found and holds the 652 examples of CommonMark 0.30")
  func specIsPresent() {
    #expect(Self.examples.count == 652, "expected \(CommonMarkSpec.specURL.path)")
    #expect(Self.examples.first?.markdown == "\tfoo\tbaz\t\tbim\n")
  }

  @Test("with an empty glossary every example renders exactly as libcmark renders it")
  func identicalWithoutTerms() {
    let renderer = MarkdownRenderer(linker: GlossaryLinker(patterns: []), options: .plain)
    var failures: [String] = []
    for example in Self.examples {
      let expected = CommonMarkSpec.libcmarkHTML(example.markdown)
      let actual = renderer.render(example.markdown).html
      if actual != expected {
        failures.append("\(example.testDescription): got \(actual.debugDescription)")
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) examples differ:\n\(failures.prefix(20).joined(separator: "\n"))")
  }

  @Test("with terms linked everywhere, removing the term links gives libcmark's HTML back")
  func linksOnlyAdd() {
    let renderer = MarkdownRenderer(
      linker: GlossaryLinker(patterns: Self.glossary), options: .plain)
    var failures: [String] = []
    var linked = 0
    var examplesWithLinks = 0
    for example in Self.examples {
      let expected = CommonMarkSpec.libcmarkHTML(example.markdown)
      let actual = renderer.render(example.markdown, policy: .every).html
      let (stripped, count) = TermLinks.strip(actual)
      linked += count
      if count > 0 { examplesWithLinks += 1 }
      if stripped != expected {
        failures.append(
          "\(example.testDescription):\n  got      \(actual.debugDescription)\n  libcmark \(expected.debugDescription)"
        )
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) examples differ:\n\(failures.prefix(20).joined(separator: "\n"))")
    // Not vacuous: the glossary really is found in a large part of the spec.
    #expect(
      linked > 500 && examplesWithLinks > 200, "\(linked) links in \(examplesWithLinks) examples")
  }

  @Test(
    "no term link lands inside code, a link or autolink, raw HTML, image alt text or another term link"
  )
  func linksOnlyInPlainText() {
    let renderer = MarkdownRenderer(
      linker: GlossaryLinker(patterns: Self.glossary), options: .plain)
    var failures: [String] = []
    for example in Self.examples {
      let html = renderer.render(example.markdown, policy: .every).html
      if let problem = TermLinks.misplaced(in: html) {
        failures.append("\(example.testDescription): \(problem) in \(html.debugDescription)")
      }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) examples:\n\(failures.prefix(20).joined(separator: "\n"))")
  }

  @Test("the checker itself spots a term link in the wrong place")
  func checkerIsNotBlind() {
    let term =
      #"<a class="term" href="../../glossary/foo/index.html" data-term="foo" aria-describedby="tip-foo">foo</a>"#
    #expect(TermLinks.misplaced(in: "<p><code>\(term)</code></p>\n") != nil)
    #expect(TermLinks.misplaced(in: "<p><a href=\"x\">\(term)</a></p>\n") != nil)
    #expect(TermLinks.misplaced(in: "<pre><code>\(term)</code></pre>\n") != nil)
    #expect(TermLinks.misplaced(in: "<p><em>\(term)</em></p>\n") == nil)
    #expect(TermLinks.strip("<p>a \(term) b</p>") == ("<p>a foo b</p>", 1))
    #expect(TermLinks.strip("<p>\(term)\u{0301}</p>") == ("<p>foo\u{0301}</p>", 1))
  }
}

/// Reads the term links Gloss adds to cmark's HTML.
enum TermLinks {
  static let openPrefix = #"<a class="term" "#

  /// The HTML with every term link's `<a …>` and its `</a>` removed, and how many there were.
  /// A term link wraps text and soft breaks only, so its `</a>` is the first one after it.
  /// Works on bytes: a combining mark after `>` would fuse with it into one Character.
  static func strip(_ html: String) -> (String, Int) {
    let bytes = Array(html.utf8)
    let open = Array(openPrefix.utf8)
    let close = Array("</a>".utf8)
    func find(_ needle: [UInt8], from start: Int) -> Int? {
      guard start <= bytes.count - needle.count else { return nil }
      return (start...(bytes.count - needle.count)).first {
        bytes[$0..<($0 + needle.count)].elementsEqual(needle)
      }
    }
    var result: [UInt8] = []
    var count = 0
    var position = 0
    while let start = find(open, from: position),
      let tagEnd = bytes[start...].firstIndex(of: UInt8(ascii: ">")),
      let end = find(close, from: tagEnd)
    {
      result += bytes[position..<start] + bytes[(tagEnd + 1)..<end]
      position = end + close.count
      count += 1
    }
    result += bytes[position...]
    return (String(decoding: result, as: UTF8.self), count)
  }

  /// Why a term link is somewhere it must not be, or nil when every one sits in plain text.
  static func misplaced(in html: String) -> String? {
    var open: [String] = []
    for token in HTMLTokenizer.tokens(html) {
      switch token {
      case .start(let name, let attributes, let selfClosing):
        let isTerm = name == "a" && attributes.contains { $0.name == "class" && $0.value == "term" }
        if isTerm,
          let outer = open.last(where: { ["a", "code", "pre", "script", "style"].contains($0) })
        {
          return "term link inside <\(outer)>"
        }
        if isTerm, attributes.contains(where: { $0.name == "alt" }) {
          return "term link with alt text"
        }
        for attribute in attributes where attribute.value.contains("class=\"term\"") {
          return "term link inside the \(attribute.name) attribute of <\(name)>"
        }
        if !selfClosing, !HTMLTokenizer.voidElements.contains(name) { open.append(name) }
      case .end(let name):
        if let index = open.lastIndex(of: name) { open.removeSubrange(index...) }
      case .comment(let text):
        if text.contains("class=\"term\"") { return "term link inside a comment" }
      case .text, .doctype:
        break
      }
    }
    return nil
  }
}
