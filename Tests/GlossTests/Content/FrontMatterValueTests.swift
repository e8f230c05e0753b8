import Foundation
import Testing
import Yams

@testable import Gloss

/// How a plain YAML value in front matter or a glossary file is read: what counts as a string,
/// and what is trimmed from it.
@Suite("Reading YAML values")
struct FrontMatterValueTests {
  @Test("values are trimmed of exactly the white space Foundation trims, no other characters")
  func trimming() {
    let samples = [
      "  plain  ", "\t\n tabbed\r\n", "\u{A0}no-break\u{3000}", "\u{85}next line\u{2028}",
      "\u{200B}zero width\u{200B}", "\u{FEFF}bom", " ", "", "inner  space kept", "é\u{301} ",
      "\u{1680}ogham\u{205F}", "\u{1C}separator\u{1F}",
    ]
    for sample in samples {
      #expect(
        YAMLReader.trimmed(sample) == sample.trimmingCharacters(in: .whitespacesAndNewlines),
        "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
    }
  }

  @Test("dates, '<<' and '=' are strings; numbers, booleans and null are not")
  func plainScalarTypes() throws {
    let reader = YAMLReader(path: "entry.md")
    let node = try #require(
      reader.parse(
        "a: 2024-05-01\nb: <<\nc: =\nd: 12\ne: yes\nf: ~\ng: 1.5\nh: 2024-05-01 10:00:00\n"))
    let mapping = try #require(reader.mapping(node, what: "front matter"))
    #expect(reader.string(mapping["a"]!, named: "a") == "2024-05-01")
    #expect(reader.string(mapping["b"]!, named: "b") == "<<")
    #expect(reader.string(mapping["c"]!, named: "c") == "=")
    #expect(reader.string(mapping["h"]!, named: "h") == "2024-05-01 10:00:00")
    #expect(reader.diagnostics.isEmpty)
    for key in ["d", "e", "g"] {
      #expect(reader.string(mapping[key]!, named: key) == nil)
    }
    #expect(reader.string(mapping["f"]!, named: "f") == nil)
    #expect(
      reader.diagnostics.map(\.message) == [
        "'d' must be a string; put the value in quotes",
        "'e' must be a string; put the value in quotes",
        "'g' must be a string; put the value in quotes",
      ])
  }

  @Test("a plain value is null, bool, int or float exactly where Yams's default rules say so")
  func plainTagsMatchYams() {
    let samples = [
      "", "~", "null", "Null", "NULL", "nULL", "yes", "Yes", "YES", "yEs", "no", "on", "OFF",
      "true", "False", "y", "n", "0", "12", "-3", "+4", "0x1F", "0o17", "017", "0b101", "1_000",
      "190:20:30", "1.5", "-.5", ".5", "1e5", "1.0e+5", "6.8523015e+5", ".inf", "-.Inf", ".NaN",
      "1.2.3", "12 Monkeys", "-", "+", ".", "..", "-x", "0x", "3rd", "1,000", "Title", "yes!",
    ]
    for sample in samples {
      var expected = Resolver.default.resolveTag(of: Node(sample))
      if [.timestamp, .merge, .value].contains(expected) { expected = .str }
      #expect(YAMLReader.plainTag(of: sample) == expected, "\(sample)")
    }
  }
}
