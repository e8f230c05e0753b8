/// Fills the placeholders of a string the build writes itself (`{{name}}` in interface strings,
/// `{day}` in date patterns) in one pass over the pattern: a value that happens to contain a
/// placeholder (an article titled "{{count}}") is written as it is, never filled again, so the
/// result does not depend on the order the values come in.
enum Placeholders {
  static func fill(
    _ pattern: String, _ values: [String: String], open: String = "{{", close: String = "}}"
  ) -> String {
    // Read as bytes: this runs for every string of every page, and most hold no placeholder.
    let opening = Array(open.utf8)
    let closing = Array(close.utf8)
    guard let first = opening.first, pattern.utf8.contains(first) else { return pattern }
    let bytes = Array(pattern.utf8)
    func matches(_ marker: [UInt8], at index: Int) -> Bool {
      index + marker.count <= bytes.count
        && bytes[index..<(index + marker.count)].elementsEqual(marker)
    }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 64)
    var index = 0
    while index < bytes.count {
      guard matches(opening, at: index) else {
        result.append(bytes[index])
        index += 1
        continue
      }
      var end = index + opening.count
      while end + closing.count <= bytes.count, !matches(closing, at: end) { end += 1 }
      guard end + closing.count <= bytes.count else {
        result += bytes[index...]
        break
      }
      let name = String(decoding: bytes[(index + opening.count)..<end], as: UTF8.self)
      if let value = values[name] {
        result += value.utf8
      } else {
        result += bytes[index..<(end + closing.count)]
      }
      index = end + closing.count
    }
    return String(decoding: result, as: UTF8.self)
  }
}
