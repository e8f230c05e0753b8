import Foundation
import FuzzSupport

@testable import Gloss

/// Content files of every kind (chosen by the first byte): a glossary entry, a Markdown or
/// plain-text article, an annotations file, site.yml. Any bytes load without a crash; a file
/// that yields nothing says why in an error; every position points into the file.
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-fuzz-\(getpid())")

@main
enum Main {
  static func main() { runFuzzer(fuzzFrontMatter) }
}

/// libFuzzer's own main, where the toolchain links it in, calls this.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  fuzzFrontMatter(data, size)
}

func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data, size > 0 else { return 0 }
  let kind = data[0] % 5
  let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
  let lineCount = bytes.filter { $0 == 0x0A || $0 == 0x0D }.count + 1
  try? FileManager.default.createDirectory(
    at: folder.appendingPathComponent("glossary"), withIntermediateDirectories: true)
  let loader = ContentLoader(directory: folder, displayRoot: "Content")
  var diagnostics = Diagnostics()
  var produced = false
  switch kind {
  case 0:
    let url = folder.appendingPathComponent("glossary/entry.md")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    if let entry = loader.loadEntry(url, path: "Content/glossary/entry.md", &diagnostics).entry {
      produced = true
      require(
        !entry.term.isEmpty && !entry.summary.isEmpty,
        "an entry without term or summary was accepted")
      diagnostics.append(contentsOf: GlossaryValidation.validate([entry]))
    }
  case 1, 2:
    let url = folder.appendingPathComponent(
      kind == 1 ? "glossary/article.md" : "glossary/article.txt")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    produced =
      loader.loadArticle(
        url, slug: "article", path: "Content/articles/a", format: kind == 1 ? .markdown : .text,
        &diagnostics)
      != nil
  case 3:
    switch SourceText.decode(bytes, displayPath: "Content/annotations/a.yml") {
    case .failure(let diagnostic): diagnostics.append(diagnostic)
    case .success(let text):
      let reader = YAMLReader(path: "Content/annotations/a.yml")
      let notes = AnnotationLoader(directory: folder, displayRoot: "Content").parse(
        text, reader: reader, path: "Content/annotations/a.yml")
      diagnostics.append(contentsOf: reader.diagnostics)
      produced = !notes.isEmpty
      for note in notes {
        require(!note.quote.isEmpty, "a note with an empty quote was accepted")
      }
    }
  default:
    let url = folder.appendingPathComponent("site.yml")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    let config = loader.loadConfig(&diagnostics).config
    produced = config != nil
    if let config {
      require(config.baseURL.hasPrefix("http"), "base_url \(config.baseURL) accepted")
    }
  }
  if !produced, kind != 3 {
    require(
      diagnostics.hasErrors,
      "kind \(kind): nothing loaded and no error said why: \(diagnostics.all)")
  }
  for diagnostic in diagnostics.all {
    require(
      diagnostic.line >= 0 && diagnostic.line <= lineCount + 1,
      "line out of the file: \(diagnostic)")
    require(diagnostic.column >= 0, "negative column: \(diagnostic)")
    require(!diagnostic.message.isEmpty, "empty message")
  }
  return 0
}
