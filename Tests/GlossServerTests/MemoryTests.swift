import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real `gloss serve`, in a process of its own so that its resident size is its own, not
/// the test runner's.
final class ServeProcess: @unchecked Sendable {
  let process: Process
  let port: Int
  let logs: URL

  init(site: ScratchSite, environment: [String: String] = [:]) throws {
    var directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
      .deletingLastPathComponent()
    var executable: URL?
    for _ in 0..<4 where executable == nil {
      let candidate = directory.appendingPathComponent("gloss")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { executable = candidate }
      directory = directory.deletingLastPathComponent()
    }
    logs = site.url("serve-log")
    FileManager.default.createFile(atPath: logs.path + ".out", contents: nil)
    FileManager.default.createFile(atPath: logs.path + ".err", contents: nil)
    process = Process()
    process.executableURL = try #require(executable, "gloss not built next to the tests")
    process.arguments = ["serve", "--port", "0"]
    process.currentDirectoryURL = site.root
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.path + ".out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logs.path + ".err"))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    var port: Int?
    let deadline = Date().addingTimeInterval(120)
    while port == nil, Date() < deadline, process.isRunning {
      let out = (try? String(contentsOfFile: logs.path + ".out", encoding: .utf8)) ?? ""
      if let line = out.split(separator: "\n").first(where: { $0.hasPrefix("Serving ") }) {
        port = Int(line.split(separator: ":").last?.filter(\.isNumber) ?? "")
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    guard let port else {
      process.terminate()
      throw RawHTTPError.timeout
    }
    self.port = port
  }

  deinit { if process.isRunning { process.interrupt() } }

  var log: [String] {
    ((try? String(contentsOfFile: logs.path + ".err", encoding: .utf8)) ?? "")
      .split(separator: "\n").map(String.init)
  }

  /// Waits until the log has `count` lines starting with `prefix`.
  func waitForLog(_ prefix: String, count: Int, within seconds: Double = 300) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if log.filter({ $0.hasPrefix(prefix) }).count >= count { return true }
      try? await Task.sleep(for: .milliseconds(50))
    }
    return false
  }

  var residentMB: Double {
    Double(ResidentMemory.residentBytes(pid: process.processIdentifier) ?? 0) / 1_048_576
  }

  func stop() {
    process.interrupt()
    process.waitUntilExit()
  }
}

/// Resident memory goes back to within 1.5× of where it was before a burst: a big article
/// added and removed, a flood of connections come and gone.
@Suite("gloss serve: memory given back", .serialized)
struct MemoryTests {
  static func settle() async throws { try await Task.sleep(for: .milliseconds(1500)) }

  @Test("after a 6 MB article is added and removed, resident memory is back within 1.5×")
  func bigArticle() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try ServeProcess(site: site)
    defer { server.stop() }
    #expect(await server.waitForLog("built", count: 1))
    _ = try await RawHTTP.request(port: server.port, "GET", "/")
    _ = try await RawHTTP.request(port: server.port, "GET", "/articles/alliances/")
    try await Self.settle()
    let before = server.residentMB

    var text = "A Very Long Article\n\nBy A. Writer\n\n"
    var number = 0
    while text.utf8.count < 6_000_000 {
      number += 1
      text +=
        "In the long paragraph number \(number) the Quad met again, and the ministers spoke of trade, of ships and of the weather, at length.\n\n"
    }
    try site.write("Content/articles/huge.txt", text)
    text = ""
    #expect(await server.waitForLog("rebuilt after Content/articles/huge.txt", count: 1))
    #expect(try await RawHTTP.request(port: server.port, "GET", "/articles/huge/").status == 200)
    let peak = server.residentMB
    try site.remove("Content/articles/huge.txt")
    #expect(await server.waitForLog("rebuilt after Content/articles/huge.txt", count: 2))
    #expect(try await RawHTTP.request(port: server.port, "GET", "/articles/huge/").status == 404)
    try await Self.settle()
    let after = server.residentMB

    print("big article: \(before) MB before, \(peak) MB at the peak, \(after) MB after")
    #expect(peak > 2 * before, "the burst must be one: \(before) MB → \(peak) MB")
    #expect(after <= 1.5 * before, "\(before) MB before, \(peak) MB at the peak, \(after) MB after")
  }

  @Test(
    "after a flood of connections with large partial heads ends, resident memory is back within 1.5×"
  )
  func connectionFlood() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try ServeProcess(site: site)
    defer { server.stop() }
    #expect(await server.waitForLog("built", count: 1))
    _ = try await RawHTTP.request(port: server.port, "GET", "/")
    try await Self.settle()
    let before = server.residentMB

    let port = server.port
    let sockets = try await RawHTTP.offPool {
      try (0..<400).map { _ in
        let fd = try RawHTTP.connect(port: port)
        RawHTTP.send(
          fd,
          "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
            + String(repeating: "a", count: 60_000))
        return fd
      }
    }
    try await Task.sleep(for: .milliseconds(1000))
    let peak = server.residentMB
    for fd in sockets { close(fd) }
    try await Self.settle()
    let after = server.residentMB
    #expect(try await RawHTTP.request(port: server.port, "GET", "/").status == 200)

    print("connection flood: \(before) MB before, \(peak) MB at the peak, \(after) MB after")
    #expect(peak > 1.5 * before, "the flood must be one: \(before) MB → \(peak) MB")
    #expect(after <= 1.5 * before, "\(before) MB before, \(peak) MB at the peak, \(after) MB after")
  }
}
