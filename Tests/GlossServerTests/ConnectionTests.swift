import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Connections that send a partial head, or nothing, or sit idle, are closed; beyond the cap
/// the oldest idle one goes first; event streams are counted but never time out. Loopback
/// only, a few dozen sockets, short timeouts.
@Suite("gloss serve: connection limits", .serialized)
struct ConnectionTests {
  /// Whether the server closed `fd` within `seconds` (what it sent before is read and dropped).
  static func closedByServer(_ fd: Int32, within seconds: Double) async throws -> Bool {
    try await RawHTTP.offPool { closedByServerNow(fd, within: seconds) }
  }

  static func closedByServerNow(_ fd: Int32, within seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while Date() < deadline {
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 20) > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes {
        recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if count == 0 { return true }
      if count < 0 && errno != EAGAIN && errno != EWOULDBLOCK { return true }
    }
    return false
  }

  /// Sends one byte of a never-ending head every 50 ms until stopped or refused.
  final class Trickle: @unchecked Sendable {
    let fd: Int32
    private let stopped = Flag()

    init(port: Int) throws {
      fd = try RawHTTP.connect(port: port)
      let fd = self.fd
      let stopped = self.stopped
      Thread.detachNewThread {
        let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
        var index = 0
        while !stopped.isSet {
          var byte = index < head.count ? head[index] : UInt8(ascii: "a")
          index += 1
          if send(fd, &byte, 1, Int32(MSG_NOSIGNAL)) != 1 { return }
          Thread.sleep(forTimeInterval: 0.05)
        }
      }
    }

    func stop() { stopped.set() }
  }

  static func slowSite(
    header: Duration, idle: Duration, max: Int = 100
  ) async throws -> (ScratchSite, RunningServer) {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site) {
      $0.limits = ConnectionLimits(headerTimeout: header, idleTimeout: idle, maxConnections: max)
    }
    return (site, server)
  }

  @Test(
    "silent, partial and trickling request heads are closed after the header timeout; a normal request is answered meanwhile"
  )
  func slowHeadsClosed() async throws {
    let (site, server) = try await Self.slowSite(header: .milliseconds(500), idle: .seconds(30))
    _ = site
    defer { Task { await server.stop() } }
    let silent = try (0..<10).map { _ in try RawHTTP.connect(port: server.port) }
    let partial = try (0..<10).map { _ in
      let fd = try RawHTTP.connect(port: server.port)
      RawHTTP.send(fd, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
      return fd
    }
    let trickles = try (0..<10).map { _ in try Trickle(port: server.port) }
    defer {
      for trickle in trickles { trickle.stop() }
      for fd in silent + partial + trickles.map(\.fd) { close(fd) }
    }
    try await Task.sleep(for: .milliseconds(100))
    #expect(server.server.connections.count >= 30)
    let started = Date()
    // Not closed early…
    for fd in silent + partial + trickles.map(\.fd) {
      #expect(try await !Self.closedByServer(fd, within: 0))
    }
    // A normal request is answered while they are held.
    let page = try await server.get("/")
    #expect(page.status == 200)
    // …but closed soon after the timeout, trickling or not.
    for fd in silent + partial + trickles.map(\.fd) {
      #expect(try await Self.closedByServer(fd, within: 5))
    }
    let waited = Date().timeIntervalSince(started)
    #expect(waited < 5)
    try await Task.sleep(for: .milliseconds(100))
    #expect(server.server.connections.count == 0)
    #expect(try await server.get("/").status == 200)
  }

  @Test(
    "a kept-alive connection closes after the idle timeout, not the header timeout; an event stream stays open and is counted"
  )
  func idleKeepAlive() async throws {
    let (site, server) = try await Self.slowSite(
      header: .milliseconds(300), idle: .milliseconds(1200))
    _ = site
    defer { Task { await server.stop() } }
    let stream = try await server.events()
    let fd = try RawHTTP.connect(port: server.port)
    defer { close(fd) }
    RawHTTP.send(fd, "GET /assets/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    let sent = Date()

    // Past the header timeout: still open, it is idle between requests.
    #expect(try await !Self.closedByServer(fd, within: 0.7))
    #expect(server.server.connections.count == 2)
    // Past the idle timeout: closed.
    #expect(try await Self.closedByServer(fd, within: 5))
    #expect(Date().timeIntervalSince(sent) >= 1.1)

    // The stream outlived both timeouts, and is counted.
    try await Task.sleep(for: .milliseconds(300))
    #expect(!stream.hasEnded)
    #expect(server.server.connections.count == 1)
  }

  @Test(
    "beyond the cap the oldest idle connections are closed first; event streams are counted and kept"
  )
  func capClosesOldestIdle() async throws {
    let (site, server) = try await Self.slowSite(
      header: .seconds(30), idle: .seconds(30), max: 12)
    _ = site
    defer { Task { await server.stop() } }
    var streams: [EventStreamClient] = []
    for _ in 0..<2 { streams.append(try await server.events()) }
    var older: [Int32] = []
    for _ in 0..<10 {
      older.append(try RawHTTP.connect(port: server.port))
      try await Task.sleep(for: .milliseconds(15))
    }
    try await Task.sleep(for: .milliseconds(100))
    #expect(server.server.connections.count == 12)
    var newer: [Int32] = []
    for _ in 0..<10 {
      newer.append(try RawHTTP.connect(port: server.port))
      try await Task.sleep(for: .milliseconds(15))
    }
    defer { for fd in older + newer { close(fd) } }

    for fd in older {
      #expect(try await Self.closedByServer(fd, within: 5), "the older ones went first")
    }
    for fd in newer { #expect(try await !Self.closedByServer(fd, within: 0.05)) }
    #expect(server.server.connections.count <= 12)
    for stream in streams { #expect(!stream.hasEnded) }

    // A normal request is answered at once, closing the oldest idle one to make room.
    let page = try await server.get("/")
    #expect(page.status == 200)
    #expect(try await Self.closedByServer(newer[0], within: 5))
    for stream in streams { #expect(!stream.hasEnded) }
  }
}
