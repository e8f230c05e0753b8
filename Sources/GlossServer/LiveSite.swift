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

/// The site being served: the files of the last good build, and the status of the last build,
/// good or bad. The files' validators are kept in memory, their bytes in a private folder
/// (`ServedFileStore`; in memory only when that cannot be written): never in `Site/`, so the
/// live-reload script can never leak into a build.
public final class LiveSite: @unchecked Sendable {
  /// Held while a file is read, too: a rebuild removes the copies it replaces only once no
  /// request can still be reading them.
  private let lock = NSLock()
  private var files: [String: StoredFile] = [:]
  private let store: ServedFileStore
  private var status = BuildStatus(
    ok: false, durationMilliseconds: 0, diagnostics: [], pagesWritten: 0, generation: 0, changed: []
  )
  private var building = true
  private let now: @Sendable () -> Int

  /// `folder`: where the private folder of served copies is made (the system's temporary
  /// folder by default).
  public init(
    folder: String = NSTemporaryDirectory(),
    now: @escaping @Sendable () -> Int = { Int(Date().timeIntervalSince1970) }
  ) {
    self.store = ServedFileStore(parent: folder)
    self.now = now
  }

  /// The file at `path` with its bytes; nil when there is none (or its copy was removed by
  /// something else than the server).
  public func file(_ path: String) -> ServedFile? {
    lock.withLock {
      guard let stored = files[path] else { return nil }
      let body: ByteBuffer
      switch stored.bytes {
      case .memory(let buffer): body = buffer
      case .disk(let copy):
        guard let read = store.read(copy, count: stored.count) else { return nil }
        body = read
      }
      return ServedFile(
        body: body, contentType: stored.contentType, eTag: stored.eTag,
        lastModified: stored.lastModified)
    }
  }

  /// The private folder of served copies, once there is one.
  public var folder: String? { store.location }

  /// Removes the served copies (the server is stopping); nothing is served afterwards.
  public func close() {
    lock.withLock {
      files = [:]
      store.removeAll()
    }
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
  ///
  /// The outcome's files are written out and taken from it (`outcome.written` is empty
  /// afterwards), so that a first build's 800 MB are let go before it is announced.
  @discardableResult
  public func publish(_ outcome: inout RebuildOutcome) -> LiveReload.Event? {
    let modified = now()
    // Done outside the lock: injecting, hashing and writing a large first build takes a while.
    let prepared =
      outcome.succeeded ? StoredFile.prepare(outcome.written, modified: modified, in: store) : []
    let writtenBytes = outcome.written.reduce(0) { $0 + $1.bytes.count }
    outcome.written = []
    // A first build's pages are free now: given back before the site is announced as ready.
    if writtenBytes > 64 << 20 { ResidentMemory.trim() }
    var replaced: [String] = []
    defer { store.remove(replaced) }
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
      for (path, file) in prepared {
        if let old = files.updateValue(file, forKey: path)?.copy { replaced.append(old) }
      }
      for path in outcome.removed {
        if let old = files.removeValue(forKey: path)?.copy { replaced.append(old) }
      }
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
