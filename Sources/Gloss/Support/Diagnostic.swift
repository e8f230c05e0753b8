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

  public init(
    _ severity: Severity, _ path: String, line: Int = 0, column: Int = 0, _ message: String
  ) {
    self.severity = severity
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public static func error(
    _ path: String, line: Int = 0, column: Int = 0, _ message: String
  ) -> Diagnostic {
    Diagnostic(.error, path, line: line, column: column, message)
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

  /// Stable order: by file, then position, then message, so output never depends on thread timing.
  public var sorted: [Diagnostic] {
    all.sorted {
      ($0.path, $0.line, $0.column, $0.severity, $0.message)
        < ($1.path, $1.line, $1.column, $1.severity, $1.message)
    }
  }
}

/// Thrown when a stage finished with errors; carries everything it found.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
