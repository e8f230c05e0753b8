import Foundation
import Testing

@testable import Gloss

/// Runs the real `gloss` executable, built next to the test bundle.
enum GlossExecutable {
  static var url: URL? {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("gloss")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], in directory: URL) throws -> Run {
    let executable = try #require(
      url, "gloss executable not found next to the tests; run `swift build` first")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

@Suite("The gloss command line")
struct CommandLineTests {
  @Test("gloss build prints the summary line and exits 0")
  func build() throws {
    let site = try TestSite(
      minimalSite + "\n-- Content/articles/a.md --\n---\ntitle: A\n---\nThe Quad.\n"
        + entry("quad", term: "Quad"))
    let run = try GlossExecutable.run(["build"], in: site.root)
    #expect(run.status == 0)
    #expect(run.stderr.hasPrefix("built 1 article, 1 glossary entry: 5 pages written in "))
    #expect(site.exists("Site/articles/a/index.html"))
  }

  @Test("content errors go to stderr in compiler form with exit status 1")
  func contentError() throws {
    let site = try TestSite(
      minimalSite + "\n" + entry("quad", term: "Quad", extra: "see_also: [nope]\n"))
    let run = try GlossExecutable.run(["build"], in: site.root)
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "Content/glossary/quad.md:5:12: error: see_also names unknown entry 'nope'\n"))
    #expect(!site.exists("Site"))
  }

  @Test("a usage error is not a content error")
  func usageError() throws {
    let site = try TestSite(minimalSite)
    let run = try GlossExecutable.run(["build", "--no-such-flag"], in: site.root)
    #expect(run.status != 0 && run.status != 1)
  }

  @Test("gloss import prints Markdown with front matter to stdout")
  func importText() throws {
    let site = try TestSite("-- essay.txt --\nThe Title\n\nA. Writer\n\nOne *paragraph* here.\n")
    let run = try GlossExecutable.run(["import", "essay.txt"], in: site.root)
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("---\ntitle: \"The Title\"\n"))
    #expect(run.stdout.contains(#"One \*paragraph\* here."#))
  }

  @Test("gloss render prints the linked body fragment")
  func render() throws {
    let site = try TestSite(
      minimalSite + entry("quad", term: "Quad")
        + "\n-- draft.md --\n---\ntitle: Draft\n---\nThe Quad met.\n")
    let run = try GlossExecutable.run(["render", "draft.md"], in: site.root)
    #expect(run.status == 0)
    #expect(
      run.stdout
        == #"<p id="p-1">The <a class="term" href="../../glossary/quad/index.html" data-term="quad" aria-describedby="tip-quad">Quad</a> met.</p>"#
        + "\n")
  }

  @Test("gloss annotations import merges a Hypothesis export")
  func annotationsImport() throws {
    let site = try TestSite(minimalSite + "\n" + AnnotationTests.article)
    try site.write("export.json", HypothesisImportTests.export)
    let run = try GlossExecutable.run(
      ["annotations", "import", "export.json", "--article", "essay"], in: site.root)
    #expect(run.status == 0)
    #expect(run.stderr == "Content/annotations/essay.yml: 2 note(s) added, 0 already present\n")
    let again = try GlossExecutable.run(
      ["annotations", "import", "export.json", "--article", "essay"], in: site.root)
    #expect(again.stderr == "Content/annotations/essay.yml: 0 note(s) added, 2 already present\n")
  }
}
