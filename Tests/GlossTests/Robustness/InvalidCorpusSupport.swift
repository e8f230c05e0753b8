import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real `gloss` executable, run as a user runs it: in a site folder, with a time limit,
/// its stderr captured and how it ended (exit status or signal) reported.
enum GlossBinary {
  /// `gloss` sits in the build folder next to the test bundle (`.build/debug/`).
  static var url: URL? {
    var directory = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
      .deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("gloss")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  struct Outcome {
    var status: Int32
    /// True when the process ended by a signal (a crash or our kill), not by exit.
    var signalled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
    var seconds: Double
  }

  /// Starts `gloss` without waiting, stdout and stderr going to files in `logs`.
  static func start(
    _ arguments: [String], in directory: URL, logs: URL,
    onExit: (@Sendable (Process) -> Void)? = nil
  ) throws -> Process {
    let executable = try #require(
      url, "gloss executable not found next to the tests; run `swift build` first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    FileManager.default.createFile(atPath: logs.appendingPathExtension("out").path, contents: nil)
    FileManager.default.createFile(atPath: logs.appendingPathExtension("err").path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: logs.appendingPathExtension("out"))
    process.standardError = try FileHandle(forWritingTo: logs.appendingPathExtension("err"))
    process.standardInput = FileHandle.nullDevice
    process.terminationHandler = onExit
    try process.run()
    return process
  }

  static func run(_ arguments: [String], in directory: URL, timeout: Double = 120) throws -> Outcome
  {
    let logs = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-run-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: logs.appendingPathExtension("out"))
      try? FileManager.default.removeItem(at: logs.appendingPathExtension("err"))
    }
    let started = Date()
    let done = DispatchSemaphore(value: 0)
    let process = try start(arguments, in: directory, logs: logs, onExit: { _ in done.signal() })
    var timedOut = false
    if done.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
    let read = { (ext: String) in
      String(
        decoding: FileManager.default.contents(atPath: logs.appendingPathExtension(ext).path)
          ?? Data(), as: UTF8.self)
    }
    return Outcome(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      timedOut: timedOut,
      stdout: read("out"), stderr: read("err"), seconds: Date().timeIntervalSince(started))
  }
}

/// Files on disk, for "is this folder exactly what it was".
enum FolderSnapshot {
  /// Every regular file under `folder` (hidden ones included), relative path → bytes.
  static func take(_ folder: URL) -> [String: Data] {
    var result: [String: Data] = [:]
    let base = folder.standardizedFileURL.path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [:] }
    for case let relative as String in enumerator {
      let path = base + "/" + relative
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else {
        continue
      }
      result[relative] = FileManager.default.contents(atPath: path) ?? Data()
    }
    return result
  }

  /// Copies `source` into `destination` recursively (destination's parent must exist).
  static func copy(_ source: URL, to destination: URL) throws {
    try? FileManager.default.removeItem(at: destination)
    try FileManager.default.copyItem(at: source, to: destination)
  }

  static func temporaryDirectory(_ label: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gloss-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
