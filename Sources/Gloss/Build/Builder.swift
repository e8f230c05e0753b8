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

/// A whole build: the pipeline run once from an empty cache, with every stage's problems
/// collected and the output left untouched unless everything succeeded.
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

  /// A site made in memory, for `check` and tests.
  public struct Output: Sendable {
    public var files: [OutputFile]
    public var diagnostics: [Diagnostic]
    public var articles: [RenderedArticle]
  }

  /// Loads and generates without writing: used by `check` and the tests.
  public func generate() throws(BuildFailure) -> (Output, Content) {
    let pipeline = SitePipeline(paths: paths, clock: clock)
    pipeline.progress = progress
    let outcome = pipeline.rebuild()
    guard outcome.succeeded, let content = pipeline.content else {
      throw BuildFailure(outcome.report.diagnostics)
    }
    return (
      Output(
        files: pipeline.files, diagnostics: outcome.report.diagnostics,
        articles: pipeline.renderedArticles),
      content
    )
  }

  /// Builds the site into the output folder: each file goes to a staging folder as soon as it
  /// is made, and the staging folder replaces the output in one step when all went well.
  @discardableResult
  public func build() throws(BuildFailure) -> BuildReport {
    let staging = SiteStaging(SiteWriter(output: paths.output, displayPath: paths.outputDisplay))
    let pipeline = SitePipeline(paths: paths, retainsSite: false, clock: clock)
    pipeline.progress = progress
    pipeline.sink = { staging.write($0) }
    let outcome = pipeline.rebuild()
    guard outcome.succeeded else {
      staging.discard()
      throw BuildFailure(outcome.report.diagnostics)
    }
    try staging.commit()
    var report = outcome.report
    report.pagesWritten = staging.pagesWritten
    report.filesWritten = staging.filesWritten
    return report
  }
}
