import Foundation
import Mustache

/// The site's look: Mustache templates compiled once per build, and static assets copied as
/// they are. swift-mustache renders a missing partial as nothing and an unknown template as
/// nil, so every name is checked here, where the error can say which file and line.
public struct Theme: Sendable {
  public static let requiredTemplates = ["home", "article", "glossary", "entry", "404"]

  public let directory: URL
  private let library: MustacheLibrary
  public let templateNames: Set<String>
  /// Paths relative to `assets/`, sorted.
  public let assets: [String]
  /// Whether any template shows a concept map (`concept_map…` or `has_concept_map` keys): the
  /// map of a large glossary is costly to lay out, and a theme without one should not pay.
  public let usesConceptMap: Bool

  public init(directory: URL, displayRoot: String? = nil) throws(BuildFailure) {
    self.directory = directory
    let root = displayRoot ?? directory.path
    let display = { (relative: String) in
      root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
    let templatesURL = directory.appendingPathComponent("templates")
    var diagnostics: [Diagnostic] = []
    var templates: [String: MustacheTemplate] = [:]
    var partialReferences: [(name: String, path: String, line: Int, column: Int)] = []
    var usesConceptMap = false

    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: templatesURL.path, isDirectory: &isDirectory)
      || !isDirectory.boolValue
    {
      throw BuildFailure([.error(display("templates"), "theme has no templates folder")])
    }
    for relative in Self.files(under: templatesURL) where relative.hasSuffix(".mustache") {
      let path = display("templates/\(relative)")
      let name = String(relative.dropLast(".mustache".count))
      let text: String
      switch SourceText.read(templatesURL.appendingPathComponent(relative), displayPath: path) {
      case .success(let value): text = value
      case .failure(let diagnostic):
        diagnostics.append(diagnostic)
        continue
      }
      if text.contains("concept_map") { usesConceptMap = true }
      do {
        templates[name] = try MustacheTemplate(string: text)
        partialReferences += Self.partialReferences(in: text).map {
          ($0.name, path, $0.line, $0.column)
        }
      } catch let error as MustacheTemplate.ParserError {
        diagnostics.append(
          .error(
            path, line: error.context.lineNumber, column: error.context.columnNumber,
            "template syntax error: \(Self.describe(error.error))"))
      } catch {
        diagnostics.append(.error(path, "template syntax error: \(error)"))
      }
    }
    for name in Self.requiredTemplates where templates[name] == nil {
      if !diagnostics.contains(where: { $0.path == display("templates/\(name).mustache") }) {
        diagnostics.append(
          .error(display("templates/\(name).mustache"), "missing template '\(name)'"))
      }
    }
    for reference in partialReferences where templates[reference.name] == nil {
      diagnostics.append(
        .error(
          reference.path, line: reference.line, column: reference.column,
          "unknown partial '\(reference.name)'; no file templates/\(reference.name).mustache"))
    }
    if !diagnostics.isEmpty { throw BuildFailure(diagnostics) }
    self.library = MustacheLibrary(templates: templates)
    self.templateNames = Set(templates.keys)
    self.usesConceptMap = usesConceptMap
    self.assets = Self.files(under: directory.appendingPathComponent("assets"))
  }

  public func render(_ name: String, _ context: [String: Any]) -> String {
    // Names are checked at load time; a nil here would mean a template name typo in Gloss.
    library.render(context, withTemplate: name) ?? ""
  }

  /// Regular files under a folder, relative paths, sorted; hidden and editor temp files skipped.
  static func files(under folder: URL) -> [String] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return [] }
    var result: [String] = []
    let base = folder.standardizedFileURL.path
    for case let url as URL in enumerator {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
        !ContentLoader.isIgnored(url.lastPathComponent)
      else { continue }
      var relative = url.standardizedFileURL.path
      if relative.hasPrefix(base) { relative.removeFirst(base.count) }
      while relative.hasPrefix("/") { relative.removeFirst() }
      result.append(relative)
    }
    return result.sorted()
  }

  /// `{{> name}}` and `{{< name}}` tags with their positions.
  static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
    var references: [(String, Int, Int)] = []
    for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var search = line[...]
      while let open = search.range(of: "{{") {
        let afterOpen = search[open.upperBound...]
        guard let close = afterOpen.range(of: "}}") else { break }
        let tag = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
        if let sigil = tag.first, sigil == ">" || sigil == "<" {
          let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
          let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
          references.append((name, lineIndex + 1, column))
        }
        search = afterOpen[close.upperBound...]
      }
    }
    return references
  }

  private static func describe(_ error: Error) -> String {
    switch error {
    case MustacheTemplate.Error.sectionCloseNameIncorrect: "section closed with the wrong name"
    case MustacheTemplate.Error.unfinishedName: "tag is not closed with '}}'"
    case MustacheTemplate.Error.expectedSectionEnd: "section is never closed"
    case MustacheTemplate.Error.invalidSetDelimiter: "invalid set-delimiter tag"
    default: "\(error)"
    }
  }
}
