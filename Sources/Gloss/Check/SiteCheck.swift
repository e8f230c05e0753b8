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
    let site = SiteLinks()
    let (outcome, content, paragraphs) = Self.build(paths, into: site)
    guard outcome.succeeded, let content else {
      throw BuildFailure(outcome.report.diagnostics)
    }
    let sources = ContentSources(content: content, paths: paths)
    var diagnostics = outcome.report.diagnostics
    diagnostics += LinkCheck.check(site, outputDisplay: paths.outputDisplay, sources: sources)
    diagnostics += GlossaryCheck.spellings(content: content, paragraphs: paragraphs)
    diagnostics += GlossaryCheck.summaries(content: content, sources: sources)
    if listExternal { diagnostics += ExternalLinks.notes(sources) }
    return Diagnostics(diagnostics).sorted
  }

  /// Builds the site in memory, each file read into `site` as it is made. Of what the build
  /// keeps, only the content and the articles' paragraphs outlive it: the rest (rendered HTML,
  /// search documents, concept maps) is let go before the checks run.
  private static func build(_ paths: BuildPaths, into site: SiteLinks) -> (
    RebuildOutcome, Content?, [[ParagraphText]]
  ) {
    let pipeline = SitePipeline(paths: paths, retainsSite: false)
    pipeline.sink = { file in site.add(file) }
    // No page links into the search index's files, and their bytes hold nothing to check.
    pipeline.makesSearchIndex = false
    let outcome = pipeline.rebuild()
    guard outcome.succeeded else { return (outcome, nil, []) }
    return (outcome, pipeline.content, pipeline.renderedArticles.map(\.markdown.paragraphs))
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
