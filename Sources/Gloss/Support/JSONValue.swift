import Foundation

/// A JSON value with a fixed way to print it: object keys sorted by their UTF-8 bytes, no
/// whitespace, and every string escaped so that the text is also safe inside an HTML
/// `<script>` element and in older JavaScript parsers. Same value, same bytes, on every platform
/// (Foundation's encoders promise neither key order nor escaping).
indirect enum JSONValue: Sendable, Hashable {
  case string(String)
  case int(Int)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])

  var text: String {
    var output = ""
    write(to: &output)
    return output
  }

  func write(to output: inout String) {
    switch self {
    case .string(let string): Self.writeString(string, to: &output)
    case .int(let number): output += String(number)
    case .bool(let flag): output += flag ? "true" : "false"
    case .array(let items):
      output += "["
      for (index, item) in items.enumerated() {
        if index > 0 { output += "," }
        item.write(to: &output)
      }
      output += "]"
    case .object(let members):
      output += "{"
      for (index, key) in members.keys.sorted(by: {
        Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
      })
      .enumerated() {
        if index > 0 { output += "," }
        Self.writeString(key, to: &output)
        output += ":"
        members[key]?.write(to: &output)
      }
      output += "}"
    }
  }

  /// Works on UTF-8 bytes: appending scalar by scalar dominated writing the index of a large
  /// site. Only ASCII bytes and the three-byte separators are replaced, so the result stays
  /// valid UTF-8.
  static func writeString(_ string: String, to output: inout String) {
    let source = Array(string.utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(source.count + 2)
    bytes.append(0x22)
    var index = 0
    while index < source.count {
      let byte = source[index]
      index += 1
      switch byte {
      case 0x22: bytes.append(contentsOf: #"\""#.utf8)
      case 0x5C: bytes.append(contentsOf: #"\\"#.utf8)
      case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
      case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
      case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
      // `</script>` or `<!--` inside a string must not end or confuse an enclosing script element.
      case 0x3C: bytes.append(contentsOf: #"\u003c"#.utf8)
      case 0x3E: bytes.append(contentsOf: #"\u003e"#.utf8)
      case 0x26: bytes.append(contentsOf: #"\u0026"#.utf8)
      // Line and paragraph separators (E2 80 A8, E2 80 A9) end a line in pre-2019 JavaScript.
      case 0xE2
      where index + 1 < source.count && source[index] == 0x80
        && (source[index + 1] == 0xA8 || source[index + 1] == 0xA9):
        bytes.append(contentsOf: (source[index + 1] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
        index += 2
      case 0..<0x20, 0x7F:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: #"\u00"#.utf8)
        bytes.append(hex[Int(byte >> 4)])
        bytes.append(hex[Int(byte & 0x0F)])
      default:
        bytes.append(byte)
      }
    }
    bytes.append(0x22)
    output += String(decoding: bytes, as: UTF8.self)
  }
}
