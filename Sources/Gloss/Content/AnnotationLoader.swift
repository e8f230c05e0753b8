import Foundation
import Yams

/// Reads `Content/annotations/<slug>.yml`: a list of notes anchored by quote.
struct AnnotationLoader {
  var directory: URL
  var displayRoot: String

  static let noteKeys: Set<String> = ["id", "quote", "prefix", "suffix", "kind", "note", "sources"]

  func parse(_ text: String, reader: YAMLReader, path: String) -> [Annotation] {
    guard let root = reader.parse(text) else { return [] }
    guard case .sequence(let sequence) = root else {
      reader.error("annotations must be a list of notes (each starting with '- quote:')", at: root)
      return []
    }
    var notes: [Annotation] = []
    var ids: [String: Int] = [:]
    for (index, item) in sequence.enumerated() {
      guard let mapping = reader.mapping(item, what: "a note") else { continue }
      reader.warnUnknownKeys(mapping, allowed: Self.noteKeys, what: "note")
      let quote = reader.string(mapping, "quote", required: true, container: item)
      let kindName = reader.string(mapping, "kind", required: true, container: item)
      let body = reader.string(mapping, "note", required: true, container: item)
      var kind: Annotation.Kind?
      if let kindName {
        kind = Annotation.Kind(rawValue: kindName)
        if kind == nil {
          let choices = Annotation.Kind.allCases.map(\.rawValue).joined(separator: ", ")
          reader.error(
            "unknown kind '\(kindName)'; expected one of: \(choices)", at: mapping["kind"])
        }
      }
      let id = reader.string(mapping, "id") ?? "note-\(index + 1)"
      if let first = ids[id] {
        reader.error("duplicate note id '\(id)' (first used by note \(first))", at: mapping["id"])
      }
      ids[id] = index + 1
      let (line, column) = reader.position(of: mapping["quote"] ?? item)
      guard let quote, let kind, let body else { continue }
      notes.append(
        Annotation(
          id: id, quote: quote, prefix: rawString(mapping["prefix"]),
          suffix: rawString(mapping["suffix"]),
          kind: kind, note: body, sources: reader.sources(mapping),
          location: FilePosition(path: path, line: line, column: column)))
    }
    return notes
  }

  /// Prefix and suffix are matched literally, surrounding spaces included.
  private func rawString(_ node: Node?) -> String? {
    guard case .scalar(let scalar)? = node else { return nil }
    return scalar.string.isEmpty ? nil : scalar.string
  }
}
