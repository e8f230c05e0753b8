import Foundation

/// Where a build reads and writes, and how paths appear in messages.
public struct BuildPaths: Sendable {
  public var content: URL
  public var theme: URL
  public var output: URL
  public var contentDisplay: String
  public var themeDisplay: String
  public var outputDisplay: String

  public init(
    content: String = "Content", theme: String = "Theme", output: String = "Site",
    relativeTo base: URL? = nil
  ) {
    let base = base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    func resolve(_ path: String) -> URL {
      path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }
    self.content = resolve(content)
    self.theme = resolve(theme)
    self.output = resolve(output)
    self.contentDisplay = content
    self.themeDisplay = theme
    self.outputDisplay = output
  }
}

/// What one build did, for the summary line and for `gloss serve`'s status endpoint.
public struct BuildReport: Sendable {
  public var articles: Int
  public var entries: Int
  public var pagesWritten: Int
  public var filesWritten: Int
  public var milliseconds: Int
  public var diagnostics: [Diagnostic]

  public var summary: String {
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    var line =
      "built \(articles) article\(articles == 1 ? "" : "s"), \(entries) glossary entr\(entries == 1 ? "y" : "ies"): \(pagesWritten) pages written in \(milliseconds) ms"
    if warnings > 0 { line += " (\(warnings) warning\(warnings == 1 ? "" : "s"))" }
    return line
  }
}

/// load → import → parse → link → render → write, with every stage's problems collected and
/// the output left untouched unless everything succeeded.
public struct Builder: Sendable {
  public var paths: BuildPaths
  /// Injected so tests can measure nothing and output never depends on time.
  public var clock: @Sendable () -> UInt64
  /// Called with (articles rendered, articles) as each article finishes, from any thread:
  /// what `gloss build` shows on a terminal (see `ProgressLine`).
  public var progress: (@Sendable (Int, Int) -> Void)?

  public init(
    paths: BuildPaths,
    clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  ) {
    self.paths = paths
    self.clock = clock
  }

  /// Loads and generates without writing: used by `build`, `check` and the server.
  public func generate() throws(BuildFailure) -> (SiteGenerator.Output, Content) {
    try generate(streamingTo: nil)
  }

  /// With `staging`, each file goes there as soon as it is rendered and the output keeps none.
  func generate(streamingTo staging: SiteStaging?) throws(BuildFailure) -> (
    SiteGenerator.Output, Content
  ) {
    let loaded = ContentLoader(directory: paths.content, displayRoot: paths.contentDisplay).load()
    var diagnostics = loaded.diagnostics
    var theme: Theme?
    do {
      theme = try Theme(directory: paths.theme, displayRoot: paths.themeDisplay)
    } catch {
      diagnostics += error.diagnostics
    }
    guard let content = loaded.content, let theme,
      !diagnostics.contains(where: { $0.severity == .error })
    else {
      throw BuildFailure(Diagnostics(diagnostics).sorted)
    }
    var generator = SiteGenerator(content: content, theme: theme)
    generator.progress = progress
    if let staging { generator.sink = { staging.write($0) } }
    var output = try generator.generate()
    output.diagnostics = Diagnostics(diagnostics + output.diagnostics).sorted
    if output.diagnostics.contains(where: { $0.severity == .error }) {
      throw BuildFailure(output.diagnostics)
    }
    return (output, content)
  }

  @discardableResult
  public func build() throws(BuildFailure) -> BuildReport {
    let start = clock()
    let staging = SiteStaging(SiteWriter(output: paths.output, displayPath: paths.outputDisplay))
    let output: SiteGenerator.Output
    let content: Content
    do {
      (output, content) = try generate(streamingTo: staging)
    } catch {
      staging.discard()
      throw error
    }
    try staging.commit()
    return BuildReport(
      articles: content.articles.count, entries: content.glossary.count,
      pagesWritten: staging.pagesWritten, filesWritten: staging.filesWritten,
      milliseconds: Int((clock() - start) / 1_000_000), diagnostics: output.diagnostics)
  }
}
