import ArgumentParser
import Foundation
import Gloss

@main
struct GlossCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gloss",
    abstract:
      "Publish a text with its explanations: a static site generator for annotated reading.",
    subcommands: [
      Build.self, Import.self, Render.self, Check.self, Serve.self, Annotations.self,
      ThemeContractCommand.self, Bench.self,
    ])
}

/// `--content/--theme/--output` as every command spells them.
struct SiteOptions: ParsableArguments {
  @Option(help: "Content folder (site.yml, articles/, glossary/, annotations/).")
  var content = "Content"

  @Option(help: "Theme folder (templates/, assets/).")
  var theme = "Theme"

  @Option(
    help: ArgumentHelp(
      "Publish under this address instead of site.yml's base_url, for this run only.",
      valueName: "url"))
  var baseURL: String?

  func validate() throws {
    if let baseURL, !SiteConfig.isValid(baseURL: baseURL) {
      throw ValidationError(
        "--base-url must be an absolute http(s) URL such as https://example.org/readings/, got '\(baseURL)'"
      )
    }
  }

  func paths(output: String = "Site") -> BuildPaths {
    var paths = BuildPaths(content: content, theme: theme, output: output)
    paths.baseURL = baseURL
    return paths
  }
}

enum Console {
  static func printDiagnostics(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { printError(diagnostic.description) }
  }

  static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

struct Build: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build the site into the output folder (replaced only when the build succeeds).")

  @OptionGroup var site: SiteOptions

  @Option(help: "Output folder.")
  var output = "Site"

  @Flag(
    help: "Keep running: rebuild what each change to the content or theme affects (Ctrl-C stops).")
  var watch = false

  @Flag(
    help:
      "Also write a gzip (.gz) and a Brotli (.br) copy beside each text file, for hosts that serve them."
  )
  var compress = false

  func run() async throws {
    var paths = site.paths(output: output)
    paths.compress = compress
    if watch { return try await WatchBuild(paths: paths).run() }
    do {
      var builder = Builder(paths: paths)
      builder.endsProcess = true
      let report = try builder.buildShowingProgress()
      Console.printDiagnostics(report.diagnostics)
      Console.printError(report.summary)
    } catch {
      Console.printDiagnostics(error.diagnostics)
      Console.printError(
        "build failed: \(error.diagnostics.filter { $0.severity == .error }.count) error(s); \(output) was not changed"
      )
      throw ExitCode(1)
    }
  }
}

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Convert a plain-text article to Markdown with front matter (stdout by default).")

  @Argument(help: "The plain-text file.")
  var file: String

  @Option(name: .shortAndLong, help: "Write the Markdown here instead of stdout.")
  var output: String?

  func run() throws {
    let text: String
    switch ArticleSource.readText(file) {
    case .success(let value): text = value
    case .failure(let diagnostic):
      Console.printDiagnostics([diagnostic])
      throw ExitCode(1)
    }
    let article = PlainTextImporter.importText(text)
    guard !article.title.isEmpty else {
      Console.printDiagnostics([.error(file, "article is empty")])
      throw ExitCode(1)
    }
    let markdown = PlainTextImporter.markdownDocument(for: article)
    if let output {
      do {
        try Data(markdown.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
      } catch {
        Console.printDiagnostics([.error(output, "cannot write: \(error.localizedDescription)")])
        throw ExitCode(1)
      }
    } else {
      FileHandle.standardOutput.write(Data(markdown.utf8))
    }
  }
}

struct Render: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print an article's body as an HTML fragment, linked with the content's glossary.")

  @Argument(help: "A .txt or .md article.")
  var file: String

  @Option(help: "Content folder whose glossary and site.yml apply.")
  var content = "Content"

  func run() throws {
    do {
      let html = try ArticleSource.renderFragment(file: file, content: content)
      FileHandle.standardOutput.write(Data(html.utf8))
    } catch {
      Console.printDiagnostics(error.diagnostics)
      throw ExitCode(1)
    }
  }
}

struct Check: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build in memory and report problems without writing anything.")

  @OptionGroup var site: SiteOptions

  @Flag(help: "Also list every external URL in the content, as notes (they are never fetched).")
  var listExternal = false

  func run() async throws {
    do {
      let report = try SiteCheck(paths: site.paths(), listExternal: listExternal).run()
      Console.printDiagnostics(report)
      Console.printError(SiteCheck.summary(report))
      if report.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    } catch let failure as BuildFailure {
      Console.printDiagnostics(failure.diagnostics)
      throw ExitCode(1)
    }
  }
}

struct ThemeContractCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "theme-contract",
    abstract: "Print what each page template may name, from the page models (docs/theme.md).")

  func run() {
    print(ThemeContract.markdown, terminator: "")
  }
}
