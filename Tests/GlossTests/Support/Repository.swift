import Foundation

/// Where the repository and its test fixtures are, wherever a test file sits.
enum Repository {
  /// This file is Tests/GlossTests/Support/Repository.swift.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let fixtures = root.appendingPathComponent("Tests/Fixtures")
}
