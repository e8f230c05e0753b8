import Foundation

/// Writes the results of `SitePipeline` into the output folder for `gloss build --watch`:
/// the first good build replaces the folder atomically (as `gloss build` does), later ones
/// write only the files whose bytes changed (each one replaced by a rename, so a reader never
/// sees half a file) and delete the files that are gone. A failed build writes nothing.
public final class IncrementalSiteWriter {
  public let output: URL
  public let displayPath: String
  private var hasWritten = false

  public init(output: URL, displayPath: String? = nil) {
    self.output = output.standardizedFileURL
    self.displayPath = displayPath ?? output.path
  }

  /// `files` is the whole site after `outcome` (`SitePipeline.files`), used for the
  /// first write.
  public func apply(_ outcome: RebuildOutcome, files: @autoclosure () -> [OutputFile])
    throws(BuildFailure)
  {
    guard outcome.succeeded else { return }
    guard hasWritten, FileManager.default.fileExists(atPath: output.path) else {
      try SiteWriter(output: output, displayPath: displayPath).write(files())
      hasWritten = true
      return
    }
    let manager = FileManager.default
    for file in outcome.written {
      let target = output.appendingPathComponent(file.path)
      let folder = target.deletingLastPathComponent()
      let temporary = folder.appendingPathComponent(
        ".\(target.lastPathComponent).gloss-\(getpid())")
      do {
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(file.bytes).write(to: temporary)
        if rename(temporary.path, target.path) != 0 {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
      } catch {
        try? manager.removeItem(at: temporary)
        // The folder is now a mixture: the next good build replaces it whole.
        hasWritten = false
        throw BuildFailure([
          .error("\(displayPath)/\(file.path)", "cannot write: \(SiteWriter.describe(error))")
        ])
      }
    }
    for path in outcome.removed {
      let target = output.appendingPathComponent(path)
      try? manager.removeItem(at: target)
      // Folders left empty (an article's or entry's) go too, up to the output folder.
      var folder = target.deletingLastPathComponent().standardizedFileURL
      while folder.path.hasPrefix(output.path + "/"),
        (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
      {
        try? manager.removeItem(at: folder)
        folder = folder.deletingLastPathComponent().standardizedFileURL
      }
    }
  }
}
