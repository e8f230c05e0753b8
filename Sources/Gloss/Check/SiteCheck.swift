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
    let (output, content) = try Builder(paths: paths).generate()
    let sources = ContentSources(content: content, paths: paths)
    var diagnostics = output.diagnostics
    diagnostics += LinkCheck.check(
      output.files, outputDisplay: paths.outputDisplay, sources: sources)
    diagnostics += GlossaryCheck.spellings(content: content, rendered: output.articles)
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
