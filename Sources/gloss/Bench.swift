import ArgumentParser
import Foundation
import Gloss

/// Measurements for Benchmarks/run, hidden from help: they print JSON for the script, not
/// messages for people.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Benchmark measurements (for Benchmarks/run).", shouldDisplay: false,
    subcommands: [BenchLink.self])
}

/// Linking throughput for one content folder's glossary over its articles: the matcher scan
/// alone, and parse + link + render against parse + render, each the median of several runs
/// on one thread.
struct BenchLink: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "link", abstract: "Time the glossary linker over a content folder's articles.")

  @Option(help: "Content folder.")
  var content = "Content"

  @Option(help: "Runs per figure; the median is reported.")
  var runs = 5

  func run() throws {
    let loaded = ContentLoader(directory: URL(fileURLWithPath: content), displayRoot: content).load()
    guard let site = loaded.content else {
      Console.printDiagnostics(loaded.diagnostics)
      throw ExitCode(1)
    }
    let patterns = site.glossary.flatMap { entry in
      entry.spellings.map { TermPattern(text: $0, entryID: entry.id, matchCase: entry.matchCase) }
    }
    let texts = site.articles.map(\.markdown)
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }

    var matcher: TermMatcher?
    let build = median(runs) { matcher = TermMatcher(patterns: patterns) }
    guard let matcher else { return }
    var matches = 0
    let scan = median(runs) {
      matches = 0
      for text in texts { matches += matcher.matches(in: text).count }
    }
    let linker = GlossaryLinker(patterns: patterns)
    let linked = MarkdownRenderer(linker: linker)
    let plain = MarkdownRenderer(linker: nil)
    var sink = 0
    let renderLinked = median(runs) { for text in texts { sink &+= linked.render(text).html.utf8.count } }
    let renderPlain = median(runs) { for text in texts { sink &+= plain.render(text).html.utf8.count } }

    let report: [String: Any] = [
      "patterns": patterns.count, "entries": site.glossary.count, "articles": texts.count, "bytes": bytes,
      "matches": matches, "build_ms": build, "scan_ms": scan, "scan_mb_per_s": Double(bytes) / 1e3 / max(scan, 1e-6),
      "render_linked_ms": renderLinked, "render_plain_ms": renderPlain, "html_bytes": sink,
    ]
    let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    FileHandle.standardOutput.write(json + Data("\n".utf8))
  }

  /// Median wall time of `runs` calls, in milliseconds.
  private func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<max(1, runs) {
      let start = DispatchTime.now().uptimeNanoseconds
      body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    return times[times.count / 2]
  }
}
