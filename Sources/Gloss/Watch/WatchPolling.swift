import Foundation

/// The portable fallback: compares the stamps (size, times, inode) of every file below the
/// roots a few times a second. Used where inotify is not available.
final class PollingWatcher: FileWatcher, @unchecked Sendable {
  private let roots: [String]
  private let queue: ChangeQueue
  private let interval: Duration
  private let lock = NSLock()
  private var stopped = false
  private let finished = DispatchSemaphore(value: 0)

  init(directories: [URL], queue: ChangeQueue, interval: Duration) {
    self.roots = directories.map { $0.standardizedFileURL.path }
    self.queue = queue
    self.interval = interval
    let initial = Self.snapshot(roots)
    let thread = Thread { [self] in run(initial) }
    thread.name = "gloss.poll"
    thread.start()
  }

  func stop() {
    lock.lock()
    let already = stopped
    stopped = true
    lock.unlock()
    if !already { finished.wait() }
  }

  private var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  private func run(_ initial: [String: FileStamp]) {
    defer { finished.signal() }
    var previous = initial
    let (seconds, attoseconds) = interval.components
    let micros = UInt32(max(10_000, seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
    while !isStopped {
      usleep(micros)
      let current = Self.snapshot(roots)
      var changed = Set<String>()
      for (path, stamp) in current where previous[path] != stamp { changed.insert(path) }
      for path in previous.keys where current[path] == nil { changed.insert(path) }
      previous = current
      if !changed.isEmpty { queue.add(.paths(changed)) }
    }
  }

  /// Every file below the roots, skipping ignored names. Folders are not listed: their files
  /// appearing and disappearing is what matters.
  static func snapshot(_ roots: [String]) -> [String: FileStamp] {
    var result: [String: FileStamp] = [:]
    func visit(_ path: String) {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
      guard isDirectory.boolValue else {
        result[path] = FileStamp(path: path)
        return
      }
      for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      where !ContentLoader.isIgnored(name) {
        visit(path + "/" + name)
      }
    }
    for root in roots { visit(root) }
    return result
  }
}
