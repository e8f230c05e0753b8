/// Fills the placeholders of a string the build writes itself (`{{name}}` in interface strings,
/// `{day}` in date patterns) in one pass over the pattern: a value that happens to contain a
/// placeholder (an article titled "{{count}}") is written as it is, never filled again, so the
/// result does not depend on the order the values come in.
enum Placeholders {
  static func fill(
    _ pattern: String, _ values: [String: String], open: String = "{{", close: String = "}}"
  ) -> String {
    var result = ""
    var rest = pattern[...]
    while let start = rest.range(of: open) {
      result += rest[..<start.lowerBound]
      guard let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) else {
        rest = rest[start.lowerBound...]
        break
      }
      let name = String(rest[start.upperBound..<end.lowerBound])
      result += values[name] ?? String(rest[start.lowerBound..<end.upperBound])
      rest = rest[end.upperBound...]
    }
    return result + rest
  }
}
