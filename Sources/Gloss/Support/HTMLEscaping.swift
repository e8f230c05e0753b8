/// Escaping for every context Gloss writes content into. One place, so that no template,
/// feed or JSON writer invents its own.
public enum HTMLEscaping {
  /// Element text.
  public static func text(_ string: String) -> String {
    escape(string, quotes: false)
  }

  /// Attribute values (always written double-quoted).
  public static func attribute(_ string: String) -> String {
    escape(string, quotes: true)
  }

  /// XML text and attributes (the feed and the sitemap): the same five characters, plus no
  /// control characters, which XML 1.0 forbids outright.
  public static func xml(_ string: String) -> String {
    var result = ""
    result.reserveCapacity(string.utf8.count)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func escape(_ string: String, quotes: Bool) -> String {
    guard string.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
    else { return string }
    var result = ""
    result.reserveCapacity(string.utf8.count + 16)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += quotes ? "&quot;" : "\""
      case "'": result += quotes ? "&#39;" : "'"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
