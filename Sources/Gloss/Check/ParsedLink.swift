import Foundation

/// A link of a generated page, read once however many pages write it: what it points to,
/// relative to the folder of the page that writes it.
enum ParsedLink {
  /// Another scheme or host (`https:`, `mailto:`, `//cdn…`): not a path inside the site.
  case elsewhere
  /// Wrong from any page.
  case broken(String)
  /// The page itself; `fragment` is the id it names (nil: none, or an empty fragment).
  case inPage(fragment: String?)
  /// `climb` folders up from the page's folder, then down `parts`; `folderLink` when the link
  /// ends in `/` (it means the folder's index.html).
  case inSite(climb: Int, parts: [String], folderLink: Bool, fragment: String?)

  init(_ link: String) {
    let decoded = LinkCheck.decodeEntities(link)
    if LinkCheck.hasScheme(decoded) || decoded.hasPrefix("//") {
      self = .elsewhere
      return
    }
    var target = decoded
    var fragment: String?
    if let hash = target.firstIndex(of: "#") {
      fragment = String(target[target.index(after: hash)...])
      target = String(target[..<hash])
    }
    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
    target = Self.removingPercentEncoding(target)
    let id = fragment.flatMap { $0.isEmpty ? nil : Self.removingPercentEncoding($0) }
    if target.isEmpty {
      self = .inPage(fragment: id)
      return
    }
    if target.hasPrefix("/") {
      self = .broken("absolute paths break under file:// and sub-paths; use a relative link")
      return
    }
    // `..` first undoes the link's own folders, then climbs above the page's.
    var climb = 0
    var parts: [String] = []
    for part in target.split(separator: "/", omittingEmptySubsequences: false) {
      switch part {
      case "..":
        if parts.isEmpty { climb += 1 } else { parts.removeLast() }
      case ".", "": continue
      default: parts.append(String(part))
      }
    }
    self = .inSite(climb: climb, parts: parts, folderLink: target.hasSuffix("/"), fragment: id)
  }

  /// Foundation's decoding, which is slow; most links have nothing to decode.
  private static func removingPercentEncoding(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    return text.removingPercentEncoding ?? text
  }
}
