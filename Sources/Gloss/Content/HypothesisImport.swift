import Foundation
import Yams

/// Converts annotations exported in the Hypothesis JSON format (also what study mode exports)
/// into `Content/annotations/<slug>.yml` notes, appending only notes the file does not have.
public enum HypothesisImport {
  public struct Result: Sendable {
    public var added: Int
    public var skipped: Int
    public var yaml: String
  }

  struct Incoming {
    var id: String
    var quote: String
    var prefix: String?
    var suffix: String?
    var kind: Annotation.Kind
    var note: String
  }

  /// - Parameters:
  ///   - json: the export (`{"annotations": [...]}`, the API's `{"rows": [...]}`, or a bare array).
  ///   - existingYAML: the current annotations file, or "" when there is none.
  public static func merge(
    json: Data, displayPath: String, into existingYAML: String, existingPath: String
  )
    throws(BuildFailure) -> Result
  {
    let incoming = try parse(json, displayPath: displayPath)
    let reader = YAMLReader(path: existingPath)
    let existing =
      existingYAML.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      ? []
      : AnnotationLoader(directory: URL(fileURLWithPath: "/"), displayRoot: "").parse(
        existingYAML, reader: reader, path: existingPath)
    if reader.hasErrors { throw BuildFailure(reader.diagnostics) }

    func key(_ quote: String, _ prefix: String?, _ suffix: String?, _ note: String) -> String {
      [quote, prefix ?? "", suffix ?? "", note].map { TermFolding.key($0) }.joined(
        separator: "\u{1F}")
    }
    var seen = Set(existing.map { key($0.quote, $0.prefix, $0.suffix, $0.note) })
    var ids = Set(existing.map(\.id))
    var yaml = existingYAML
    if !yaml.isEmpty, !yaml.hasSuffix("\n") { yaml += "\n" }
    var added = 0
    var skipped = 0
    for note in incoming {
      guard seen.insert(key(note.quote, note.prefix, note.suffix, note.note)).inserted else {
        skipped += 1
        continue
      }
      var id = note.id
      var counter = 2
      while ids.contains(id) {
        id = "\(note.id)-\(counter)"
        counter += 1
      }
      ids.insert(id)
      yaml += serialize(note, id: id)
      added += 1
    }
    return Result(added: added, skipped: skipped, yaml: yaml)
  }

  static func parse(_ json: Data, displayPath: String) throws(BuildFailure) -> [Incoming] {
    let root: Any
    do {
      root = try JSONSerialization.jsonObject(with: json)
    } catch {
      throw BuildFailure([.error(displayPath, "not valid JSON: \(error.localizedDescription)")])
    }
    let items: [Any]
    if let list = root as? [Any] {
      items = list
    } else if let object = root as? [String: Any],
      let list = (object["annotations"] ?? object["rows"]) as? [Any]
    {
      items = list
    } else {
      throw BuildFailure([
        .error(displayPath, "expected a Hypothesis export: an object with 'annotations' or 'rows'")
      ])
    }
    var notes: [Incoming] = []
    for (index, item) in items.enumerated() {
      guard let annotation = item as? [String: Any] else { continue }
      let targets = annotation["target"] as? [[String: Any]] ?? []
      let selectors = targets.flatMap { $0["selector"] as? [[String: Any]] ?? [] }
      // Page notes and replies have no quote: nothing to anchor.
      guard let selector = selectors.first(where: { $0["type"] as? String == "TextQuoteSelector" }),
        let exact = selector["exact"] as? String,
        !exact.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      else { continue }
      let text = (annotation["text"] as? String ?? "").trimmingCharacters(
        in: .whitespacesAndNewlines)
      let tags = (annotation["tags"] as? [String] ?? []).map { $0.lowercased() }
      let kind = tags.lazy.compactMap { Annotation.Kind(rawValue: $0) }.first ?? .context
      var id = Slug.make(annotation["id"] as? String ?? "")
      if id.isEmpty { id = "imported-\(index + 1)" }
      notes.append(
        Incoming(
          id: "h-" + id, quote: exact,
          prefix: (selector["prefix"] as? String).flatMap { $0.isEmpty ? nil : $0 },
          suffix: (selector["suffix"] as? String).flatMap { $0.isEmpty ? nil : $0 }, kind: kind,
          note: text.isEmpty ? "(no text)" : text))
    }
    return notes
  }

  /// One YAML list item, keys in reading order, strings quoted by Yams so any text survives.
  static func serialize(_ note: Incoming, id: String) -> String {
    var pairs: [(Node, Node)] = [
      ("id", Node(id)), ("quote", Node(note.quote, Tag(.str), .doubleQuoted)),
    ]
    if let prefix = note.prefix { pairs.append(("prefix", Node(prefix, Tag(.str), .doubleQuoted))) }
    if let suffix = note.suffix { pairs.append(("suffix", Node(suffix, Tag(.str), .doubleQuoted))) }
    pairs.append(("kind", Node(note.kind.rawValue)))
    pairs.append(
      ("note", Node(note.note, Tag(.str), note.note.contains("\n") ? .literal : .doubleQuoted)))
    let node = Node.sequence(Node.Sequence([Node.mapping(Node.Mapping(pairs))]))
    return (try? Yams.serialize(node: node, width: -1, allowUnicode: true)) ?? ""
  }
}
