import Foundation

/// Collects changes from a watcher thread and hands them to the rebuild loop in batches: a
/// burst of saves becomes one batch, and whatever arrives during a rebuild becomes the next.
public final class ChangeQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var pending: ChangeSet?
  /// Bumped on every `add`, to see whether a quiet period stayed quiet.
  private var serial = 0
  private var closed = false
  private var waiter: CheckedContinuation<Void, Never>?

  public init() {}

  public func add(_ changes: ChangeSet) {
    if changes.isEmpty { return }
    lock.lock()
    pending = pending.map { $0 + changes } ?? changes
    serial += 1
    let waiting = waiter
    waiter = nil
    lock.unlock()
    waiting?.resume()
  }

  /// Ends `next()`: it returns nil from now on.
  public func close() {
    lock.lock()
    closed = true
    let waiting = waiter
    waiter = nil
    lock.unlock()
    waiting?.resume()
  }

  /// Waits for a change, then until `quiet` passes with no other (at most `patience` in all, so
  /// a steady stream of writes still gets built), and returns everything collected. Nil once
  /// closed or cancelled.
  public func next(quiet: Duration = .milliseconds(60), patience: Duration = .milliseconds(600))
    async -> ChangeSet?
  {
    await waitForChange()
    let clock = ContinuousClock()
    let deadline = clock.now + patience
    while true {
      guard let seen = state(), !seen.closed, !Task.isCancelled else { return nil }
      if clock.now >= deadline { break }
      try? await Task.sleep(for: min(quiet, deadline - clock.now))
      guard let after = state(), after.serial != seen.serial else { break }
    }
    return lock.withLock {
      guard !closed else { return nil }
      let batch = pending
      pending = nil
      return batch
    }
  }

  private func state() -> (serial: Int, closed: Bool)? {
    lock.withLock { (serial, closed) }
  }

  private func waitForChange() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        lock.lock()
        if pending != nil || closed || Task.isCancelled {
          lock.unlock()
          continuation.resume()
          return
        }
        waiter = continuation
        lock.unlock()
      }
    } onCancel: {
      lock.lock()
      let waiting = waiter
      waiter = nil
      lock.unlock()
      waiting?.resume()
    }
  }
}

/// Watches folders and rebuilds on change: shared by `gloss build --watch` and `gloss serve`.
public enum WatchLoop {
  /// Calls `rebuild` with each batch of changes, strictly one call at a time, until the queue
  /// is closed or the task cancelled. Changes that arrive while `rebuild` runs are collected
  /// and handed to a single follow-up call.
  public static func run(
    _ queue: ChangeQueue, quiet: Duration = .milliseconds(60), rebuild: (ChangeSet) async -> Void
  ) async {
    while let batch = await queue.next(quiet: quiet) {
      await rebuild(batch)
    }
  }
}

/// Runs an `SitePipeline` on a thread of its own, off Swift's small cooperative pool, so
/// the server stays responsive during a long build; its serial queue also means builds never
/// overlap even if callers do.
public final class BuildWorker: Sendable {
  public let builder: SitePipeline
  private let queue = DispatchQueue(label: "gloss.build", qos: .userInitiated)

  public init(builder: SitePipeline) { self.builder = builder }

  public func rebuild(_ changes: ChangeSet) async -> RebuildOutcome {
    await withCheckedContinuation { continuation in
      queue.async { [builder] in continuation.resume(returning: builder.rebuild(changes)) }
    }
  }
}

/// Starts the best watcher for the platform.
public enum FileWatching {
  /// Watches `directories` (recursively, including folders created later) and reports
  /// changes to `queue`. Names that `ContentLoader.isIgnored` skips (editor swap and backup
  /// files) are not reported.
  public static func start(
    _ directories: [URL], into queue: ChangeQueue, forcePolling: Bool = false,
    pollInterval: Duration = .milliseconds(250)
  ) -> any FileWatcher {
    #if os(Linux)
      if !forcePolling, let watcher = InotifyWatcher(directories: directories, queue: queue) {
        return watcher
      }
    #endif
    return PollingWatcher(directories: directories, queue: queue, interval: pollInterval)
  }
}

public protocol FileWatcher: Sendable {
  /// Stops watching; returns once no more changes will be reported.
  func stop()
}
