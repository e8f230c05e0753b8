import Foundation

/// `gloss check`: everything a build would report, plus what only the finished pages show
/// (links and anchors that resolve to nothing). Writes nothing.
public struct SiteCheck {
  public var paths: BuildPaths

  public init(paths: BuildPaths) { self.paths = paths }

  public func run() throws(BuildFailure) -> [Diagnostic] {
    let (output, _) = try Builder(paths: paths).generate()
    return output.diagnostics + LinkCheck.check(output.files, outputDisplay: paths.outputDisplay)
  }
}

/// Resolves every relative `href`/`src` of the generated HTML against the generated files.
public enum LinkCheck {
  public static func check(_ files: [OutputFile], outputDisplay: String) -> [Diagnostic] {
    var ids: [String: Set<String>] = [:]
    let paths = Set(files.map(\.path))
    let htmlFiles = files.filter { $0.path.hasSuffix(".html") }
    var texts: [String: String] = [:]
    for file in htmlFiles {
      let text = String(decoding: file.bytes, as: UTF8.self)
      texts[file.path] = text
      ids[file.path] = Set(attributeValues(named: "id", in: text))
    }
    var diagnostics: [Diagnostic] = []
    for file in htmlFiles where file.path != "404.html" {
      guard let text = texts[file.path] else { continue }
      var reported = Set<String>()
      for link in attributeValues(named: "href", in: text) + attributeValues(named: "src", in: text) {
        guard let problem = resolve(link, from: file.path, paths: paths, ids: ids), reported.insert(link).inserted
        else { continue }
        diagnostics.append(.error("\(outputDisplay)/\(file.path)", "broken link '\(link)': \(problem)"))
      }
    }
    return diagnostics
  }

  /// nil when the link resolves.
  static func resolve(_ link: String, from page: String, paths: Set<String>, ids: [String: Set<String>]) -> String? {
    let decoded = link.replacingOccurrences(of: "&amp;", with: "&")
    if decoded.contains("://") || decoded.hasPrefix("mailto:") || decoded.hasPrefix("data:") { return nil }
    var target = decoded
    var fragment: String?
    if let hash = target.firstIndex(of: "#") {
      fragment = String(target[target.index(after: hash)...])
      target = String(target[..<hash])
    }
    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
    var resolved: String
    if target.isEmpty {
      resolved = page
    } else {
      if target.hasPrefix("/") { return "absolute paths break under file:// and sub-paths; use a relative link" }
      var parts = page.split(separator: "/").dropLast().map(String.init)
      for part in target.split(separator: "/", omittingEmptySubsequences: false) {
        switch part {
        case "..":
          guard !parts.isEmpty else { return "leads outside the site" }
          parts.removeLast()
        case ".", "": continue
        default: parts.append(String(part))
        }
      }
      resolved = parts.joined(separator: "/")
      if target.hasSuffix("/") || resolved.isEmpty { resolved += resolved.isEmpty ? "index.html" : "/index.html" }
      guard paths.contains(resolved) else {
        if paths.contains(resolved + "/index.html") { return nil }
        return "no such file \(resolved)"
      }
    }
    if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html") {
      guard ids[resolved]?.contains(fragment) == true else { return "no element with id '\(fragment)' in \(resolved)" }
    }
    return nil
  }

  static func attributeValues(named name: String, in html: String) -> [String] {
    var values: [String] = []
    let marker = " \(name)=\""
    var search = html[...]
    while let range = search.range(of: marker) {
      let rest = search[range.upperBound...]
      guard let end = rest.firstIndex(of: "\"") else { break }
      values.append(String(rest[..<end]))
      search = rest[end...]
    }
    return values
  }
}
