import Foundation

/// `gloss check`: everything a build would report, plus what only the finished site and the
/// whole glossary show: links and anchors that resolve to nothing, spellings the linker can
/// never use, summaries that make poor previews, and (on request) every external URL.
/// Builds in memory and writes nothing.
public struct SiteCheck {
  public var paths: BuildPaths
  /// Adds a note for every external URL in the content (listed, never fetched).
  public var listExternal: Bool

  /// Longest summary, in words, that still reads as a one-line preview.
  public static let summaryWordLimit = 30

  public init(paths: BuildPaths, listExternal: Bool = false) {
    self.paths = paths
    self.listExternal = listExternal
  }

  /// All findings, errors first within each file. Throws what a build would throw (content,
  /// theme and anchoring errors), because nothing else can be checked without a site.
  public func run() throws(BuildFailure) -> [Diagnostic] {
    // The site is made as a build makes it, but each file is read for its links as soon as it
    // is made (on the core that made it) and then let go: checking costs what building does.
    let pipeline = SitePipeline(paths: paths, retainsSite: false)
    let collected = CollectedLinks()
    pipeline.sink = { file in collected.add(file) }
    let outcome = pipeline.rebuild()
    guard outcome.succeeded, let content = pipeline.content else {
      throw BuildFailure(outcome.report.diagnostics)
    }
    let sources = ContentSources(content: content, paths: paths)
    var diagnostics = outcome.report.diagnostics
    let (pages, files) = collected.result
    diagnostics += LinkCheck.check(
      pages: pages, paths: files, outputDisplay: paths.outputDisplay, sources: sources)
    diagnostics += GlossaryCheck.spellings(content: content, rendered: pipeline.renderedArticles)
    diagnostics += GlossaryCheck.summaries(content: content, sources: sources)
    if listExternal { diagnostics += ExternalLinks.notes(sources) }
    return Diagnostics(diagnostics).sorted
  }

  /// "check: 1 error, 2 warnings, 0 notes": the line the command prints last.
  public static func summary(_ diagnostics: [Diagnostic]) -> String {
    func count(_ severity: Diagnostic.Severity, _ word: String) -> String {
      let n = diagnostics.filter { $0.severity == severity }.count
      return "\(n) \(word)\(n == 1 ? "" : "s")"
    }
    return
      "check: \(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note"))"
  }
}

/// The links of every page and the path of every file, gathered from the threads that make
/// them.
private final class CollectedLinks: @unchecked Sendable {
  private let lock = NSLock()
  private var pages: [String: PageLinks] = [:]
  private var paths: Set<String> = []

  func add(_ file: OutputFile) {
    let links = file.path.hasSuffix(".html") ? PageLinks(html: file.bytes) : nil
    lock.withLock {
      paths.insert(file.path)
      if let links { pages[file.path] = links }
    }
  }

  var result: ([String: PageLinks], Set<String>) { lock.withLock { (pages, paths) } }
}
