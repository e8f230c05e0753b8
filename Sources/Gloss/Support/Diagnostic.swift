/// A message about a place in a content or theme file, printed the way compilers print them
/// (`path:line:col: error: message`) so that editors can jump to it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var severity: Severity
  public var path: String
  /// 1-based; 0 when the message is about the whole file.
  public var line: Int
  /// 1-based, counted in Unicode scalars like libyaml and cmark do; 0 when unknown.
  public var column: Int
  public var message: String
  /// For a follow-on error, the file that would explain it, without its extension
  /// (`Content/glossary/quad` for "see_also names unknown entry 'quad'"): when that file has
  /// errors of its own, it is known but broken, and this diagnostic is left out.
  public var followsFrom: String?

  public init(
    _ severity: Severity, _ path: String, line: Int = 0, column: Int = 0, _ message: String,
    followsFrom: String? = nil
  ) {
    self.severity = severity
    self.path = path
    self.line = line
    self.column = column
    self.message = message
    self.followsFrom = followsFrom
  }

  public static func error(
    _ path: String, line: Int = 0, column: Int = 0, _ message: String, followsFrom: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, path, line: line, column: column, message, followsFrom: followsFrom)
  }

  public static func warning(
    _ path: String, line: Int = 0, column: Int = 0, _ message: String
  ) -> Diagnostic {
    Diagnostic(.warning, path, line: line, column: column, message)
  }

  public var location: String {
    var text = path
    if line > 0 {
      text += ":\(line)"
      text += ":\(max(column, 1))"
    }
    return text
  }

  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Diagnostics collected over a whole stage, so that one run reports every problem at once
/// instead of stopping at the first.
public struct Diagnostics: Sendable {
  public private(set) var all: [Diagnostic] = []

  public init(_ diagnostics: [Diagnostic] = []) { all = diagnostics }

  public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
  public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

  public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
  public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
  public var hasErrors: Bool { all.contains { $0.severity == .error } }

  /// What to show, cause first: follow-on errors about a file that is broken itself are left
  /// out (its own errors say what is wrong), errors come before warnings and notes, and each
  /// group is in file, position and message order, so output never depends on thread timing.
  /// The terminal, the overlay, `/_gloss/status` and the event stream all show this order.
  public var sorted: [Diagnostic] {
    let broken = Set(all.lazy.filter { $0.severity == .error }.map { Self.stem($0.path) })
    return all.filter { diagnostic in
      guard let cause = diagnostic.cause else { return true }
      return !broken.contains(cause)
    }.sorted {
      ($0.severity, $0.path, $0.line, $0.column, $0.message)
        < ($1.severity, $1.path, $1.line, $1.column, $1.message)
    }
  }

  /// A path without the extension of its last component.
  static func stem(_ path: String) -> String {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"),
      dot != path.startIndex, path[path.index(before: dot)] != "/"
    else { return path }
    return String(path[..<dot])
  }
}

extension Diagnostic {
  /// `Content/annotations/x.yml` → `Content/articles/x`: what an annotations file for an
  /// article that did not load follows from.
  static func articleStem(_ annotationsPath: String, slug: String) -> String {
    var folders = annotationsPath.split(separator: "/", omittingEmptySubsequences: false)
    folders.removeLast(min(2, folders.count))
    return (folders.map(String.init) + ["articles", slug]).joined(separator: "/")
  }

  /// The file whose own errors would explain this one (`followsFrom`).
  var cause: String? { followsFrom }
}

/// Thrown when a stage finished with errors; carries everything it found.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
