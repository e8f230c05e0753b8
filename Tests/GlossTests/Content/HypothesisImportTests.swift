import Foundation
import Testing

@testable import Gloss

@Suite("Importing Hypothesis annotations")
struct HypothesisImportTests {
  static let export = """
    {"total": 3, "annotations": [
      {"id": "AbC123", "text": "Worth a **source**.", "tags": ["fact-check", "study"],
       "target": [{"source": "https://example.org/essay", "selector": [
         {"type": "RangeSelector", "startContainer": "/p[1]"},
         {"type": "TextQuoteSelector", "exact": "met in 2021", "prefix": "The Quad ", "suffix": ". It"}]}]},
      {"id": "page-note", "text": "A page note has no quote.", "target": [{"source": "https://example.org/essay"}]},
      {"id": "q2", "text": "Line one\\nline \\"two\\": yes", "tags": [],
       "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "It's a \\"forum\\""}]}]}
    ]}
    """

  @Test("quotes, prefixes, suffixes, text and a kind tag become notes; page notes are skipped")
  func converts() throws {
    let result = try HypothesisImport.merge(
      json: Data(Self.export.utf8), displayPath: "export.json", into: "", existingPath: "notes.yml")
    #expect(result.added == 2)
    let reader = YAMLReader(path: "notes.yml")
    let notes = AnnotationLoader(directory: URL(fileURLWithPath: "/"), displayRoot: "").parse(
      result.yaml, reader: reader, path: "notes.yml")
    #expect(reader.diagnostics.isEmpty)
    #expect(notes.map(\.id) == ["h-abc123", "h-q2"])
    #expect(notes[0].quote == "met in 2021")
    #expect(notes[0].prefix == "The Quad ")
    #expect(notes[0].suffix == ". It")
    #expect(notes[0].kind == .factCheck)
    #expect(notes[0].note == "Worth a **source**.")
    #expect(notes[1].kind == .context)
    #expect(notes[1].quote == "It's a \"forum\"")
    #expect(notes[1].note == "Line one\nline \"two\": yes")
  }

  @Test("importing the same export twice adds nothing the second time, and keeps what was there")
  func mergesWithoutDuplicates() throws {
    let existing =
      "# Editor's notes\n- id: mine\n  quote: met in 2021\n  kind: context\n  note: Mine.\n"
    let first = try HypothesisImport.merge(
      json: Data(Self.export.utf8), displayPath: "export.json", into: existing,
      existingPath: "notes.yml")
    #expect(first.added == 2)
    #expect(first.yaml.hasPrefix(existing))
    let second = try HypothesisImport.merge(
      json: Data(Self.export.utf8), displayPath: "export.json", into: first.yaml,
      existingPath: "notes.yml")
    #expect(second.added == 0)
    #expect(second.skipped == 2)
    #expect(second.yaml == first.yaml)
  }

  @Test("imported notes anchor in the built article")
  func anchorsAfterImport() throws {
    let site = try TestSite(minimalSite + "\n" + AnnotationTests.article)
    let result = try HypothesisImport.merge(
      json: Data(Self.export.utf8), displayPath: "export.json", into: "", existingPath: "notes.yml")
    try site.write("Content/annotations/essay.yml", result.yaml)
    try site.build()
    let html = try site.read("Site/articles/essay/index.html")
    #expect(html.contains(#"<mark class="annotated" data-note="1">met in 2021</mark>"#))
    #expect(html.contains(#"<mark class="annotated" data-note="2">It’s a “forum”</mark>"#))
  }

  @Test("a file that is not JSON is a clear error")
  func notJSON() {
    #expect(throws: BuildFailure.self) {
      try HypothesisImport.merge(
        json: Data("nope".utf8), displayPath: "x.json", into: "", existingPath: "n.yml")
    }
  }
}
