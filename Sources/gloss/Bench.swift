import ArgumentParser
import Foundation
import Gloss

/// Measurements for Benchmarks/run, hidden from help: they print JSON for the script, not
/// messages for people.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Benchmark measurements (for Benchmarks/run).",
    shouldDisplay: false,
    subcommands: [BenchLink.self, BenchRebuild.self])
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
    let loaded = ContentLoader(directory: URL(fileURLWithPath: content), displayRoot: content)
      .load()
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
    let renderLinked = median(runs) {
      for text in texts { sink &+= linked.render(text).html.utf8.count }
    }
    let renderPlain = median(runs) {
      for text in texts { sink &+= plain.render(text).html.utf8.count }
    }

    let report: [String: Any] = [
      "patterns": patterns.count, "entries": site.glossary.count, "articles": texts.count,
      "bytes": bytes,
      "matches": matches, "build_ms": build, "scan_ms": scan,
      "scan_mb_per_s": Double(bytes) / 1e3 / max(scan, 1e-6),
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

/// Incremental rebuild latency: build once with `SitePipeline`, then edit one article and
/// one glossary entry several times, timing each rebuild from the change to the last file
/// written (what `gloss build --watch` and `gloss serve` do after their debounce). The edited
/// files are restored afterwards.
struct BenchRebuild: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rebuild",
    abstract: "Time incremental rebuilds after editing one article and one entry.")

  @OptionGroup var site: SiteOptions

  @Option(help: "Output folder.")
  var output = "Site"

  @Option(help: "Slug of the article to edit (default: the first one by name).")
  var article: String?

  @Option(help: "Id of the glossary entry to edit (default: the first one by name).")
  var entry: String?

  @Option(help: "Edits of each kind; the median is reported.")
  var runs = 5

  @Flag(help: "Also compare the incremental result with a clean build, byte for byte.")
  var verify = false

  func run() throws {
    let paths = site.paths(output: output)
    let builder = SitePipeline(paths: paths)
    let writer = IncrementalSiteWriter(output: paths.output, displayPath: paths.outputDisplay)
    let first = measure { () throws(BuildFailure) in
      let outcome = builder.rebuild(.everything)
      guard outcome.succeeded else { throw BuildFailure(outcome.report.diagnostics) }
      try writer.apply(outcome, files: builder.files)
      return outcome
    }
    let initial = try first.get()

    let articles = paths.content.appendingPathComponent("articles")
    let glossary = paths.content.appendingPathComponent("glossary")
    let articleURL = try pick(article, in: articles, suffixes: [".md", ".txt"])
    let entryURL = try pick(entry, in: glossary, suffixes: [".md"])

    var articleTimes: [Double] = []
    var entryTimes: [Double] = []
    var articlePages = 0
    var entryPages = 0
    try withRestored([articleURL, entryURL]) { originals in
      for run in 1...max(1, runs) {
        // The article gains a sentence at its end; the entry's summary changes (the entry page,
        // the glossary index and every page that shows its tip are affected).
        try write(originals[0] + "\nAn edit for the benchmark, number \(run).\n", to: articleURL)
        let a = try rebuild(builder, writer, changed: articleURL)
        articleTimes.append(a.milliseconds)
        articlePages = a.pages
        var edited = originals[1].replacingOccurrences(
          of: "\nsummary: \"", with: "\nsummary: \"Revision \(run). ")
        if edited == originals[1] { edited += "\nRevision \(run).\n" }
        try write(edited, to: entryURL)
        let e = try rebuild(builder, writer, changed: entryURL)
        entryTimes.append(e.milliseconds)
        entryPages = e.pages
      }
      var identical: Bool?
      if verify {
        let (clean, _) = try Builder(paths: paths).generate()
        identical = clean.files == builder.files
      }
      var report: [String: Any] = [
        "initial_ms": first.milliseconds, "initial_pages": initial.report.pagesWritten,
        "article_ms": median(articleTimes), "article_pages": articlePages,
        "entry_ms": median(entryTimes), "entry_pages": entryPages, "runs": articleTimes.count,
      ]
      if let identical { report["identical"] = identical }
      let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
      FileHandle.standardOutput.write(json + Data("\n".utf8))
    }
    // Leave the output as the restored content builds it.
    let restored = builder.rebuild(.paths([articleURL.path, entryURL.path]))
    try writer.apply(restored, files: builder.files)
  }

  private func rebuild(_ builder: SitePipeline, _ writer: IncrementalSiteWriter, changed: URL)
    throws -> (
      milliseconds: Double, pages: Int
    )
  {
    let timed = measure { () throws(BuildFailure) in
      let outcome = builder.rebuild(.paths([changed.path]))
      guard outcome.succeeded else { throw BuildFailure(outcome.report.diagnostics) }
      try writer.apply(outcome, files: builder.files)
      return outcome
    }
    let outcome = try timed.get()
    return (timed.milliseconds, outcome.report.pagesWritten)
  }

  private func pick(_ name: String?, in folder: URL, suffixes: [String]) throws -> URL {
    if let name {
      for suffix in suffixes
      where FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(name + suffix).path)
      {
        return folder.appendingPathComponent(name + suffix)
      }
      throw ValidationError("no \(name) in \(folder.path)")
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    guard let first = names.first(where: { name in suffixes.contains { name.hasSuffix($0) } })
    else {
      throw ValidationError("nothing to edit in \(folder.path)")
    }
    return folder.appendingPathComponent(first)
  }

  private func withRestored(_ urls: [URL], _ body: ([String]) throws -> Void) throws {
    let originals = try urls.map { try String(contentsOf: $0, encoding: .utf8) }
    defer { for (url, text) in zip(urls, originals) { try? write(text, to: url) } }
    try body(originals)
  }

  private func write(_ text: String, to url: URL) throws {
    try Data(text.utf8).write(to: url)
  }
}

/// A result and how long it took, in milliseconds.
private struct Timed<T> {
  var result: Result<T, BuildFailure>
  var milliseconds: Double

  func get() throws -> T {
    switch result {
    case .success(let value): return value
    case .failure(let failure):
      Console.printDiagnostics(failure.diagnostics)
      throw ExitCode(1)
    }
  }
}

private func measure<T>(_ body: () throws(BuildFailure) -> T) -> Timed<T> {
  let start = DispatchTime.now().uptimeNanoseconds
  let result: Result<T, BuildFailure>
  do {
    result = .success(try body())
  } catch {
    result = .failure(error)
  }
  return Timed(
    result: result, milliseconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}

private func median(_ values: [Double]) -> Double {
  guard !values.isEmpty else { return 0 }
  let sorted = values.sorted()
  return sorted[sorted.count / 2]
}
