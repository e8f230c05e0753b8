import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if canImport(Glibc)
  private let systemConnect = Glibc.connect
#else
  private let systemConnect = Darwin.connect
#endif

/// A response as it came off the socket.
struct RawReply: Sendable {
  var status: Int
  /// Lowercased names; a repeated header keeps its last value.
  var headers: [String: String]
  var body: [UInt8]
  var text: String { String(decoding: body, as: UTF8.self) }
}

enum RawHTTPError: Error {
  case connect(Int32)
  case malformed(String)
  case timeout
}

/// An HTTP/1.1 client over a plain loopback socket. It sends the request target byte for byte
/// as given (URL libraries normalise `..` and encodings away, which would hide exactly what
/// the traversal tests must send).
enum RawHTTP {
  static func connect(port: Int, timeoutSeconds: Int = 120) throws -> Int32 {
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw RawHTTPError.connect(errno) }
    var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard result == 0 else {
      let code = errno
      close(fd)
      throw RawHTTPError.connect(code)
    }
    return fd
  }

  static func send(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count <= 0 { return }
      sent += count
    }
  }

  /// One request on its own connection (`Connection: close`), read to the end.
  static func request(
    port: Int, _ method: String = "GET", _ target: String, headers: [String: String] = [:]
  ) async throws -> RawReply {
    try await offPool {
      let fd = try connect(port: port)
      defer { close(fd) }
      var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
      for (name, value) in headers { head += "\(name): \(value)\r\n" }
      send(fd, head + "\r\n")
      var data: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65536)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 { throw RawHTTPError.timeout }
        if count == 0 { break }
        data += buffer[0..<count]
      }
      return try parse(data, method: method)
    }
  }

  /// Runs blocking socket work on a thread of its own. On the cooperative pool (two threads on
  /// a two-core machine) it could hold up the very server it waits for, which runs there too.
  static func offPool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value)
    async throws -> Value
  {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
  }

  static func splitHead(_ data: [UInt8]) -> (head: String, rest: [UInt8])? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard data.count >= 4 else { return nil }
    for index in 0...(data.count - 4) where data[index..<(index + 4)].elementsEqual(separator) {
      return (String(decoding: data[..<index], as: UTF8.self), Array(data[(index + 4)...]))
    }
    return nil
  }

  static func parseHead(_ head: String) throws -> (Int, [String: String]) {
    let lines = head.components(separatedBy: "\r\n")
    let statusParts = lines[0].split(separator: " ")
    guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
      throw RawHTTPError.malformed(lines[0])
    }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    return (status, headers)
  }

  static func parse(_ data: [UInt8], method: String) throws -> RawReply {
    guard let (head, rest) = splitHead(data) else {
      throw RawHTTPError.malformed(String(decoding: data, as: UTF8.self))
    }
    let (status, headers) = try parseHead(head)
    var body = rest
    if headers["transfer-encoding"] == "chunked" {
      var decoder = ChunkDecoder()
      body = decoder.feed(rest)
    } else if let length = headers["content-length"].flatMap(Int.init), method != "HEAD" {
      body = Array(rest.prefix(length))
    }
    return RawReply(status: status, headers: headers, body: body)
  }
}

/// Undoes `Transfer-Encoding: chunked`, fed as bytes arrive.
struct ChunkDecoder {
  private var pending: [UInt8] = []
  private var remaining = 0
  private var finished = false

  mutating func feed(_ bytes: [UInt8]) -> [UInt8] {
    pending += bytes
    var output: [UInt8] = []
    while !finished {
      if remaining > 0 {
        let take = min(remaining, pending.count)
        if take == 0 { break }
        output += pending[0..<take]
        pending.removeFirst(take)
        remaining -= take
        if remaining == 0 { remaining = -2 }  // the CRLF after the data
        continue
      }
      if remaining == -2 {
        guard pending.count >= 2 else { break }
        pending.removeFirst(2)
        remaining = 0
        continue
      }
      guard let lineEnd = pending.firstIndex(of: 10) else { break }
      let line = String(decoding: pending[..<lineEnd], as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      pending.removeFirst(lineEnd + 1)
      guard let size = Int(line.split(separator: ";").first ?? "", radix: 16) else { continue }
      if size == 0 {
        finished = true
      } else {
        remaining = size
      }
    }
    return output
  }
}

/// One Server-Sent Event.
struct ServerEvent: Sendable, Equatable {
  var name: String
  var data: String
}

/// Listens to `/_gloss/events` on a thread of its own and queues what arrives.
final class EventStreamClient: @unchecked Sendable {
  private let fd: Int32
  private let lock = NSLock()
  private var events: [ServerEvent] = []
  private(set) var status = 0
  private(set) var contentType: String?
  private var ended = false
  fileprivate let connected = DispatchSemaphore(value: 0)

  init(port: Int) throws {
    fd = try RawHTTP.connect(port: port, timeoutSeconds: 120)
    RawHTTP.send(
      fd, "GET /_gloss/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    let thread = Thread { [self] in readLoop() }
    thread.start()
  }

  /// Opens a stream and waits for the response head, so that nothing published after it
  /// returns is missed (waiting off the cooperative pool, where the server runs).
  static func open(port: Int) async throws -> EventStreamClient {
    let client = try EventStreamClient(port: port)
    _ = try await RawHTTP.offPool { client.connected.wait(timeout: .now() + 120) }
    return client
  }

  deinit { close(fd) }

  var hasEnded: Bool { lock.withLock { ended } }

  private func readLoop() {
    var buffer = [UInt8](repeating: 0, count: 16384)
    var data: [UInt8] = []
    var headDone = false
    var chunked = false
    var decoder = ChunkDecoder()
    var text = ""
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count <= 0 { break }
      var body: [UInt8] = []
      if !headDone {
        data += buffer[0..<count]
        guard let (head, rest) = RawHTTP.splitHead(data),
          let (status, headers) = try? RawHTTP.parseHead(head)
        else {
          continue
        }
        headDone = true
        chunked = headers["transfer-encoding"] == "chunked"
        lock.withLock {
          self.status = status
          self.contentType = headers["content-type"]
        }
        body = rest
      } else {
        body = Array(buffer[0..<count])
      }
      text += String(decoding: chunked ? decoder.feed(body) : body, as: UTF8.self)
      var parsed: [ServerEvent] = []
      while let end = text.range(of: "\n\n") {
        let block = text[..<end.lowerBound]
        text = String(text[end.upperBound...])
        var name = "message"
        var lines: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
          if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
          if line.hasPrefix("data: ") { lines.append(String(line.dropFirst(6))) }
          if line == "data:" { lines.append("") }
        }
        if !lines.isEmpty {
          parsed.append(ServerEvent(name: name, data: lines.joined(separator: "\n")))
        }
      }
      if !parsed.isEmpty || status != 0 {
        lock.withLock { events += parsed }
      }
      if headDone { connected.signal() }
    }
    lock.withLock { ended = true }
    connected.signal()
  }

  /// The next event named `name` (others are skipped), waiting up to `seconds`.
  func next(_ name: String, within seconds: Double = 60) async -> ServerEvent? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      let found: ServerEvent? = lock.withLock {
        guard let index = events.firstIndex(where: { $0.name == name }) else { return nil }
        let event = events[index]
        events.removeSubrange(...index)
        return event
      }
      if let found { return found }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return nil
  }

  /// Waits until the server closes the stream.
  func waitForEnd(within seconds: Double = 60) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if hasEnded { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return hasEnded
  }
}
