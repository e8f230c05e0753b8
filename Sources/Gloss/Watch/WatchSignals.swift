import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM as an event, so that long-running commands stop cleanly: the
/// handler runs on a dispatch queue, not inside the signal, and may do anything.
public enum StopSignals {
  /// Calls `handler` (once) on the first SIGINT or SIGTERM; a second one ends the process at
  /// once, for when stopping cleanly hangs.
  public static func onStop(_ handler: @escaping @Sendable () -> Void) {
    let queue = DispatchQueue(label: "gloss.signals")
    let state = SignalState()
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler {
        if state.fired() {
          exit(130)
        }
        handler()
      }
      source.resume()
      state.keep(source)
    }
  }

  private final class SignalState: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0
    private let lock = NSLock()

    /// True when a signal already came before this one.
    func fired() -> Bool {
      lock.withLock {
        count += 1
        return count > 1
      }
    }

    func keep(_ source: any DispatchSourceSignal) {
      lock.withLock { sources.append(source) }
    }
  }
}
