/// What the link check needs of one HTML page: its ids and every link and id reference it
/// writes, read in one pass over its bytes as the page is made. The page itself is not kept:
/// `gloss check` on a site of 10,000 articles would otherwise hold all of it (nearly 1 GB).
struct PageLinks: Sendable {
  /// Every id on the page.
  var ids: Set<String> = []
  /// Ids written more than once, each named once, in page order.
  var duplicateIDs: [String] = []
  /// `href` values, then `src` values, in page order.
  var hrefs: [String] = []
  var sources: [String] = []
  /// Ids named by `aria-describedby`, `aria-labelledby` and `for`, by attribute, in page order.
  var references: [String: [String]] = [:]

  static let referenceAttributes = ["aria-describedby", "aria-labelledby", "for"]

  /// The attributes read, in this order: `id`, `href`, `src`, then `referenceAttributes`.
  enum Attribute: Int {
    case id, href, src, describedBy, labelledBy, labelFor

    /// For a reference attribute, its index in `referenceAttributes`.
    var reference: Int? { rawValue >= 3 ? rawValue - 3 : nil }
  }

  /// The attributes read, as the bytes that follow the space before each: ` name="`.
  private static let markers: [[UInt8]] =
    (["id", "href", "src"] + referenceAttributes).map { Array("\($0)=\"".utf8) }

  /// Whether `byte` is the first letter of an attribute read (`id`, `href`, `src`, `aria-…`,
  /// `for`).
  @inline(__always)
  private static func mayStartMarker(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x69, 0x68, 0x73, 0x61, 0x66: true
    default: false
    }
  }

  init(html bytes: [UInt8]) {
    var reported = Set<String>()
    bytes.withUnsafeBufferPointer { buffer in
      Self.scan(buffer) { attribute, range in
        let value = String(
          decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        switch attribute {
        case .id:
          if !ids.insert(value).inserted, reported.insert(value).inserted {
            duplicateIDs.append(value)
          }
        case .href: hrefs.append(value)
        case .src: sources.append(value)
        default:
          references[Self.referenceAttributes[attribute.reference!], default: []].append(value)
        }
      }
    }
  }

  /// Calls `visit` with each attribute read and the byte range of its value, in page order.
  /// Gloss, cmark and Mustache always write attributes as ` name="value"`. Read as bytes: a
  /// combining mark after `"` would fuse with it into one Character.
  static func scan(
    _ buffer: UnsafeBufferPointer<UInt8>, _ visit: (Attribute, Range<Int>) -> Void
  ) {
    let markers = Self.markers
    let count = buffer.count
    var index = 0
    while index < count {
      // Most spaces are between words of the text: one byte tells them from an attribute.
      guard buffer[index] == 0x20, index + 1 < count, mayStartMarker(buffer[index + 1]) else {
        index += 1
        continue
      }
      let start = index + 1
      var matched: (attribute: Int, length: Int)?
      for (number, marker) in markers.enumerated() where start + marker.count <= count {
        var equal = true
        for (offset, byte) in marker.enumerated() where buffer[start + offset] != byte {
          equal = false
          break
        }
        if equal {
          matched = (number, marker.count)
          break
        }
      }
      guard let (number, length) = matched, let attribute = Attribute(rawValue: number) else {
        index += 1
        continue
      }
      let valueStart = start + length
      var end = valueStart
      while end < count, buffer[end] != 0x22 { end += 1 }
      guard end < count else { break }
      visit(attribute, valueStart..<end)
      index = end
    }
  }
}
