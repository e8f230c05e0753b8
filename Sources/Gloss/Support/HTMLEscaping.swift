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
    // On UTF-8 bytes: the feed escapes every article's whole body, megabytes per build.
    if let escaped = string.utf8.withContiguousStorageIfAvailable({ xml(utf8: $0) }) {
      return escaped
    }
    return Array(string.utf8).withUnsafeBufferPointer { xml(utf8: $0) }
  }

  private static func xml(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + bytes.count / 8)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case 0x26: result += "&amp;".utf8
      case 0x3C: result += "&lt;".utf8
      case 0x3E: result += "&gt;".utf8
      case 0x22: result += "&quot;".utf8
      case 0x27: result += "&apos;".utf8
      case 0x09, 0x0A, 0x0D: result.append(byte)
      case 0..<0x20: continue
      // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters either.
      case 0xEF where index + 1 < bytes.count && bytes[index] == 0xBF && bytes[index + 1] >= 0xBE:
        index += 2
      default: result.append(byte)
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  /// What a template's `{{name}}` writes: `&`, `<`, `>`, `"` and `'` escaped, safe in element
  /// text and in quoted attributes alike. Appended as UTF-8 bytes to a page being rendered.
  static func appendTemplateEscaped(_ string: String, to output: inout [UInt8]) {
    // Runs without a special byte are copied whole: most text has none.
    let done = string.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      var start = 0
      for index in 0..<bytes.count {
        let replacement: StaticString
        switch bytes[index] {
        case 0x26: replacement = "&amp;"
        case 0x3C: replacement = "&lt;"
        case 0x3E: replacement = "&gt;"
        case 0x22: replacement = "&quot;"
        case 0x27: replacement = "&#39;"
        default: continue
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        replacement.withUTF8Buffer { output.append(contentsOf: $0) }
        start = index + 1
      }
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
      return true
    }
    if done == nil {
      appendTemplateEscaped(String(decoding: Array(string.utf8), as: UTF8.self), to: &output)
    }
  }

  private static func escape(_ string: String, quotes: Bool) -> String {
    guard
      string.utf8.contains(where: {
        $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27
      })
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
