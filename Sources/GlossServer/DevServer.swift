import Foundation
import Gloss
import Hummingbird
import Logging
import NIOCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gloss serve`: builds, serves the last good build (from a private folder, see `LiveSite`), watches `Content/` and
/// `Theme/`, rebuilds what a change affects and tells open pages through Server-Sent Events.
public final class DevServer: Sendable {
  public struct Configuration: Sendable {
    public var paths: BuildPaths
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// How long the files must be quiet before a rebuild starts: an editor's save is a burst.
    public var debounce: Duration
    public var keepAliveInterval: Duration
    /// The portable watcher even where inotify exists (for tests of the fallback).
    public var forcePolling: Bool
    /// Timeouts and the cap on open connections.
    public var limits: ConnectionLimits
    /// One line per rebuild; stderr by default.
    public var log: @Sendable (String) -> Void

    public init(
      paths: BuildPaths, host: String = "127.0.0.1", port: Int = 8080,
      debounce: Duration = .milliseconds(60),
      keepAliveInterval: Duration = .seconds(15), forcePolling: Bool = false,
      limits: ConnectionLimits = ConnectionLimits(),
      log: @escaping @Sendable (String) -> Void = {
        FileHandle.standardError.write(Data(($0 + "\n").utf8))
      }
    ) {
      self.paths = paths
      self.host = host
      self.port = port
      self.debounce = debounce
      self.keepAliveInterval = keepAliveInterval
      self.forcePolling = forcePolling
      self.limits = limits
      self.log = log
    }
  }

  public enum Failure: Error, CustomStringConvertible, Equatable {
    case portInUse(host: String, port: Int)
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
      switch self {
      case .portInUse(let host, let port):
        "port \(port) on \(host) is already in use: stop the other server, choose another with --port, or use --port 0 for any free port"
      case .cannotListen(let host, let port, let reason):
        "cannot listen on \(host):\(port): \(reason)"
      }
    }
  }

  public let configuration: Configuration
  public let site: LiveSite
  public let hub: EventHub
  /// The open connections.
  public let connections: ConnectionRegistry
  private let stopSignal = Latch()

  public init(configuration: Configuration) {
    self.configuration = configuration
    self.site = LiveSite()
    self.hub = EventHub()
    self.connections = ConnectionRegistry(
      limit: configuration.limits.maxConnections,
      // The last of a burst's connections close, and release their buffers, a little later.
      onBurstEnded: { ResidentMemory.trimSoon(after: .milliseconds(500)) })
  }

  /// Serves until `stop()` (or the task is cancelled). `onListening` gets the port as soon as
  /// the server listens (pages say "building" until the first build is done); `onReady` once
  /// the first build is done, good or bad (a bad one is served as an error page that reloads
  /// itself when fixed). Throws `Failure` when it cannot listen.
  public func run(
    onListening: @escaping @Sendable (Int) -> Void = { _ in },
    onReady: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let config = configuration
    ResidentMemory.configure()
    let listening = Promise<Int>()
    var logger = Logger(label: "gloss.serve")
    logger.logLevel = .critical
    let app = Application(
      responder: SiteResponder(site: site, hub: hub),
      server: GuardedHTTP1Channel.builder(limits: config.limits, registry: connections),
      configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
      onServerRunning: { channel in
        listening.fulfill(.success(channel.localAddress?.port ?? config.port))
      },
      logger: logger)

    // Watch before building, so that nothing saved during the first build is missed.
    let changes = ChangeQueue()
    let watcher = FileWatching.start(
      [config.paths.content, config.paths.theme], into: changes, forcePolling: config.forcePolling)
    // The served copies are the site's only copy: the pipeline keeps digests.
    let worker = BuildWorker(builder: SitePipeline(paths: config.paths, keepsFileBytes: false))
    // Builds run apart from the server's tasks: a rebuild cannot be interrupted, and shutdown
    // does not wait for it (nor for the watcher's thread, which notices within its poll).
    var builds: Task<Void, Never>?
    defer {
      builds?.cancel()
      site.close()
      hub.close()
      connections.closeAll()
      changes.close()
      Thread.detachNewThread { watcher.stop() }
    }

    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        do {
          try await app.run()
        } catch {
          listening.fulfill(.failure(Self.describe(error, host: config.host, port: config.port)))
          throw Self.describe(error, host: config.host, port: config.port)
        }
      }
      let port: Int
      do {
        port = try await listening.value()
      } catch {
        group.cancelAll()
        throw error
      }
      onListening(port)
      builds = Task { [site, hub] in
        var first = await worker.rebuild(.everything)
        guard !Task.isCancelled else { return }
        // Pages opened during the first build are waiting for it.
        if let event = site.publish(&first) { hub.publish(event) }
        Self.report(first, log: config.log)
        ResidentMemory.trimSoon()
        await onReady(port)
        await WatchLoop.run(changes, quiet: config.debounce) { batch in
          var outcome = await worker.rebuild(batch)
          guard !Task.isCancelled else { return }
          if let event = site.publish(&outcome) { hub.publish(event) }
          Self.report(outcome, log: config.log)
          // What the previous build held (a removed 50 MB article, say) is free by now.
          ResidentMemory.trimSoon()
        }
      }
      group.addTask { [hub] in
        while !Task.isCancelled {
          try? await Task.sleep(for: config.keepAliveInterval)
          hub.keepAlive()
        }
      }
      group.addTask { [stopSignal] in await stopSignal.wait() }
      // The first task to end is the stop signal, or the server failing.
      _ = try await group.next()
      // Streams and connections are closed before the server is: none is worth waiting for.
      hub.close()
      connections.closeAll()
      changes.close()
      group.cancelAll()
      while (try? await group.next()) != nil {}
    }
  }

  /// Ends `run()`: open event streams are closed first, so no browser tab holds it up.
  public func stop() {
    hub.close()
    stopSignal.open()
  }

  private static func report(_ outcome: RebuildOutcome, log: @Sendable (String) -> Void) {
    if !outcome.succeeded {
      for diagnostic in outcome.report.diagnostics { log(diagnostic.description) }
    } else {
      for diagnostic in outcome.report.diagnostics where diagnostic.severity != .note {
        if outcome.changedSources.isEmpty || outcome.changedSources.contains(diagnostic.path) {
          log(diagnostic.description)
        }
      }
    }
    log(outcome.logLine)
  }

  static func describe(_ error: Error, host: String, port: Int) -> Failure {
    if let failure = error as? Failure { return failure }
    if let io = error as? IOError, io.errnoCode == EADDRINUSE {
      return .portInUse(host: host, port: port)
    }
    let text = "\(error)"
    if text.contains("Address already in use") { return .portInUse(host: host, port: port) }
    return .cannotListen(host: host, port: port, reason: text)
  }
}

/// A value delivered once, awaited by anyone.
final class Promise<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<Value, DevServer.Failure>?
  private var waiters: [CheckedContinuation<Result<Value, DevServer.Failure>, Never>] = []

  func fulfill(_ value: Result<Value, DevServer.Failure>) {
    let waiting: [CheckedContinuation<Result<Value, DevServer.Failure>, Never>] = lock.withLock {
      guard result == nil else { return [] }
      result = value
      defer { waiters = [] }
      return waiters
    }
    for waiter in waiting { waiter.resume(returning: value) }
  }

  func value() async throws(DevServer.Failure) -> Value {
    let outcome = await withCheckedContinuation { continuation in
      lock.lock()
      if let result {
        lock.unlock()
        continuation.resume(returning: result)
      } else {
        waiters.append(continuation)
        lock.unlock()
      }
    }
    return try outcome.get()
  }
}

/// Opens once; `wait()` returns from then on (or when the task is cancelled).
final class Latch: @unchecked Sendable {
  private let lock = NSLock()
  private var isOpen = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func open() {
    let waiting: [CheckedContinuation<Void, Never>] = lock.withLock {
      isOpen = true
      defer { waiters = [] }
      return waiters
    }
    for waiter in waiting { waiter.resume() }
  }

  func wait() async {
    await withTaskCancellationHandler {
      await withCheckedContinuation { continuation in
        lock.lock()
        if isOpen || Task.isCancelled {
          lock.unlock()
          continuation.resume()
        } else {
          waiters.append(continuation)
          lock.unlock()
        }
      }
    } onCancel: {
      open()
    }
  }
}
