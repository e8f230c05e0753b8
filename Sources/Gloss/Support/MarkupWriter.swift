/// HTML or SVG written straight into UTF-8 bytes, with the escaping of `HTMLEscaping`: for
/// markup made in loops (a concept map has hundreds of elements per page), where building a
/// String per attribute was most of the cost.
struct MarkupWriter {
  private(set) var bytes: [UInt8] = []

  init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

  var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Markup as it is.
  mutating func raw(_ markup: StaticString) {
    markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

  /// Element text: `&`, `<`, `>` escaped (`HTMLEscaping.text`).
  mutating func text(_ text: String) { escape(text, quotes: false) }

  /// A double-quoted attribute's value: quotes escaped too (`HTMLEscaping.attribute`).
  mutating func attribute(_ value: String) { escape(value, quotes: true) }

  mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

  /// One decimal, never "-0.0" (`ConceptMap.number`).
  mutating func number(_ value: Double) {
    let tenths = Int((value * 10).rounded())
    if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = abs(tenths)
    int(magnitude / 10)
    if magnitude % 10 != 0 {
      bytes.append(UInt8(ascii: "."))
      bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
    }
  }

  /// Several numbers, one decimal each, with a separator between them: "12.5 3 -4.1".
  mutating func numbers(_ values: Double...) {
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: " ")) }
      number(value)
    }
  }

  private mutating func escape(_ string: String, quotes: Bool) {
    for byte in string.utf8 {
      switch byte {
      case 0x26: raw("&amp;")
      case 0x3C: raw("&lt;")
      case 0x3E: raw("&gt;")
      case 0x22 where quotes: raw("&quot;")
      case 0x27 where quotes: raw("&#39;")
      default: bytes.append(byte)
      }
    }
  }
}
