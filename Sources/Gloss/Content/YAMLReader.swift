import Foundation
import Yams

/// Reads typed values out of a YAML tree and reports every problem at the position of the node
/// that caused it. Yams gives the tree and the positions; this adds the schema.
final class YAMLReader {
  let path: String
  /// Added to Yams' 1-based lines: front matter starts on line 2 of its file.
  let lineOffset: Int
  private(set) var diagnostics: [Diagnostic] = []

  init(path: String, firstLine: Int = 1) {
    self.path = path
    self.lineOffset = firstLine - 1
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  func error(_ message: String, at node: Node?) {
    let (line, column) = position(of: node)
    report(.error(path, line: line, column: column, message))
  }

  func warning(_ message: String, at node: Node?) {
    let (line, column) = position(of: node)
    report(.warning(path, line: line, column: column, message))
  }

  /// A key may be read twice (once to decide whether to go on, once to apply it): say it once.
  private func report(_ diagnostic: Diagnostic) {
    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
  }

  func position(of node: Node?) -> (Int, Int) {
    guard let mark = node?.mark else { return (lineOffset + 1, 1) }
    return (mark.line + lineOffset, mark.column)
  }

  /// Parses one YAML document; syntax errors become diagnostics at libyaml's position.
  /// Plain scalars are not resolved while parsing (every one of them, keys too, would be matched
  /// against a regular expression per rule, a third of the load time of a small site): they are
  /// all `str`, and `plainTag(of:)` tells null, bool, int and float apart when a value is read.
  static let resolver = Resolver.basic

  /// The int and float rules of Yams's default resolver, for the scalars that could match them.
  private static let numbers = Resolver.basic.appending(.int).appending(.float)

  /// What Yams's default resolver would make of a plain scalar: null, bool, int, float, or str
  /// (its timestamp, merge and value rules aside: those values are read as the strings they are).
  /// The null and bool rules are lists of words; only a scalar that starts as a number can be an
  /// int or a float, so only those meet a regular expression.
  static func plainTag(of text: String) -> Tag.Name {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
      "on", "On", "ON", "off", "Off", "OFF":
      return .bool
    default: break
    }
    switch text.utf8.first ?? 0 {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
      UInt8(ascii: "."):
      return numbers.resolveTag(of: Node(text))
    default: return .str
    }
  }

  /// A node's tag, plain scalars resolved as `plainTag(of:)` does.
  static func tag(of node: Node) -> Tag.Name {
    if case .scalar(let scalar) = node, scalar.style == .plain,
      Tag.Name(rawValue: node.tag.rawValue) == .str
    {
      return plainTag(of: scalar.string)
    }
    return Tag.Name(rawValue: node.tag.rawValue)
  }

  func parse(_ yaml: String) -> Node? {
    if let tab = Self.tabIndentation(in: yaml) {
      diagnostics.append(
        .error(
          path, line: tab.line + lineOffset, column: tab.column,
          "tab character in indentation; YAML allows only spaces here"))
      return nil
    }
    do {
      return try Yams.compose(yaml: yaml, Self.resolver)
    } catch let error as YamlError {
      report(error)
      return nil
    } catch {
      diagnostics.append(.error(path, line: lineOffset + 1, column: 1, "invalid YAML: \(error)"))
      return nil
    }
  }

  private func report(_ error: YamlError) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      var message = "invalid YAML: \(problem)"
      if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
      diagnostics.append(.error(path, line: mark.line + lineOffset, column: mark.column, message))
    case .duplicatedKeysInMapping(let duplicates, let context):
      let key = duplicates.first ?? "?"
      diagnostics.append(
        .error(
          path, line: context.mark.line + lineOffset, column: context.mark.column,
          "duplicate key '\(key)'"))
    case .reader(let problem, _, _, _):
      diagnostics.append(.error(path, line: lineOffset + 1, column: 1, "invalid YAML: \(problem)"))
    default:
      diagnostics.append(.error(path, line: lineOffset + 1, column: 1, "invalid YAML: \(error)"))
    }
  }

  /// libyaml's message for a tab ("found character that cannot start any token") does not say
  /// what is wrong; find the tab first and say it plainly.
  static func tabIndentation(in yaml: String) -> (line: Int, column: Int)? {
    // Most files have no tab at all: one pass over the bytes instead of a split into lines.
    guard yaml.utf8.contains(UInt8(ascii: "\t")) else { return nil }
    for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let leading = line.prefix { $0 == " " || $0 == "\t" }
      if let tab = leading.firstIndex(of: "\t") {
        return (index + 1, line.distance(from: line.startIndex, to: tab) + 1)
      }
    }
    return nil
  }

  // MARK: - Typed access

  func mapping(_ node: Node?, what: String) -> Node.Mapping? {
    guard let node else {
      // A syntax error was already reported; an empty document is a problem of its own.
      if !hasErrors { error("\(what) is empty; expected a mapping of keys to values", at: nil) }
      return nil
    }
    guard case .mapping(let mapping) = node else {
      error("\(what) must be a mapping of keys to values", at: node)
      return nil
    }
    return mapping
  }

  func value(_ mapping: Node.Mapping, _ key: String) -> Node? {
    mapping[key]
  }

  func keyNode(_ mapping: Node.Mapping, _ key: String) -> Node? {
    mapping.keys.first { $0.string == key }
  }

  /// A string scalar. Numbers and booleans are refused: YAML would silently turn `no` into
  /// false or `1.10` into 1.1, which is never what an author meant by a title.
  func string(
    _ mapping: Node.Mapping, _ key: String, required: Bool = false, container: Node? = nil
  )
    -> String?
  {
    guard let node = mapping[key] else {
      if required { error("missing required key '\(key)'", at: container ?? mapping.keys.first) }
      return nil
    }
    return string(node, named: key, required: required)
  }

  func string(_ node: Node, named key: String, required: Bool = false) -> String? {
    guard case .scalar(let scalar) = node else {
      error("'\(key)' must be a string", at: node)
      return nil
    }
    if scalar.style == .plain {
      let tag = Self.tag(of: node)
      if tag == .null {
        if required { error("'\(key)' must not be empty", at: node) }
        return nil
      }
      if tag == .bool || tag == .int || tag == .float {
        error("'\(key)' must be a string; put the value in quotes", at: node)
        return nil
      }
    }
    let value = Self.trimmed(scalar.string)
    if value.isEmpty, required {
      error("'\(key)' must not be empty", at: node)
      return nil
    }
    return value
  }

  /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without the detour through
  /// `NSString` (ASCII, nearly every value, is decided here; other scalars by the same set).
  static func trimmed(_ text: String) -> String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isASCII
        ? scalar == " " || (0x09...0x0D).contains(scalar.value)
        : CharacterSet.whitespacesAndNewlines.contains(scalar)
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
      let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
    return String(scalars[first...last])
  }

  func bool(_ mapping: Node.Mapping, _ key: String) -> Bool? {
    guard let node = mapping[key] else { return nil }
    guard case .scalar(let scalar) = node, Self.tag(of: node) == .bool,
      let value = Bool(scalar.string.lowercased())
    else {
      error("'\(key)' must be true or false", at: node)
      return nil
    }
    return value
  }

  /// A list of strings; a single string is accepted as a list of one.
  func stringList(_ mapping: Node.Mapping, _ key: String) -> [(String, Node)] {
    guard let node = mapping[key] else { return [] }
    switch node {
    case .scalar:
      if Self.tag(of: node) == .null { return [] }
      return string(node, named: key).map { [($0, node)] } ?? []
    case .sequence(let sequence):
      var values: [(String, Node)] = []
      for item in sequence {
        if let value = string(item, named: "\(key) item", required: true) {
          values.append((value, item))
        }
      }
      return values
    default:
      error("'\(key)' must be a list of strings", at: node)
      return []
    }
  }

  func sources(_ mapping: Node.Mapping, _ key: String = "sources") -> [SourceLink] {
    guard let node = mapping[key] else { return [] }
    guard case .sequence(let sequence) = node else {
      error("'\(key)' must be a list of {title, url}", at: node)
      return []
    }
    var links: [SourceLink] = []
    for item in sequence {
      guard let source = self.mapping(item, what: "a source") else { continue }
      warnUnknownKeys(source, allowed: ["title", "url"], what: "source")
      let title = string(source, "title", required: true, container: item)
      let url = string(source, "url", required: true, container: item)
      if let url, !URLPolicy.isAllowedExternal(url) {
        error("source url must be an absolute http(s) URL, got '\(url)'", at: source["url"])
        continue
      }
      if let title, let url { links.append(SourceLink(title: title, url: url)) }
    }
    return links
  }

  func warnUnknownKeys(_ mapping: Node.Mapping, allowed: Set<String>, what: String) {
    for key in mapping.keys {
      guard let name = key.string else {
        error("\(what) keys must be strings", at: key)
        continue
      }
      if !allowed.contains(name) {
        let suggestion = allowed.min { editDistance($0, name) < editDistance($1, name) }
        var message = "unknown key '\(name)' in \(what)"
        if let suggestion, editDistance(suggestion, name) <= 2 {
          message += "; did you mean '\(suggestion)'?"
        }
        warning(message, at: key)
      }
    }
  }
}

/// Which URLs content may point to.
enum URLPolicy {
  static func isAllowedExternal(_ url: String) -> Bool {
    let lower = url.lowercased()
    guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
    guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty
    else {
      return false
    }
    return !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
  }
}
