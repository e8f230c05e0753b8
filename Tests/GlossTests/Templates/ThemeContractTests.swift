import Foundation
import Testing

@testable import Gloss

@Suite("The theme contract in docs/theme.md is the page models' own")
struct ThemeContractTests {
  @Test("docs/theme.md carries exactly what `gloss theme-contract` prints")
  func documentMatchesModels() throws {
    let url = FirstEditionTests.repository.appendingPathComponent("docs/theme.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(text.range(of: ThemeContract.startMarker + "\n"))
    let end = try #require(text.range(of: ThemeContract.endMarker))
    #expect(
      String(text[start.upperBound..<end.lowerBound]) == ThemeContract.markdown,
      "docs/theme.md is out of date: replace its generated section with `gloss theme-contract`")
  }

  @Test("every field of every page model is in the contract, with its type")
  func everyFieldListed() {
    let contract = ThemeContract.markdown
    for page in PageTemplate.allCases {
      for field in page.schema.fields {
        #expect(contract.contains("- `\(field.name)`: \(field.type.shortName)"), "\(field.name)")
      }
    }
    #expect(contract.contains("- `excerpt_html`: HTML (write it with `{{{excerpt_html}}}`)"))
  }
}
