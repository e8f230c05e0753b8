import Gloss

extension Builder {
  /// `build()` with a progress line on stderr when it is a terminal and the build takes more
  /// than about a second; the line is erased before the caller prints the summary.
  func buildShowingProgress() throws(BuildFailure) -> BuildReport {
    let line = ProgressLine()
    var builder = self
    builder.progress = line.callback
    defer { line.finish() }
    return try builder.build()
  }
}
