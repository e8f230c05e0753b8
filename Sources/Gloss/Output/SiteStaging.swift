import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A site being written into `SiteWriter`'s staging directory page by page, as the pages are
/// rendered and from several threads at once, then swapped into place whole. A large site
/// is never held in memory as a list of files, and both cores share the file system work.
///
/// The staging directory is made at the first write, so a build that fails before writing
/// anything reports only its content errors and touches nothing on disk.
final class SiteStaging: @unchecked Sendable {
  let writer: SiteWriter
  private let lock = NSLock()
  private var staging: URL?
  /// Whether the staging directory is the previous site's (the spare), to be pruned of what
  /// this build does not write.
  private var reused = false
  private var reusedStaging: Bool {
    lock.lock()
    defer { lock.unlock() }
    return reused
  }

  /// Paths written, relative to the staging directory: what pruning keeps.
  private var written: Set<String> = []
  private var createdFolders: Set<String> = []
  private var failure: BuildFailure?
  private(set) var pagesWritten = 0
  private(set) var filesWritten = 0

  init(_ writer: SiteWriter) {
    self.writer = writer
  }

  /// Writes one file of the site; safe from any thread. After the first failure the rest are
  /// skipped, and `commit()` reports it.
  func write(_ file: OutputFile) {
    guard let root = prepare() else { return }
    let path = root + "/" + file.path
    do {
      if let slash = path.lastIndex(of: "/") { try makeFolder(String(path[..<slash]), root: root) }
      if reusedStaging, SiteWriter.isRealFolder(path) {
        // The previous site had a folder where this one has a file.
        TreeRemoval.remove(URL(fileURLWithPath: path))
      }
      try Self.writeFile(path, file.bytes)
    } catch {
      record(
        BuildFailure([
          .error(
            writer.displayPath,
            "cannot write the site next to the output directory: \(SiteWriter.describe(error))")
        ]))
      return
    }
    lock.lock()
    filesWritten += 1
    if file.path.hasSuffix(".html") { pagesWritten += 1 }
    if reused { written.insert(file.path) }
    lock.unlock()
  }

  /// Swaps the staged site into place, or reports why it cannot be.
  func commit() throws(BuildFailure) {
    // An empty site still replaces the output, as it always has.
    let root = prepare()
    lock.lock()
    let failure = self.failure
    lock.unlock()
    guard let root, failure == nil else {
      discard()
      throw failure ?? BuildFailure([])
    }
    let staging = URL(fileURLWithPath: root)
    lock.lock()
    let prune = reused
    let keep = written
    lock.unlock()
    // The spare still holds the previous site's other files: pages that are gone, links.
    if prune { Self.prune(root, keeping: keep) }
    do {
      try writer.swapIntoPlace(staging)
    } catch {
      try? FileManager.default.removeItem(at: staging)
      throw BuildFailure([
        .error(
          writer.displayPath, "cannot replace the output directory: \(SiteWriter.describe(error))")
      ])
    }
  }

  /// Removes whatever was staged: the build failed.
  func discard() {
    lock.lock()
    let staging = self.staging
    self.staging = nil
    failure = failure ?? BuildFailure([])
    lock.unlock()
    // What it holds is a mixture, but the next build writes over it and prunes it.
    if let staging { writer.keepAsSpare(staging) }
  }

  /// The staging directory's path, made on first use; nil once something has failed.
  private func prepare() -> String? {
    lock.lock()
    defer { lock.unlock() }
    if failure != nil { return nil }
    if let staging { return staging.path }
    do {
      let (url, reused) = try writer.makeStaging()
      staging = url
      self.reused = reused
      createdFolders.insert(url.path)
      return url.path
    } catch {
      failure = error
      return nil
    }
  }

  private func record(_ error: BuildFailure) {
    lock.lock()
    if failure == nil { failure = error }
    lock.unlock()
  }

  /// Removes from a reused staging directory every entry this build did not write, and the
  /// folders left empty. Links are removed, never followed.
  static func prune(_ root: String, keeping keep: Set<String>) {
    func visit(_ folder: String, _ relative: String) -> Bool {
      var empty = true
      for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        let path = folder + "/" + name
        let child = relative.isEmpty ? name : relative + "/" + name
        if SiteWriter.isRealFolder(path) {
          if visit(path, child) { rmdir(path) } else { empty = false }
        } else if keep.contains(child) {
          empty = false
        } else {
          unlink(path)
        }
      }
      return empty
    }
    _ = visit(root, "")
  }

  /// `mkdir -p` below the staging root. Two threads may race to make the same folder: the
  /// loser's EEXIST is success.
  private func makeFolder(_ path: String, root: String) throws {
    lock.lock()
    let known = createdFolders.contains(path)
    lock.unlock()
    if known { return }
    if let slash = path.lastIndex(of: "/"), path.count > root.count {
      try makeFolder(String(path[..<slash]), root: root)
    }
    if mkdir(path, 0o777) != 0 {
      guard errno == EEXIST else {
        throw CocoaError(
          errno == EACCES ? .fileWriteNoPermission : .fileWriteUnknown,
          userInfo: [NSFilePathErrorKey: path])
      }
      // A reused staging directory may hold a file or a link where this site has a folder.
      if !SiteWriter.isRealFolder(path) {
        unlink(path)
        if mkdir(path, 0o777) != 0 && errno != EEXIST {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
      }
    }
    lock.lock()
    createdFolders.insert(path)
    lock.unlock()
  }

  /// One open, write and close: no temporary file (the whole staging directory is the
  /// temporary), no copy of the bytes into `Data`. A file of a reused staging directory is
  /// written over in place, unless it is a link or has other names: those are replaced, so that
  /// nothing outside the staging directory is ever written.
  ///
  /// A file that already holds these bytes (the spare's copy of an unchanged page, most of a
  /// rebuild) is only read, not written. Other files are written over from the start and then
  /// cut to length, never emptied first: ext4 flushes a file emptied by truncation as soon as it
  /// is closed (its `auto_da_alloc` guard for editors), a disk write per page.
  static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    // Not truncated on opening: a file with other names must not lose its bytes first.
    var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o666)
    var size = 0
    if descriptor < 0, errno == ELOOP || errno == EACCES {
      // A link, or a file this build may not read: replaced, not followed or compared.
      unlink(path)
      descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
    } else if descriptor >= 0 {
      var info = stat()
      if fstat(descriptor, &info) != 0 || info.st_nlink > 1 {
        close(descriptor)
        unlink(path)
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
      } else {
        size = Int(info.st_size)
      }
    }
    guard descriptor >= 0 else {
      throw CocoaError(
        errno == EACCES ? .fileWriteNoPermission : .fileWriteUnknown,
        userInfo: [NSFilePathErrorKey: path])
    }
    defer { close(descriptor) }
    if size == bytes.count, size > 0, holds(descriptor, bytes) { return }
    try bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = pwrite(descriptor, base + offset, buffer.count - offset, off_t(offset))
        if written < 0 {
          if errno == EINTR { continue }
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        offset += written
      }
    }
    if size > bytes.count, ftruncate(descriptor, off_t(bytes.count)) != 0 {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }

  /// Whether the open file holds exactly `bytes` (its size is known to be theirs).
  private static func holds(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: min(chunk, bytes.count))
    var offset = 0
    while offset < bytes.count {
      let wanted = min(chunk, bytes.count - offset)
      let read = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, wanted, off_t(offset))
      }
      if read < 0, errno == EINTR { continue }
      guard read > 0,
        buffer.withUnsafeBytes({ mine in
          bytes.withUnsafeBytes { memcmp(mine.baseAddress!, $0.baseAddress! + offset, read) == 0 }
        })
      else { return false }
      offset += read
    }
    return true
  }
}

extension ConcurrentMap {
  /// `forEach` over both cores.
  static func forEach<T>(_ items: [T], _ body: (T) -> Void) {
    guard items.count > 1 else { return items.forEach(body) }
    items.withUnsafeBufferPointer { buffer in
      DispatchQueue.concurrentPerform(iterations: buffer.count) { body(buffer[$0]) }
    }
  }
}

/// `rm -rf` on several threads, for the previous site after a swap. A large site has a folder
/// per page, and where the file system discards freed blocks as it goes (ext4 mounted with
/// `discard`, as on the benchmark machine), each removal waits on the disk: removals made side
/// by side overlap those waits, which cost no CPU. Symbolic links are removed, never followed.
enum TreeRemoval {
  static let threads = 8

  static func remove(_ url: URL) {
    let root = url.path
    var tasks: [String] = []
    for child in children(root) {
      let path = root + "/" + child
      let grandchildren = isFolder(path) ? children(path) : []
      if grandchildren.count > 1 {
        tasks += grandchildren.map { path + "/" + $0 }
      } else {
        tasks.append(path)
      }
    }
    if tasks.count > 1 {
      let tasks = tasks
      let next = TaskCounter()
      let group = DispatchGroup()
      for _ in 0..<min(threads, tasks.count) {
        group.enter()
        let thread = Thread {
          while let index = next.take(below: tasks.count) {
            try? FileManager.default.removeItem(atPath: tasks[index])
          }
          group.leave()
        }
        thread.start()
      }
      group.wait()
    }
    try? FileManager.default.removeItem(atPath: root)
  }

  private static func children(_ path: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
  }

  private static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  private final class TaskCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }
}
