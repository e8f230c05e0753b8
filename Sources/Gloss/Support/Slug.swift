import Foundation

/// URL- and id-safe slugs: lowercase ASCII letters, digits and single hyphens.
public enum Slug {
  public static func make(_ text: String) -> String {
    var slug = ""
    var pendingHyphen = false
    for character in text.lowercased() {
      // Letters with diacritics keep their base letter (é → e) so slugs stay readable.
      let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? " "
      if base.isASCII, base.properties.isAlphabetic || ("0"..."9").contains(base) {
        if pendingHyphen, !slug.isEmpty { slug.append("-") }
        pendingHyphen = false
        slug.unicodeScalars.append(base)
      } else {
        pendingHyphen = true
      }
    }
    return slug
  }

  /// Ids are file names and appear unescaped-safe in URLs and HTML ids.
  public static func isValid(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, first != "-" else { return false }
    return id.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
  }
}
