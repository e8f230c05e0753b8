import FuzzSupport

@testable import Gloss

/// Plain-text import: any bytes import without a crash; the Markdown `gloss import` writes loads
/// back with the same title; and what a reader sees of each paragraph is the source text.
@main
enum Main {
  static func main() { runFuzzer(fuzzImport) }
}

/// libFuzzer's own main, where the toolchain links it in, calls this.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  fuzzImport(data, size)
}

func fuzzImport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let text = string(data, size)
  let imported = PlainTextImporter.importText(text)
  let document = PlainTextImporter.markdownDocument(for: imported)
  guard !imported.title.isEmpty else { return 0 }

  // The front matter round trip: YAML quoting must survive any title.
  let frontMatter: FrontMatter?
  do {
    frontMatter = try FrontMatter.split(document)
  } catch {
    require(false, "unclosed front matter for title \(imported.title.debugDescription)")
    return 0
  }
  guard let frontMatter else {
    require(false, "no front matter for title \(imported.title.debugDescription)")
    return 0
  }
  let reader = YAMLReader(path: "x.md", firstLine: frontMatter.yamlFirstLine)
  let mapping = reader.mapping(reader.parse(frontMatter.yaml), what: "front matter")
  require(
    mapping != nil,
    "front matter does not parse: \(reader.diagnostics) in \(frontMatter.yaml.debugDescription)")
  if let mapping {
    let title = reader.string(mapping, "title", required: true)
    require(
      title == imported.title.trimmingCharacters(in: .whitespacesAndNewlines),
      "title \(imported.title.debugDescription) came back as \(String(describing: title).debugDescription)"
    )
  }

  // Escaping: each paragraph renders as the text it came from (whitespace runs aside, which
  // HTML collapses anyway).
  let rendered = MarkdownRenderer(linker: GlossaryLinker(patterns: []), options: .plain).render(
    frontMatter.body)
  func squeeze(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
  }
  let shown = rendered.paragraphs.map { squeeze($0.text) }.filter { !$0.isEmpty }
  let source = imported.paragraphs.map(squeeze).filter { !$0.isEmpty }
  require(
    shown == source,
    "paragraphs \(source) render as \(shown); body \(frontMatter.body.debugDescription)")
  return 0
}
