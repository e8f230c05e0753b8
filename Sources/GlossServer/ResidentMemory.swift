import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Gives freed memory back to the system. glibc's malloc keeps what a burst freed (the pages
/// of a 50 MB article's build, the buffers of a thousand connections) in its arenas, so the
/// server's resident size would stay at its high-water mark; `malloc_trim` returns the free
/// pages of every arena.
public enum ResidentMemory {
  private static let queue = DispatchQueue(label: "gloss.trim", qos: .utility)
  private static let pending = PendingFlag()

  /// Trims after `delay` (so that what is still being released is included), on a queue of
  /// its own (it takes a few milliseconds on a large heap); calls made while one is waiting
  /// are folded into it.
  public static func trimSoon(after delay: Duration = .zero) {
    guard pending.set() else { return }
    let (seconds, attoseconds) = delay.components
    let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    queue.asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
      pending.clear()
      trim()
    }
  }

  /// Trims now.
  public static func trim() {
    _ = mallocTrim?(0)
  }

  /// Large blocks (a page's bytes, an article's text) get pages of their own, given back when
  /// freed, instead of glibc raising that threshold as they are freed and serving the next
  /// ones from the heap, where they fragment it. Called once, when the server starts.
  public static func configure() {
    #if canImport(Glibc)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
      // M_MMAP_THRESHOLD: fixed (which also stops its growth) at 256 KiB.
      _ = mallopt(-3, 256 * 1024)
    #endif
  }

  /// glibc's `malloc_trim`, looked up at run time: the Glibc module does not import
  /// `<malloc.h>`, and other C libraries do not have it.
  private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    #if canImport(Glibc)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else {
        return nil
      }
      return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    #else
      return nil
    #endif
  }()

  /// The resident set size (`VmRSS` in `/proc/<pid>/status`), in bytes; nil where there is no
  /// such file.
  public static func residentBytes(pid: Int32? = nil) -> Int? {
    let path = "/proc/\(pid.map(String.init) ?? "self")/status"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      let number = line.dropFirst(6).trimmingCharacters(in: .whitespaces)
        .split(separator: " ").first.flatMap { Int($0) }
      return number.map { $0 * 1024 }
    }
    return nil
  }

  private final class PendingFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    /// True when it was not set.
    func set() -> Bool {
      lock.withLock {
        defer { value = true }
        return !value
      }
    }
    func clear() { lock.withLock { value = false } }
  }
}
