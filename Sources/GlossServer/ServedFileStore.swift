import Foundation
import NIOCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The served copies of a site's files (HTML with the live-reload script in it), on disk in a
/// folder of the server's own: made in the system's temporary folder, readable by its owner
/// only, and removed when the server stops. Never the user's `Site/`, so the script cannot
/// leak into a build. Kept on disk rather than in memory because a 10,000-article site is
/// 800 MB of files: the kernel's page cache keeps the ones read often, and gives the memory
/// back when something else needs it.
///
/// Each version of a file gets a name of its own, never reused: a copy being replaced is
/// removed only once nothing can read it any more (`LiveSite` decides when).
final class ServedFileStore: @unchecked Sendable {
  private let lock = NSLock()
  private let parent: String
  /// Made at the first write; nil before, and after `removeAll()`.
  private var folder: String?
  private var nextName = 0
  private var closed = false

  /// `parent`: where the folder is made (the system's temporary folder by default).
  init(parent: String = NSTemporaryDirectory()) {
    self.parent = parent
  }

  /// The folder, while there is one (for tests and messages).
  var location: String? { lock.withLock { folder } }

  /// Writes `bytes` under a new name and returns its path; nil when they cannot be written
  /// (no temporary folder, a full disk, the store closed): the caller keeps them in memory.
  func write(_ bytes: [UInt8]) -> String? {
    let path: String? = lock.withLock {
      guard !closed, let folder = folder ?? makeFolder() else { return nil }
      nextName += 1
      return folder + "/" + String(nextName)
    }
    guard let path else { return nil }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    let complete = bytes.withUnsafeBytes { raw -> Bool in
      var offset = 0
      while offset < raw.count {
        let count = posixWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return false }
        offset += count
      }
      return true
    }
    guard complete else {
      unlink(path)
      return nil
    }
    return path
  }

  /// The `count` bytes written at `path`; nil when the file is gone or shorter (something
  /// else removed it: a cleaner of the temporary folder).
  func read(_ path: String, count: Int) -> ByteBuffer? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = ByteBufferAllocator().buffer(capacity: count)
    var complete = true
    buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { target in
      var offset = 0
      while offset < count {
        let read = posixRead(descriptor, target.baseAddress! + offset, count - offset)
        if read < 0, errno == EINTR { continue }
        guard read > 0 else {
          complete = false
          break
        }
        offset += read
      }
      return offset
    }
    return complete ? buffer : nil
  }

  /// Removes copies that nothing reads any more.
  func remove(_ paths: [String]) {
    for path in paths { unlink(path) }
  }

  /// Removes the folder and everything in it; later writes fail (the server is stopping).
  func removeAll() {
    let removed: String? = lock.withLock {
      closed = true
      defer { folder = nil }
      return folder
    }
    if let removed { try? FileManager.default.removeItem(atPath: removed) }
  }

  deinit { removeAll() }

  /// `mkdtemp`: a new folder with a name no one else has, mode 0700. Its name carries the
  /// process id, so that the folders of servers that were killed can be told and removed.
  private func makeFolder() -> String? {
    let root = parent.hasSuffix("/") ? parent : parent + "/"
    var template = Array((root + Self.prefix + "\(getpid())-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard made != nil else { return nil }
    folder = String(cString: template)
    Thread.detachNewThread { Self.removeAbandoned(in: root) }
    return folder
  }

  static let prefix = "gloss-serve-"

  /// Removes the folders of servers that did not stop cleanly (killed, or the machine went
  /// down): the ones whose process is gone. Another user's folders are left alone.
  static func removeAbandoned(in root: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return }
    for name in names where name.hasPrefix(prefix) {
      let parts = name.dropFirst(prefix.count).split(separator: "-")
      guard parts.count == 2, let pid = Int32(parts[0]), pid != getpid() else { continue }
      var info = stat()
      guard lstat(root + name, &info) == 0, info.st_uid == getuid(),
        (info.st_mode & S_IFMT) == S_IFDIR
      else { continue }
      if kill(pid, 0) != 0, errno == ESRCH {
        try? FileManager.default.removeItem(atPath: root + name)
      }
    }
  }
}

// At file scope, where `write` and `read` are the C library's, not the store's methods.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

private func posixRead(_ descriptor: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, bytes, count)
}
