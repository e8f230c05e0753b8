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
