/// When text can be cut at space bytes instead of at `Character(" ")`: much faster, and the
/// same wherever every space is a Character by itself. A space is not when a combining
/// mark, joiner or spacing mark follows it, or a prepended concatenation mark (Arabic
/// number signs and the like) precedes it; those are the only grapheme rules that join a
/// space to a neighbour.
enum Graphemes {
  static func spacesStandAlone(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
      defer { index += 1 }
      guard bytes[index] == 0x20 else { continue }
      if index + 1 < bytes.count, bytes[index + 1] >= 0x80,
        let next = TextFolding.scalar(bytes, startingAt: index + 1).flatMap(Unicode.Scalar.init),
        joined(" ", next)
      {
        return false
      }
      if index > 0, bytes[index - 1] >= 0x80,
        let previous = TextFolding.scalar(bytes, endingAt: index).flatMap(Unicode.Scalar.init),
        joined(previous, " ")
      {
        return false
      }
    }
    return true
  }

  /// Asks the standard library itself, so the answer follows its Unicode version.
  private static func joined(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
    var pair = ""
    pair.unicodeScalars.append(first)
    pair.unicodeScalars.append(second)
    return pair.count == 1
  }
}
