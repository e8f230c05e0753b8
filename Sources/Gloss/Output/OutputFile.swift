import Foundation

/// One file of the generated site, path relative to the output root.
public struct OutputFile: Sendable, Hashable {
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  public init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  init(route: Route, bytes: [UInt8]) {
    self.init(path: route.path, bytes: bytes)
  }

  init(route: Route, text: String) {
    self.init(path: route.path, bytes: Array(text.utf8))
  }
}
