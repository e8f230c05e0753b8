import Foundation

/// What one build did, for the summary line and for `gloss serve`'s status endpoint.
public struct BuildReport: Sendable {
  public var articles: Int
  public var entries: Int
  public var pagesWritten: Int
  public var filesWritten: Int
  public var milliseconds: Int
  public var diagnostics: [Diagnostic]

  public var summary: String {
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    var line =
      "built \(articles) article\(articles == 1 ? "" : "s"), \(entries) glossary entr\(entries == 1 ? "y" : "ies"): \(pagesWritten) pages written in \(milliseconds) ms"
    if warnings > 0 { line += " (\(warnings) warning\(warnings == 1 ? "" : "s"))" }
    return line
  }
}
