import Foundation

/// External URLs, listed so that an editor can review them; Gloss never fetches them.
enum ExternalLinks {
  static func notes(_ sources: ContentSources) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for path in sources.candidates {
      guard let text = sources.textOnce(path) else { continue }
      var seen = Set<String>()
      for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        var rest = line[...]
        while let start = rest.range(of: "http", options: .caseInsensitive) {
          let candidate = rest[start.lowerBound...]
          let lower = candidate.lowercased()
          guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            rest = rest[start.upperBound...]
            continue
          }
          var url = candidate.prefix { !$0.isWhitespace && !"<>\"'`".contains($0) }
          // Markdown and prose put punctuation right after a URL: "(see https://x.org)."
          while let last = url.last, ".,;:!?)]*_".contains(last) {
            if last == ")", url.filter({ $0 == "(" }).count >= url.filter({ $0 == ")" }).count {
              break
            }
            url = url.dropLast()
          }
          let column = line[..<start.lowerBound].unicodeScalars.count + 1
          if seen.insert(String(url)).inserted {
            diagnostics.append(
              Diagnostic(.note, path, line: lineIndex + 1, column: column, "external link \(url)"))
          }
          rest = rest[url.endIndex...]
        }
      }
    }
    return diagnostics
  }
}
