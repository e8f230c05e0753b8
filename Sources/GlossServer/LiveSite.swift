import Foundation
import Gloss
import Hummingbird

/// A file as the server sends it: bytes (HTML with the live-reload script), type and
/// validators, computed once when the file changes rather than on every request.
public struct ServedFile: Sendable {
  public var body: ByteBuffer
  public var contentType: String
  public var eTag: String
  /// Whole seconds since 1970: HTTP dates have no finer grain.
  public var lastModified: Int

  init(path: String, bytes: [UInt8], modified: Int) {
    let isHTML = path.hasSuffix(".html") || path.hasSuffix(".htm")
    let served = isHTML ? LiveReload.inject(into: bytes) : bytes
    self.body = ByteBuffer(bytes: served)
    self.contentType = MediaType.forPath(path)
    self.eTag = ServedFile.eTag(served)
    self.lastModified = modified
  }

  /// A strong validator from the bytes: stable across restarts, so a browser's cached copy
  /// still validates after `gloss serve` is started again.
  static func eTag(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return "\"\(String(repeating: "0", count: 16 - hex.count))\(hex)-\(bytes.count)\""
  }
}

/// The result of the last build as `/_gloss/status` reports it.
public struct BuildStatus: Sendable, Equatable {
  public var ok: Bool
  public var durationMilliseconds: Int
  /// Compiler form: `Content/glossary/quad.md:4:9: error: …`.
  public var diagnostics: [String]
  public var pagesWritten: Int
  /// Counts good builds; a page can tell whether it is current.
  public var generation: Int
  /// What the rebuild was about (the changed sources).
  public var changed: [String]

  var json: String {
    // Key order fixed by hand: JSONEncoder's is not guaranteed.
    let fields = [
      "\"ok\":\(ok)", "\"duration_ms\":\(durationMilliseconds)",
      "\"diagnostics\":[\(diagnostics.map(JSON.string).joined(separator: ","))]",
      "\"pages_written\":\(pagesWritten)",
      "\"generation\":\(generation)",
      "\"changed\":[\(changed.map(JSON.string).joined(separator: ","))]",
    ]
    return "{" + fields.joined(separator: ",") + "}"
  }
}

/// The site being served: the files of the last good build, held in memory (nothing is
/// written to disk, so the live-reload script can never leak into `Site/`), and the status of
/// the last build, good or bad.
public final class LiveSite: @unchecked Sendable {
  private let lock = NSLock()
  private var files: [String: ServedFile] = [:]
  private var status = BuildStatus(
    ok: false, durationMilliseconds: 0, diagnostics: [], pagesWritten: 0, generation: 0, changed: []
  )
  private var building = true
  private let now: @Sendable () -> Int

  public init(now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }) {
    self.now = now
  }

  public func file(_ path: String) -> ServedFile? {
    lock.withLock { files[path] }
  }

  public func contains(_ path: String) -> Bool {
    lock.withLock { files[path] != nil }
  }

  public var currentStatus: BuildStatus { lock.withLock { status } }

  /// True until the first build finished, good or bad.
  public var isBuilding: Bool { lock.withLock { building } }

  /// Whether any build succeeded yet (there is a site to serve).
  public var hasSite: Bool { lock.withLock { !files.isEmpty } }

  /// Takes in a build's result. Returns what the open pages should be told: nil when nothing
  /// they show changed.
  @discardableResult
  public func publish(_ outcome: RebuildOutcome) -> LiveReload.Event? {
    let modified = now()
    // Done outside the lock: injecting and hashing a large first build takes a while.
    let prepared = outcome.written.map {
      ($0.path, ServedFile(path: $0.path, bytes: $0.bytes, modified: modified))
    }
    return lock.withLock {
      let wasOK = status.ok && !building
      building = false
      let diagnostics = outcome.report.diagnostics.map(\.description)
      guard outcome.succeeded else {
        status.ok = false
        status.durationMilliseconds = outcome.report.milliseconds
        status.diagnostics = diagnostics
        status.pagesWritten = 0
        status.changed = outcome.changedSources
        return .error(diagnostics)
      }
      for (path, file) in prepared { files[path] = file }
      for path in outcome.removed { files[path] = nil }
      status = BuildStatus(
        ok: true, durationMilliseconds: outcome.report.milliseconds, diagnostics: diagnostics,
        pagesWritten: outcome.report.pagesWritten, generation: status.generation + 1,
        changed: outcome.changedSources)
      let changedPaths = prepared.map(\.0) + outcome.removed
      if wasOK && changedPaths.isEmpty { return nil }
      return .reload(generation: status.generation, paths: changedPaths)
    }
  }
}

/// Minimal JSON writing: strings escaped per RFC 8259, so diagnostics quoting file text
/// (quotes, backslashes, control characters, `</script>`) always stay one valid string.
enum JSON {
  static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      // `<` escaped so the JSON can never close an HTML script element it is embedded in.
      case "<": result += "\\u003c"
      case "\u{2028}": result += "\\u2028"
      case "\u{2029}": result += "\\u2029"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
