import CGlossSupport
import Foundation

/// Writes a generated site so that the output directory always holds a complete site: the old
/// one or the new one, never a mixture. Files go to a sibling staging directory, which is then
/// exchanged with the output in one atomic rename (Linux renameat2); elsewhere two renames.
///
/// The site that was replaced is kept beside the output as `.<output>.gloss-spare` and becomes
/// the next build's staging directory: writing over a file that exists is several times faster
/// than making a new one, and nothing has to be deleted while the user waits. Whatever the new
/// build did not write is pruned from it before the swap.
public struct SiteWriter {
  public var output: URL
  public var displayPath: String

  public init(output: URL, displayPath: String? = nil) {
    self.output = output.standardizedFileURL
    self.displayPath = displayPath ?? output.path
  }

  var parent: URL { output.deletingLastPathComponent() }
  var stagingPrefix: String { ".\(output.lastPathComponent).gloss-" }
  /// The previous site, kept to be written over by the next build.
  var spare: URL { parent.appendingPathComponent("\(stagingPrefix)spare") }

  /// Writes `files` as the new content of the output directory.
  public func write(_ files: [OutputFile]) throws(BuildFailure) {
    let staging = SiteStaging(self)
    ConcurrentMap.forEach(files) { staging.write($0) }
    try staging.commit()
  }

  /// Checks the output path, clears what killed builds left, and makes the staging directory a
  /// new site is written into (see `SiteStaging`): the spare when there is one (then
  /// `reused` is true and the staging holds the previous site's files until pruned).
  func makeStaging() throws(BuildFailure) -> (url: URL, reused: Bool) {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: output.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      // The swap would put the user's file aside and delete it.
      throw BuildFailure([
        .error(
          displayPath,
          "the output path is a file, not a folder; choose another --output (Gloss replaces the whole output folder)"
        )
      ])
    }
    if let blocker = fileInTheWay() {
      throw BuildFailure([
        .error(
          displayPath,
          "cannot make the output folder: '\(blocker)' is a file, not a folder; choose another --output"
        )
      ])
    }
    removeLeftovers()
    let staging = parent.appendingPathComponent("\(stagingPrefix)staging-\(getpid())")
    if Self.isRealFolder(spare.path), rename(spare.path, staging.path) == 0 {
      return (staging, true)
    }
    do {
      try? manager.removeItem(at: staging)
      try manager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      try? manager.removeItem(at: staging)
      throw BuildFailure([
        .error(
          displayPath, "cannot write the site next to the output directory: \(Self.describe(error))"
        )
      ])
    }
    return (staging, false)
  }

  /// A directory itself, not a link to one.
  static func isRealFolder(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Keeps a folder that holds the previous site as the spare; removes it if that fails.
  func keepAsSpare(_ folder: URL) {
    if rename(folder.path, spare.path) != 0 { TreeRemoval.remove(folder) }
  }

  /// The nearest existing ancestor of the output when it is a file (`--output notes.txt/Site`),
  /// named as the user wrote it; the staging directory's own path would only confuse.
  private func fileInTheWay() -> String? {
    var ancestor = parent
    var shown = (displayPath as NSString).deletingLastPathComponent
    var isDirectory: ObjCBool = false
    while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
      let up = ancestor.deletingLastPathComponent()
      if up.path == ancestor.path { return nil }
      ancestor = up
      shown = (shown as NSString).deletingLastPathComponent
    }
    if isDirectory.boolValue { return nil }
    return shown.isEmpty ? ancestor.path : shown
  }

  func swapIntoPlace(_ staging: URL) throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: output.path) else {
      try manager.moveItem(at: staging, to: output)
      return
    }
    if gloss_exchange_paths(staging.path, output.path) == 0 {
      // `staging` now holds the previous site.
      keepAsSpare(staging)
      return
    }
    let old = parent.appendingPathComponent("\(stagingPrefix)old-\(getpid())")
    try? manager.removeItem(at: old)
    try manager.moveItem(at: output, to: old)
    do {
      try manager.moveItem(at: staging, to: output)
    } catch {
      try? manager.moveItem(at: old, to: output)
      throw error
    }
    keepAsSpare(old)
  }

  /// Staging directories of builds that were killed half-way.
  private func removeLeftovers() {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
    for name in names where name.hasPrefix(stagingPrefix) && name != spare.lastPathComponent {
      // A concurrent build of the same output is not supported; a leftover is garbage.
      TreeRemoval.remove(parent.appendingPathComponent(name))
    }
  }

  static func describe(_ error: Error) -> String {
    if let cocoa = error as? CocoaError, let path = cocoa.userInfo[NSFilePathErrorKey] as? String {
      return
        "\(cocoa.code == .fileWriteNoPermission ? "permission denied" : "write failed") at \(path)"
    }
    return (error as NSError).localizedDescription
  }
}
