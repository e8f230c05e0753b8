/// What one run of the pipeline did: for the log line, the status endpoint, and whoever
/// publishes the files.
public struct RebuildOutcome: Sendable {
  /// Articles, entries, pages written, milliseconds and diagnostics (errors when it failed).
  public var report: BuildReport
  public var succeeded: Bool
  /// Files that are new or whose bytes changed, sorted by path; every file after the first
  /// good build. Empty when the pipeline streams its files (`SitePipeline.sink`).
  public var written: [OutputFile]
  /// Paths of the previous good build that no longer exist.
  public var removed: [String]
  /// Files generated again, sorted (some may have come out identical and not been written).
  public var rendered: [String]
  /// The changed files, as the user names them ("Content/articles/a.md"), sorted.
  public var changedSources: [String]

  /// "Content/articles/a.md", "3 files", or "a full scan".
  public var changeDescription: String {
    switch changedSources.count {
    case 0: "a full scan"
    case 1: changedSources[0]
    case 2, 3: changedSources.joined(separator: ", ")
    default: "\(changedSources.count) files"
    }
  }

  /// One line for the log.
  public var logLine: String {
    let errors = report.diagnostics.filter { $0.severity == .error }.count
    let warnings = report.diagnostics.filter { $0.severity == .warning }.count
    guard succeeded else {
      let count = "\(errors) error\(errors == 1 ? "" : "s") in \(report.milliseconds) ms"
      return changedSources.isEmpty
        ? "build failed: \(count)" : "rebuild failed after \(changeDescription): \(count)"
    }
    let pages = "\(report.pagesWritten) page\(report.pagesWritten == 1 ? "" : "s") written"
    var line =
      changedSources.isEmpty ? "built: \(pages)" : "rebuilt after \(changeDescription): \(pages)"
    let assets = report.filesWritten - report.pagesWritten
    if assets > 0 { line += ", \(assets) other file\(assets == 1 ? "" : "s")" }
    if !removed.isEmpty { line += ", \(removed.count) removed" }
    line += " in \(report.milliseconds) ms"
    if warnings > 0 { line += " (\(warnings) warning\(warnings == 1 ? "" : "s"))" }
    return line
  }
}
