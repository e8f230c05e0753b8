import ArgumentParser
import Foundation
import Gloss

struct Annotations: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Work with editor's notes (Content/annotations/<article>.yml).",
    subcommands: [ImportNotes.self])
}

struct ImportNotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Merge annotations exported as Hypothesis JSON (or from study mode) into an article's notes.")

  @Argument(help: "The JSON export.")
  var file: String

  @Option(help: "Slug of the article the notes belong to.")
  var article: String

  @Option(help: "Content folder.")
  var content = "Content"

  func run() throws {
    let contentURL = URL(fileURLWithPath: content)
    let articles = contentURL.appendingPathComponent("articles")
    guard
      ["txt", "md", "markdown"].contains(where: {
        FileManager.default.fileExists(
          atPath: articles.appendingPathComponent("\(article).\($0)").path)
      })
    else {
      Console.printDiagnostics([
        .error("\(content)/articles", "no article '\(article)' (.txt or .md)")
      ])
      throw ExitCode(1)
    }
    guard let json = FileManager.default.contents(atPath: file) else {
      Console.printDiagnostics([.error(file, "cannot read file")])
      throw ExitCode(1)
    }
    let target = contentURL.appendingPathComponent("annotations/\(article).yml")
    let targetDisplay = "\(content)/annotations/\(article).yml"
    let existing = (try? String(contentsOf: target, encoding: .utf8)) ?? ""
    do {
      let result = try HypothesisImport.merge(
        json: json, displayPath: file, into: existing, existingPath: targetDisplay)
      try FileManager.default.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(result.yaml.utf8).write(to: target, options: .atomic)
      Console.printError(
        "\(targetDisplay): \(result.added) note(s) added, \(result.skipped) already present")
    } catch let failure as BuildFailure {
      Console.printDiagnostics(failure.diagnostics)
      throw ExitCode(1)
    }
  }
}
