import Foundation

/// A whole build: the pipeline run once from an empty cache, with every stage's problems
/// collected and the output left untouched unless everything succeeded.
public struct Builder: Sendable {
  public var paths: BuildPaths
  /// Injected so tests can measure nothing and output never depends on time.
  public var clock: @Sendable () -> UInt64
  /// Called with (articles rendered, articles) as each article finishes, from any thread:
  /// what `gloss build` shows on a terminal (see `ProgressLine`).
  public var progress: (@Sendable (Int, Int) -> Void)?
  /// Whether the process ends right after `build()`: then what the build made is left for the
  /// system to reclaim at exit instead of being freed object by object (as compilers do with
  /// their ASTs), which is time a one-shot `gloss build` spent after its work was done.
  public var endsProcess = false

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
    if endsProcess { _ = Unmanaged.passRetained(pipeline) }
    var report = outcome.report
    report.pagesWritten = staging.pagesWritten
    report.filesWritten = staging.filesWritten
    return report
  }
}
