import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

/// `gloss serve` on a free loopback port, over a scratch site, for one test.
///
/// Timeouts here are minutes, not seconds: the server runs inside the test process, on Swift's
/// cooperative pool (two threads on a two-core machine), which long synchronous tests of other
/// suites can hold for a minute or more. A passing run never waits for them.
final class RunningServer: @unchecked Sendable {
  let server: DevServer
  let port: Int
  private let task: Task<Void, Error>
  private let lock = NSLock()
  private var lines: [String] = []

  private init(server: DevServer, port: Int, task: Task<Void, Error>) {
    self.server = server
    self.port = port
    self.task = task
  }

  /// Starts serving and returns once the first build is done.
  static func start(
    _ site: ScratchSite, polling: Bool = false,
    configure: (inout DevServer.Configuration) -> Void = { _ in }
  ) async throws -> RunningServer {
    let log = LogLines()
    var configuration = DevServer.Configuration(
      paths: site.paths, port: 0, debounce: .milliseconds(40),
      keepAliveInterval: .milliseconds(500),
      forcePolling: polling, log: { log.append($0) })
    configure(&configuration)
    let server = DevServer(configuration: configuration)
    let (ready, readyContinuation) = AsyncStream.makeStream(of: Int.self)
    let finished = Flag()
    let task = Task {
      defer { finished.set() }
      try await server.run(onReady: { port in readyContinuation.yield(port) })
      readyContinuation.finish()
    }
    let timeout = Task {
      try await Task.sleep(for: .seconds(300))
      readyContinuation.finish()
    }
    defer { timeout.cancel() }
    var iterator = ready.makeAsyncIterator()
    guard let port = await iterator.next() else {
      server.stop()
      _ = try? await task.value
      throw RawHTTPError.timeout
    }
    let running = RunningServer(server: server, port: port, task: task)
    running.log = log
    running.finished = finished
    return running
  }

  private var log = LogLines()
  private var finished = Flag()
  var logLines: [String] { log.all }

  func get(_ target: String, headers: [String: String] = [:]) async throws -> RawReply {
    try await RawHTTP.request(port: port, "GET", target, headers: headers)
  }

  func request(_ method: String, _ target: String, headers: [String: String] = [:]) async throws
    -> RawReply
  {
    try await RawHTTP.request(port: port, method, target, headers: headers)
  }

  func events() async throws -> EventStreamClient { try await EventStreamClient.open(port: port) }

  /// Stops the server and waits for `run()` to return; false if it did not within the time.
  @discardableResult
  func stop(within seconds: Double = 120) async -> Bool {
    server.stop()
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if finished.isSet { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return false
  }

  /// The error `run()` ended with, once it ended.
  var runError: Error? {
    get async {
      do {
        try await task.value
        return nil
      } catch {
        return error
      }
    }
  }

  /// Waits until a page shows `text` (the rebuild lands shortly after the event).
  func waitFor(_ target: String, toContain text: String, within seconds: Double = 60) async throws
    -> RawReply
  {
    let deadline = Date().addingTimeInterval(seconds)
    var reply = try await get(target)
    while !reply.text.contains(text), Date() < deadline {
      try await Task.sleep(for: .milliseconds(25))
      reply = try await get(target)
    }
    return reply
  }
}

final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  func append(_ line: String) { lock.withLock { lines.append(line) } }
  var all: [String] { lock.withLock { lines } }
}

final class Flag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  func set() { lock.withLock { value = true } }
  var isSet: Bool { lock.withLock { value } }
}
