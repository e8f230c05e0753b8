import Foundation

/// Where a build reads and writes, how paths appear in messages, and where the site is
/// published when the command line says so.
public struct BuildPaths: Sendable {
  public var content: URL
  public var theme: URL
  public var output: URL
  public var contentDisplay: String
  public var themeDisplay: String
  public var outputDisplay: String
  /// The address to publish under instead of site.yml's `base_url`, for this build only
  /// (`--base-url`: a preview deploy, a sub-path), without editing the content.
  public var baseURL: String?
  /// Whether every text file gets gzip and Brotli copies beside it (`--compress`).
  public var compress = false

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
