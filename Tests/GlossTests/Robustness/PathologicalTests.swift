import Foundation
import Testing

@testable import Gloss

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// cmark's pathological inputs (its `test/pathological_tests.py`) and a few of Gloss's own,
/// through the whole Markdown stage: parse, link, render. Each input is timed at size n and
/// 10n (scaled to exactly 10× the bytes): linear work gives a ratio near 10, quadratic near 100.
/// The bound is generous (30×) because this is a complexity check on a noisy shared machine,
/// not a speed target.
@Suite("Pathological input takes time linear in its size", .serialized)
struct PathologicalTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var n: Int
    var make: @Sendable (Int) -> String
    var testDescription: String { name }
  }

  static func repeated(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

  static let cases: [Case] = [
    Case(name: "nested strong emphasis", n: 1_000) { n in
      repeated("*a **a ", n) + "b" + repeated(" a** a*", n)
    },
    Case(name: "many emphasis closers without openers", n: 5_000) { n in repeated("a_ ", n) },
    Case(name: "many emphasis openers without closers", n: 5_000) { n in repeated("_a ", n) },
    Case(name: "many link closers without openers", n: 5_000) { n in repeated("a]", n) },
    Case(name: "many link openers without closers", n: 5_000) { n in repeated("[a", n) },
    Case(name: "mismatched openers and closers", n: 5_000) { n in repeated("*a_ ", n) },
    Case(name: "openers and closers in multiples of 3", n: 5_000) { n in "a**b" + repeated("c* ", n)
    },
    Case(name: "link openers and emphasis closers", n: 5_000) { n in repeated("[ a_", n) },
    Case(name: "[ (]( repeated", n: 5_000) { n in repeated("[ (](", n) },
    Case(name: "nested brackets", n: 5_000) { n in repeated("[", n) + "a" + repeated("]", n) },
    Case(name: "nested block quotes", n: 2_000) { n in repeated("> ", n) + "a Quad\n" },
    Case(name: "deeply nested lists", n: 300) { n in
      (0..<n).map { repeated("  ", $0) + "* a Quad\n" }.joined()
    },
    Case(name: "many backtick runs", n: 500) { n in (1..<n).map { "e" + repeated("`", $0) }.joined()
    },
    Case(name: "unclosed links with angle brackets", n: 5_000) { n in repeated("[a](<b", n) },
    Case(name: "unclosed links", n: 5_000) { n in repeated("[a](b", n) },
    Case(name: "many reference definitions and uses", n: 2_000) { n in
      (0..<n).map { "[l\($0)]: https://example.org/\($0)\n" }.joined() + "\n"
        + (0..<n).map { "[x][l\($0)] Quad " }.joined()
    },
    Case(name: "many HTML openers", n: 5_000) { n in repeated("<a", n) },
    Case(name: "a long run of asterisks", n: 20_000) { n in "a " + repeated("*", n) + " b Quad" },
    Case(name: "a long run of brackets around terms", n: 5_000) { n in
      repeated("[Quad ", n) + repeated("]", n)
    },
    Case(name: "every word a term", n: 10_000) { n in repeated("Quad AUKUS NATO ", n) },
    Case(name: "near misses of long multi-word terms", n: 10_000) { n in repeated("a ", n) + "\n" },
    Case(name: "terms across soft breaks", n: 10_000) { n in repeated("Cold\nWar ", n) },
    Case(name: "nested emphasis around terms", n: 1_000) { n in
      repeated("*Quad **", n) + "x" + repeated("** Quad*", n)
    },
    Case(name: "images nested in links", n: 2_000) { n in repeated("[![Quad](x) Quad](y) ", n) },
    Case(name: "Chinese without spaces, every phrase a term", n: 10_000) { n in
      repeated("北约组织和北约，", n)
    },
    Case(name: "near misses of long Chinese terms", n: 20_000) { n in repeated("北", n) },
    Case(name: "Korean terms before particle chains", n: 5_000) { n in
      repeated("나토에서는 나토가 나토리 ", n)
    },
    Case(name: "an Arabic term before a long run of harakat", n: 20_000) { n in
      "الناتو" + repeated("\u{064E}", n)
    },
    Case(name: "Arabic terms with tatweel and harakat", n: 5_000) { n in
      repeated("الناتـَو ", n)
    },
    Case(name: "a Thai term before vowel signs it may not cut", n: 10_000) { n in
      repeated("กิ", n)
    },
  ]

  /// Entries whose spellings share long prefixes ("a a a … a b"), the worst case for a naive
  /// matcher that restarts at every word.
  static let linker: GlossaryLinker = {
    var patterns = [
      TermPattern(text: "Quad", entryID: "quad"), TermPattern(text: "AUKUS", entryID: "aukus"),
      TermPattern(text: "NATO", entryID: "nato"),
      TermPattern(text: "Cold War", entryID: "cold-war"),
    ]
    for length in 1...40 {
      patterns.append(TermPattern(text: repeated("a ", length) + "b", entryID: "a-\(length)"))
      // The same for scripts written without spaces, where every position may start a match.
      patterns.append(TermPattern(text: repeated("北", length) + "约", entryID: "bei-\(length)"))
    }
    for term in ["北约", "北约组织", "나토", "الناتو", "ก"] {
      patterns.append(TermPattern(text: term, entryID: term))
    }
    return GlossaryLinker(patterns: patterns)
  }()

  /// CPU time of the calling thread, in seconds: other tests running meanwhile on the two
  /// cores lengthen wall time, not this.
  static func threadCPUTime() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// Best of three, in CPU seconds.
  static func time(_ work: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<3 {
      let start = threadCPUTime()
      work()
      best = min(best, threadCPUTime() - start)
    }
    return best
  }

  static func time(_ markdown: String) -> Double {
    time {
      let rendered = MarkdownRenderer(linker: linker).render(markdown, policy: .every)
      #expect(!rendered.html.isEmpty)
    }
  }

  @Test("parse, link and render grow linearly", arguments: cases)
  func linear(_ input: Case) {
    let small = input.make(input.n)
    let large = input.make(input.n * 10)
    // A floor of 5 ms keeps timer noise on tiny inputs from looking like growth.
    let smallTime = max(Self.time(small), 0.005)
    let largeTime = Self.time(large)
    // Per byte: some inputs (backtick runs of every length) grow faster than n themselves.
    let ratio = largeTime / smallTime * 10 / (Double(large.utf8.count) / Double(small.utf8.count))
    #expect(
      ratio < 30,
      "\(input.name): \(small.utf8.count) bytes in \(Int(smallTime * 1000)) ms, \(large.utf8.count) bytes in \(Int(largeTime * 1000)) ms (×\(Int(ratio)))"
    )
  }

  @Test(
    "plain-text import of pathological text grows linearly",
    arguments: [
      Case(name: "Markdown-significant characters everywhere", n: 2_000) { n in
        "Title\n\n" + repeated("*_[]`<>#!\\&|~ 1. - + ", n) + "\n"
      },
      Case(name: "one very long line", n: 20_000) { n in "Title\n\n" + repeated("word ", n) + "\n"
      },
      Case(name: "many short paragraphs", n: 5_000) { n in "Title\n\n" + repeated("Quad.\n\n", n) },
      Case(name: "hard-wrapped paragraphs", n: 5_000) { n in
        "Title\n\n" + repeated("a line of the Quad\n", n)
      },
    ])
  func importLinear(_ input: Case) {
    func time(_ text: String) -> Double {
      Self.time {
        let imported = PlainTextImporter.importText(text)
        _ = MarkdownRenderer(linker: Self.linker).render(imported.body, policy: .every)
      }
    }
    let smallTime = max(time(input.make(input.n)), 0.005)
    let largeTime = time(input.make(input.n * 10))
    #expect(
      largeTime / smallTime < 30,
      "\(input.name): \(Int(smallTime * 1000)) ms → \(Int(largeTime * 1000)) ms")
  }

  @Test("a NUL byte and invalid UTF-8 survive the pipeline")
  func nulAndInvalid() {
    let rendered = MarkdownRenderer(linker: Self.linker).render(
      "abc\u{0}de\u{0} Quad\n", policy: .every)
    #expect(rendered.html.contains("\u{FFFD}"))
    #expect(rendered.html.contains("class=\"term\""))
  }
}
