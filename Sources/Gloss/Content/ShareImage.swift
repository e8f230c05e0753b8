import Foundation
import Yams

/// The picture a shared link shows (`image` and `image_alt` in site.yml or an article's
/// metadata): a file under `Content/static/`, published at the same path, or an absolute
/// http(s) URL. Where it was named is kept: whether the file exists is known only once the
/// static folder is listed, and a missing file is reported at the key.
public struct ShareImage: Sendable, Hashable {
  /// As written, without a leading "/" for a static file.
  public var value: String
  public var alt: String?
  /// Where `image` was written.
  public var path: String
  public var line: Int
  public var column: Int

  public var isRemote: Bool { value.lowercased().hasPrefix("http") }

  /// Reads `image` and `image_alt` from a mapping; a value that cannot name a file or a URL is
  /// reported at its key.
  static func read(_ mapping: Node.Mapping, reader: YAMLReader) -> ShareImage? {
    let alt = reader.string(mapping, "image_alt")
    guard let node = mapping["image"], var value = reader.string(mapping, "image") else {
      if alt != nil {
        reader.warning("'image_alt' without an 'image' is ignored", at: mapping["image_alt"])
      }
      return nil
    }
    let (line, column) = reader.position(of: node)
    if value.lowercased().hasPrefix("http:") || value.lowercased().hasPrefix("https:") {
      guard URLPolicy.isAllowedExternal(value) else {
        reader.error("'image' must be an absolute http(s) URL or a file under static/", at: node)
        return nil
      }
    } else {
      while value.hasPrefix("/") { value.removeFirst() }
      let parts = value.split(separator: "/", omittingEmptySubsequences: false)
      guard !value.isEmpty, !value.contains("\\"), !value.contains(":"),
        !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
      else {
        reader.error(
          "'image' must be a path under static/ such as images/card.png, or an absolute http(s) URL",
          at: node)
        return nil
      }
    }
    return ShareImage(value: value, alt: alt, path: reader.path, line: line, column: column)
  }

  /// The error for an image file that is not there.
  func missing(in staticFolder: String) -> Diagnostic {
    .error(
      path, line: line, column: column,
      "'image' names a file that does not exist: \(staticFolder)/\(value)")
  }
}
