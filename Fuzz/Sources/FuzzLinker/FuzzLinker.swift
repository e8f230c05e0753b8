import FuzzSupport

@testable import Gloss

/// The linker on fuzzed Markdown: removing the term links gives exactly the HTML cmark makes
/// without Gloss (with plain and with article options), and no term link sits inside a link,
/// code, or around markup.
let fixed = [
  "foo", "bar", "foo bar", "baz", "Quad", "Cold War", "Cold War 2.0", "a", "b", "U.S.",
  "One-China policy", "Xi's",
].enumerated().map { TermPattern(text: $1, entryID: "t\($0)") }

@main
enum Main {
  static func main() { runFuzzer(fuzzLinker) }
}

/// libFuzzer's own main, where the toolchain links it in, calls this.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  fuzzLinker(data, size)
}

func fuzzLinker(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let input = string(data, size)
  let (spellings, _) = patternsAndText(input)
  let patterns =
    fixed
    + spellings.enumerated().map {
      TermPattern(text: $1.text, entryID: "f\($0)", matchCase: $1.matchCase)
    }
  let linker = GlossaryLinker(patterns: patterns)
  for options in [MarkdownOptions.plain, .article] {
    for policy in LinkPolicy.allCases {
      let linked = MarkdownRenderer(linker: linker, options: options).render(input, policy: policy)
      let reference = MarkdownRenderer(linker: nil, options: options).render(input).html
      let (stripped, _) = TermLinkHTML.strip(linked.html)
      require(
        stripped == reference,
        "term links changed the HTML:\n\(linked.html.debugDescription)\nvs\n\(reference.debugDescription)"
      )
      if let problem = TermLinkHTML.misplacedTermLink(linked.html) {
        require(false, "\(problem): \(linked.html.debugDescription)")
      }
      for paragraph in linked.paragraphs {
        let length = paragraph.text.utf8.count
        for mention in paragraph.mentions {
          require(
            mention.range.upperBound <= length,
            "mention beyond its paragraph: \(mention) in \(paragraph.text.debugDescription)")
        }
      }
    }
  }
  return 0
}
