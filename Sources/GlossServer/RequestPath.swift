import Foundation

/// Maps a request's raw path to a file of the generated site, refusing every way of naming
/// something outside it. The site is held in memory, so there is no disk path to escape to;
/// the checks still run first, so that a hostile path is refused outright instead of being
/// looked up: `..` and `.` segments (raw or percent-encoded), double encoding (a `%` left
/// after decoding once), backslashes, NUL and other control characters, invalid UTF-8, and
/// targets that are not absolute paths.
public enum RequestPath {
  public enum Resolution: Equatable, Sendable {
    /// A file of the site, e.g. `articles/x/index.html`.
    case file(String)
    /// A directory named without its trailing slash: redirect so relative links resolve.
    case redirect(location: String)
    case notFound
    case badRequest
  }

  /// The decoded, checked segments of `raw` (the path of the request target, query removed);
  /// nil when the path must be refused. Empty segments (`//`) are dropped.
  public static func segments(_ raw: String) -> [String]? {
    guard raw.hasPrefix("/") else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.utf8.count)
    var iterator = raw.utf8.makeIterator()
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "%") {
        guard let high = iterator.next().flatMap(hexValue),
          let low = iterator.next().flatMap(hexValue)
        else {
          return nil
        }
        bytes.append(high << 4 | low)
      } else {
        bytes.append(byte)
      }
    }
    // Control characters (NUL included), DEL, backslashes (a separator on Windows), and a
    // `%` that survived one decoding: none occurs in a generated site's paths.
    if bytes.contains(where: {
      $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "%")
    }) {
      return nil
    }
    let decoded = String(decoding: bytes, as: UTF8.self)
    // Invalid UTF-8 would have been repaired with U+FFFD: refuse it instead.
    guard decoded.utf8.elementsEqual(bytes) else { return nil }
    let segments = decoded.split(separator: "/").map(String.init)
    if segments.contains(where: { $0 == "." || $0 == ".." }) { return nil }
    return segments
  }

  /// Resolves `raw` against the files `exists` knows, the way a static server does:
  /// `/` and `dir/` serve `index.html`, `dir` redirects to `dir/`.
  public static func resolve(_ raw: String, query: String? = nil, exists: (String) -> Bool)
    -> Resolution
  {
    guard let segments = segments(raw) else { return .badRequest }
    // Hidden names are never part of a site (themes skip them too).
    if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
    let joined = segments.joined(separator: "/")
    if segments.isEmpty || raw.hasSuffix("/") {
      let index = joined.isEmpty ? "index.html" : joined + "/index.html"
      return exists(index) ? .file(index) : .notFound
    }
    if exists(joined) { return .file(joined) }
    if exists(joined + "/index.html") {
      var location = "/" + segments.map(encode).joined(separator: "/") + "/"
      if let query, !query.isEmpty { location += "?" + query.filter { !$0.isNewline } }
      return .redirect(location: location)
    }
    return .notFound
  }

  private static let segmentAllowed: CharacterSet = {
    var set = CharacterSet.urlPathAllowed
    set.remove(charactersIn: "/?#%;")
    return set
  }()

  private static func encode(_ segment: String) -> String {
    segment.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? segment
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
