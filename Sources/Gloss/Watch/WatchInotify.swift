#if os(Linux)
  import Foundation
  import Glibc

  /// inotify, straight from Glibc. Watches are per directory, so every folder below the roots
  /// gets one, and folders created (or moved in) later get theirs as they appear, their files
  /// reported as changed since they may have been written before the watch existed.
  final class InotifyWatcher: FileWatcher, @unchecked Sendable {
    private let fd: Int32
    private let queue: ChangeQueue
    private let roots: [String]
    private let lock = NSLock()
    /// Only the watcher thread touches these.
    private var directories: [Int32: String] = [:]
    private var missingRoots: Set<String> = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    static let mask: UInt32 =
      UInt32(IN_CREATE) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM)
      | UInt32(IN_DELETE)
      | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_ATTRIB) | UInt32(IN_ONLYDIR)

    init?(directories: [URL], queue: ChangeQueue) {
      let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
      guard fd >= 0 else { return nil }
      self.fd = fd
      self.queue = queue
      self.roots = directories.map { $0.standardizedFileURL.path }
      for root in roots where !addTree(root, report: nil) { missingRoots.insert(root) }
      let thread = Thread { [self] in run() }
      thread.name = "gloss.inotify"
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

    /// Adds watches for `path` and every folder below it; with `report`, also collects the
    /// files found there. False when `path` is not a directory.
    @discardableResult
    private func addTree(_ path: String, report: UnsafeMutablePointer<Set<String>>?) -> Bool {
      let wd = inotify_add_watch(fd, path, Self.mask)
      guard wd >= 0 else { return false }
      directories[wd] = path
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      for name in names where !ContentLoader.isIgnored(name) {
        let child = path + "/" + name
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else {
          continue
        }
        report?.pointee.insert(child)
        if isDirectory.boolValue { addTree(child, report: report) }
      }
      return true
    }

    /// Forgets the watches of a folder that moved away and of everything below it: their
    /// events would carry the old path.
    private func removeTree(_ path: String) {
      for (wd, directory) in directories where directory == path || directory.hasPrefix(path + "/")
      {
        inotify_rm_watch(fd, wd)
        directories[wd] = nil
      }
    }

    private func run() {
      defer {
        close(fd)
        finished.signal()
      }
      let headerSize = MemoryLayout<inotify_event>.size
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      while !isStopped {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, 200)
        var changed = Set<String>()
        var everything = false
        if !missingRoots.isEmpty {
          for root in missingRoots where addTree(root, report: &changed) {
            missingRoots.remove(root)
            changed.insert(root)
          }
        }
        if ready > 0 {
          while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            while offset + headerSize <= count {
              let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
              }
              let nameBytes = buffer[
                (offset + headerSize)..<min(count, offset + headerSize + length)]
              let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
              offset += headerSize + length
              handle(wd: wd, mask: mask, name: name, changed: &changed, everything: &everything)
            }
          }
        }
        if everything {
          queue.add(.everything)
        } else if !changed.isEmpty {
          queue.add(.paths(changed))
        }
      }
    }

    private func handle(
      wd: Int32, mask: UInt32, name: String, changed: inout Set<String>, everything: inout Bool
    ) {
      if mask & UInt32(IN_Q_OVERFLOW) != 0 {
        // Events were lost: rebuild from what is on disk, and watch any folder we missed.
        everything = true
        for root in roots { addTree(root, report: nil) }
        return
      }
      guard let directory = directories[wd] else { return }
      if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF) | UInt32(IN_IGNORED)) != 0 {
        if mask & UInt32(IN_IGNORED) != 0 || mask & UInt32(IN_DELETE_SELF) != 0 {
          directories[wd] = nil
        }
        if roots.contains(directory) {
          changed.insert(directory)
          if mask & UInt32(IN_MOVE_SELF) != 0 { removeTree(directory) }
          if !FileManager.default.fileExists(atPath: directory) { missingRoots.insert(directory) }
        }
        return
      }
      guard !name.isEmpty, !ContentLoader.isIgnored(name) else { return }
      let path = directory + "/" + name
      changed.insert(path)
      guard mask & UInt32(IN_ISDIR) != 0 else { return }
      if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
        addTree(path, report: &changed)
      } else if mask & UInt32(IN_MOVED_FROM) != 0 {
        removeTree(path)
      }
    }
  }
#endif
