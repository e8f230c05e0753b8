import Foundation
import GlossTestSupport
import Testing

@testable import Gloss

extension TestSite {
  /// The diagnostics of a build that must fail.
  func buildErrors(sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
    do {
      try build()
      Issue.record("expected the build to fail", sourceLocation: sourceLocation)
      return []
    } catch let failure as BuildFailure {
      return failure.diagnostics
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
      return []
    }
  }
}

/// The smallest valid content, to extend per test.
let minimalSite = """
  -- Content/site.yml --
  title: Test Site
  base_url: https://example.org/
  """

func entry(
  _ id: String, term: String, aliases: [String] = [], extra: String = "", body: String = "Body."
) -> String {
  let aliasLine =
    aliases.isEmpty ? "" : "aliases: [\(aliases.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
  return """

    -- Content/glossary/\(id).md --
    ---
    term: \(term)
    \(aliasLine)category: concept
    summary: About \(term).
    \(extra)---
    \(body)
    """
}
