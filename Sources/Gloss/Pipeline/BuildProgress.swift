import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one updating line a long build shows on a terminal: "rendering 4,213 of 10,000
/// articles". Nothing is drawn before `delay` has passed (a quick build stays one summary
/// line), nor when stderr is not a terminal (logs and pipes stay plain), and the line is
/// erased before the summary is printed.
public final class ProgressLine: @unchecked Sendable {
  private let lock = NSLock()
  private let write: @Sendable (String) -> Void
  private let clock: @Sendable () -> UInt64
  private let start: UInt64
  private let delay: UInt64
  private let interval: UInt64
  private var lastDraw: UInt64?
  private var visible = false
  private var finished = false

  /// - Parameters:
  ///   - isTerminal: whether to draw at all; by default, whether stderr is a terminal.
  ///   - write: where the control sequences and text go; stderr by default.
  ///   - clock: nanoseconds, injected so tests need not wait.
  public init(
    isTerminal: Bool = isatty(STDERR_FILENO) == 1,
    delay: Duration = .seconds(1), interval: Duration = .milliseconds(100),
    write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) },
    clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  ) {
    self.write = write
    self.clock = clock
    self.start = clock()
    self.delay = Self.nanoseconds(delay)
    self.interval = Self.nanoseconds(interval)
    self.finished = !isTerminal
  }

  /// The callback for `Builder.progress`: safe to call from any thread, cheap when it draws nothing.
  public var callback: @Sendable (Int, Int) -> Void {
    { [self] done, total in update(done: done, total: total) }
  }

  public func update(done: Int, total: Int) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    let now = clock()
    guard now &- start >= delay else { return }
    // The last article always shows, so the line never stops short of the total.
    if let lastDraw, now &- lastDraw < interval, done < total { return }
    lastDraw = now
    visible = true
    write("\r\u{1B}[K" + Self.text(done: done, total: total))
  }

  /// Erases the line (if one was drawn) and draws nothing more: call before printing the summary.
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    if visible { write("\r\u{1B}[K") }
    visible = false
    finished = true
  }

  static func text(done: Int, total: Int) -> String {
    let label = total == 1 ? "article" : "articles"
    return done < total
      ? "rendering \(grouped(done)) of \(grouped(total)) \(label)…"
      : "rendered \(grouped(total)) \(label), writing the site…"
  }

  /// 10000 → "10,000": readable without depending on the machine's locale.
  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value.magnitude))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  private static func nanoseconds(_ duration: Duration) -> UInt64 {
    let (seconds, attoseconds) = duration.components
    return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
  }
}

/// Counts finished articles across the render threads. Reports under the lock so the
/// counts arrive in order, and the callback never has to sort them out.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  let total: Int
  let report: @Sendable (Int, Int) -> Void

  init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
    self.total = total
    self.report = report
  }

  func tick() {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    report(done, total)
  }
}
