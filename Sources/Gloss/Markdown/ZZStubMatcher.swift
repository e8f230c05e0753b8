// TEMPORARY stub until the real TermMatcher lands.
public struct TermPattern: Sendable, Hashable {
  public var text: String
  public var entryID: String
  public var matchCase: Bool
  public init(text: String, entryID: String, matchCase: Bool = false) {
    self.text = text
    self.entryID = entryID
    self.matchCase = matchCase
  }
}
public struct TermMatch: Sendable, Hashable {
  public var entryID: String
  public var patternIndex: Int
  public var range: Range<Int>
}
public final class TermMatcher: Sendable {
  let patterns: [TermPattern]
  public init(patterns: [TermPattern]) { self.patterns = patterns }
  public func matches(in utf8: [UInt8]) -> [TermMatch] {
    let text = utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    var result: [TermMatch] = []
    var i = 0
    while i < text.count {
      var best: TermMatch?
      for (index, p) in patterns.enumerated() {
        let bytes = Array(p.text.lowercased().utf8)
        if i + bytes.count <= text.count, Array(text[i..<(i + bytes.count)]) == bytes {
          if best == nil || bytes.count > best!.range.count { best = TermMatch(entryID: p.entryID, patternIndex: index, range: i..<(i + bytes.count)) }
        }
      }
      if let b = best { result.append(b); i = b.range.upperBound } else { i += 1 }
    }
    return result
  }
  public func matches(in text: String) -> [TermMatch] { matches(in: Array(text.utf8)) }
}
