// An Aho–Corasick DFA over byte classes of the (lowercase-)folded text.
//
// Why a DFA: one table load per byte whatever the number of patterns, which keeps the
// scan cost flat from 10 to 10,000 aliases. Byte classes (only bytes that occur in some
// pattern get their own column) keep rows short, and states that differ from another
// state's row in at most one class share that row (see `table`), so the part of the
// automaton that prose keeps touching stays small enough for the L1/L2 caches.

/// A pattern after folding, as the scanner needs it.
struct CompiledPattern: Sendable {
  /// Index into the caller's pattern array.
  var index: Int
  /// Length of the lowercase-folded pattern in bytes.
  var foldedLength: Int
  var matchCase: Bool
  /// What the first and last characters need around the match (`TermAutomaton`'s flags).
  var edgeFlags: UInt8
  /// Case-preserving fold, compared against the source for `matchCase` patterns.
  var exactFold: [UInt8]
}

struct TermAutomaton: Sendable {
  /// Number of byte classes (columns per state).
  let stride: Int
  /// A state is packed into one Int as `record << recordShift | expected << expectedShift
  /// | rowBase`. On class `expected` the next state is `table[record]` (the first part of
  /// the table holds one child per state); on any other class c it is
  /// `table[rowBase + c]` (dense rows follow). Keeping `expected` in the state itself lets
  /// the scanner pick the slot before any load, so each byte costs one load.
  let table: [Int]
  let initialState: Int
  static let rowBaseBits = 28
  static let expectedShift = rowBaseBits
  static let expectedMask = 0x1FF
  static let recordShift = expectedShift + 9
  /// `expected` value of states without a single-child shortcut; never a real class.
  static let noExpectedClass = 0x1FF

  /// Folded byte -> class; class 0 is every byte that no pattern contains.
  let byteClass: [Int32]
  /// Raw ASCII source byte -> class of its lowercase fold, plus `asciiWordFlag` for word
  /// characters; -1 for whitespace.
  let asciiInfo: [Int32]
  static let asciiWordFlag: Int32 = 0x1_0000
  let spaceClass: Int32
  let wordStartClass: Int32
  /// Record number of the first state with outputs.
  let firstOutputRecord: Int
  /// Packed states at or above it have outputs.
  let outputThreshold: Int
  /// For output state k (record number minus `firstOutputRecord`): the compiled
  /// patterns ending there are `outputItems[outputStart[k]..<outputStart[k+1]]` (all of
  /// one folded text, so they share `outputLength[k]` and `outputFlags[k]`); shorter
  /// patterns ending at the same place follow from `dictionaryLink[k]`.
  let outputStart: [Int32]
  let outputItems: [Int32]
  let outputLength: [Int]
  let outputFlags: [UInt8]
  /// The first character is a word character of a spaced script: the character before the
  /// match must not be one.
  static let startsWithWordFlag: UInt8 = 1
  /// The last character is a word character of a spaced script: the match needs a boundary
  /// after it (or a suffix, or Korean particles, then a boundary).
  static let endsWithWordFlag: UInt8 = 2
  /// The first/last character belongs to a script written without spaces: no boundary, but
  /// the match may not cut a user-perceived character (a Thai vowel sign, a combining mark).
  static let startsUnspacedFlag: UInt8 = 4
  static let endsUnspacedFlag: UInt8 = 8
  /// The last character is a Hangul syllable: Korean particles may follow.
  static let endsWithHangulFlag: UInt8 = 16

  static func edgeFlags(first: UInt32?, last: UInt32?) -> UInt8 {
    var flags: UInt8 = 0
    if let first {
      switch Scripts.wordKind(first) {
      case .spaced: flags |= startsWithWordFlag
      case .unspaced: flags |= startsUnspacedFlag
      case .none: break
      }
    }
    if let last {
      switch Scripts.wordKind(last) {
      case .spaced: flags |= endsWithWordFlag
      case .unspaced: flags |= endsUnspacedFlag
      case .none: break
      }
      if Scripts.isHangulSyllable(last) { flags |= endsWithHangulFlag }
    }
    return flags
  }
  let dictionaryLink: [Int]
  /// Per compiled pattern.
  let patternIndex: [Int]
  let patternMatchCase: [Bool]
  let exactFolds: [[UInt8]]
  let maxFoldedLength: Int

  var isEmpty: Bool { patternIndex.isEmpty }

  init(patterns input: [TermPattern]) {
    var compiled: [CompiledPattern] = []
    var foldedTexts: [[UInt8]] = []
    for (index, pattern) in input.enumerated() {
      var utf8 = Array(pattern.text.utf8)
      let (lower, exact) = utf8.withUnsafeMutableBufferPointer { raw -> ([UInt8], [UInt8]) in
        let p = UnsafeBufferPointer(raw)
        return (
          TextFolding.fold(p, range: 0..<p.count, caseInsensitive: true),
          TextFolding.fold(p, range: 0..<p.count, caseInsensitive: false)
        )
      }
      let lowerTrimmed = Self.trimSpaces(lower)
      let exactTrimmed = Self.trimSpaces(exact)
      guard !lowerTrimmed.isEmpty else { continue }
      let edges = pattern.text.unicodeScalars.filter {
        !TextFolding.isWhitespace($0.value) && !ScriptFolding.isDropped($0.value)
      }
      compiled.append(
        CompiledPattern(
          index: index,
          foldedLength: lowerTrimmed.count,
          matchCase: pattern.matchCase,
          edgeFlags: Self.edgeFlags(first: edges.first?.value, last: edges.last?.value),
          exactFold: exactTrimmed
        ))
      foldedTexts.append(lowerTrimmed)
    }

    // Byte classes, numbered with the bytes prose uses most first, so the entries a row
    // is usually read at share its first cache line.
    var classOf = [Int32](repeating: 0, count: 256)
    var used = [Bool](repeating: false, count: 256)
    for text in foldedTexts { for b in text { used[Int(b)] = true } }
    var classCount: Int32 = 1
    let frequentFirst =
      [TextFolding.space, TextFolding.wordStart] + Array("etaoinsrhldcumfpgwybvkxjqz".utf8)
    for b in frequentFirst + (0...255).map(UInt8.init) where used[Int(b)] && classOf[Int(b)] == 0 {
      classOf[Int(b)] = classCount
      classCount += 1
    }
    let stride = Int(classCount)

    // Trie with dense rows; -1 marks a missing child. The node budget keeps row offsets
    // and record numbers within their bit fields (millions of nodes: far beyond any
    // glossary, whose tables would exhaust memory first).
    let maxNodes = min((1 << Self.rowBaseBits) / (stride + 1), Int(Int32.max) / stride) - 1
    var goto = [Int32](repeating: -1, count: stride)
    var nodeOutputs: [[Int32]] = [[]]
    // Spaces on the path to each node: which word of its patterns a state is in.
    var wordIndex: [Int32] = [0]
    var kept: [CompiledPattern] = []
    for (k, text) in foldedTexts.enumerated() {
      guard nodeOutputs.count + text.count <= maxNodes else { continue }
      var node = 0
      for b in text {
        let slot = node * stride + Int(classOf[Int(b)])
        if goto[slot] < 0 {
          goto[slot] = Int32(nodeOutputs.count)
          nodeOutputs.append([])
          wordIndex.append(wordIndex[node] + (b == TextFolding.space ? 1 : 0))
          goto.append(contentsOf: repeatElement(-1, count: stride))
        }
        node = Int(goto[slot])
      }
      // Patterns with one folded text always match the same ranges, so only the first
      // case-insensitive one can win a tie, and exact-case ones only if they come before
      // it (and differ from each other).
      let outputs = nodeOutputs[node]
      let pattern = compiled[k]
      let shadowed = outputs.contains { id in
        let earlier = kept[Int(id)]
        return !earlier.matchCase || (pattern.matchCase && earlier.exactFold == pattern.exactFold)
      }
      if !shadowed {
        nodeOutputs[node].append(Int32(kept.count))
        kept.append(pattern)
      }
    }
    let nodeCount = nodeOutputs.count

    // Trie shape, read before the rows are filled in.
    var childCount = [Int32](repeating: 0, count: nodeCount)
    var onlyChildClass = [Int](repeating: -1, count: nodeCount)
    for u in 0..<nodeCount {
      for c in 0..<stride where goto[u * stride + c] >= 0 {
        childCount[u] += 1
        onlyChildClass[u] = c
      }
    }
    var preorder: [Int32] = []
    preorder.reserveCapacity(nodeCount)
    var stack: [Int32] = [0]
    while let u = stack.popLast() {
      preorder.append(u)
      for c in (0..<stride).reversed() {
        let v = goto[Int(u) * stride + c]
        if v >= 0 { stack.append(v) }
      }
    }

    // Breadth-first failure links, filling in missing transitions from the failure state.
    var fail = [Int32](repeating: 0, count: nodeCount)
    var dictLink = [Int32](repeating: -1, count: nodeCount)
    var order: [Int32] = [0]
    order.reserveCapacity(nodeCount)
    for c in 0..<stride {
      let v = goto[c]
      if v < 0 {
        goto[c] = 0
      } else {
        order.append(v)
      }
    }
    var head = 1
    while head < order.count {
      let u = Int(order[head])
      head += 1
      let fu = Int(fail[u])
      for c in 0..<stride {
        let slot = u * stride + c
        let v = goto[slot]
        let viaFail = goto[fu * stride + c]
        if v < 0 {
          goto[slot] = viaFail
        } else {
          fail[Int(v)] = viaFail
          let f = Int(viaFail)
          dictLink[Int(v)] = nodeOutputs[f].isEmpty ? dictLink[f] : viaFail
          order.append(v)
        }
      }
    }

    // Compact states. Most states are chains inside a word whose failure state is the
    // root: they differ from another state's row in at most one class. Such a state is
    // stored as (expected class, child) plus the row of an "owner" state for every other
    // class, and only owners keep a dense row. δ(u, c) = c == expected[u] ? child[u] :
    // δ(owner[u], c). Failure states come first in breadth-first order, so their records
    // are ready when a state copies them.
    var expected = [Int](repeating: -1, count: nodeCount)
    var recordChild = [Int32](repeating: 0, count: nodeCount)
    var owner = [Int32](repeating: 0, count: nodeCount)
    var ownsRow = [Bool](repeating: false, count: nodeCount)
    ownsRow[0] = true
    for u32 in order.dropFirst() {
      let u = Int(u32)
      let f = Int(fail[u])
      if childCount[u] >= 2 {
        ownsRow[u] = true
        owner[u] = u32
      } else if childCount[u] == 0 {
        // δ(u, ·) = δ(f, ·) exactly.
        expected[u] = expected[f]
        recordChild[u] = recordChild[f]
        owner[u] = owner[f]
      } else if expected[f] < 0 || expected[f] == onlyChildClass[u] {
        // For every class but u's own child, δ(u, c) = δ(f, c) = δ(owner[f], c).
        expected[u] = onlyChildClass[u]
        recordChild[u] = goto[u * stride + onlyChildClass[u]]
        owner[u] = owner[f]
      } else {
        ownsRow[u] = true
        owner[u] = u32
      }
    }

    // Numbering, to keep what prose touches most in few cache lines. Every word of the
    // text walks states in the first word of some patterns, and only a word that
    // continues a term reaches the states of later words, so states are grouped by word
    // (first words first). Records within a group: trie preorder, so a word's chain of
    // states is contiguous. Rows within a group: breadth-first, shallow rows together.
    // States with outputs come after all others, so one comparison tells whether to look
    // for matches.
    var hasOutput = [Bool](repeating: false, count: nodeCount)
    for u in 0..<nodeCount { hasOutput[u] = !nodeOutputs[u].isEmpty || dictLink[u] >= 0 }
    func byWord(_ nodes: [Int32]) -> [Int32] {
      nodes.enumerated().sorted { x, y in
        let (wx, wy) = (wordIndex[Int(x.element)], wordIndex[Int(y.element)])
        return wx != wy ? wx < wy : x.offset < y.offset
      }.map(\.element)
    }
    let recordOrder = byWord(preorder)
    var recordID = [Int](repeating: 0, count: nodeCount)
    var numbered: [Int32] = []
    numbered.reserveCapacity(nodeCount)
    for u in recordOrder where !hasOutput[Int(u)] {
      recordID[Int(u)] = numbered.count
      numbered.append(u)
    }
    let firstOutput = numbered.count
    for u in recordOrder where hasOutput[Int(u)] {
      recordID[Int(u)] = numbered.count
      numbered.append(u)
    }
    var rowID = [Int](repeating: 0, count: nodeCount)
    var rowOwners: [Int32] = []
    for u in byWord(order) where ownsRow[Int(u)] {
      rowID[Int(u)] = rowOwners.count
      rowOwners.append(u)
    }
    func packed(_ u: Int) -> Int {
      let e = expected[u] < 0 ? Self.noExpectedClass : expected[u]
      return recordID[u] << Self.recordShift | e << Self.expectedShift
        | (nodeCount + rowID[Int(owner[u])] * stride)
    }
    var table = [Int](repeating: 0, count: nodeCount + rowOwners.count * stride)
    for (k, u) in rowOwners.enumerated() {
      for c in 0..<stride {
        table[nodeCount + k * stride + c] = packed(Int(goto[Int(u) * stride + c]))
      }
    }
    var outputStart: [Int32] = [0]
    var outputItems: [Int32] = []
    var outputLength: [Int] = []
    var outputFlags: [UInt8] = []
    var outputLinks: [Int] = []
    for (k, u32) in numbered.enumerated() {
      let u = Int(u32)
      if expected[u] >= 0 { table[k] = packed(Int(recordChild[u])) }
      if k >= firstOutput {
        let items = nodeOutputs[u]
        outputItems.append(contentsOf: items)
        outputStart.append(Int32(outputItems.count))
        let first = items.first.map { kept[Int($0)] }
        outputLength.append(first?.foldedLength ?? 0)
        outputFlags.append(first?.edgeFlags ?? 0)
        let link = dictLink[u]
        outputLinks.append(link < 0 ? -1 : recordID[Int(link)] - firstOutput)
      }
    }

    var asciiInfo = [Int32](repeating: 0, count: 128)
    for b in 0..<128 {
      let byte = UInt8(b)
      if TextFolding.isASCIIWhitespace(byte) {
        asciiInfo[b] = -1
      } else {
        asciiInfo[b] =
          classOf[Int(TextFolding.asciiLower[b])]
          | (TextFolding.isASCIIWord(byte) ? Self.asciiWordFlag : 0)
      }
    }

    self.stride = stride
    self.table = table
    self.initialState = packed(0)
    self.byteClass = classOf
    self.asciiInfo = asciiInfo
    self.spaceClass = classOf[Int(TextFolding.space)]
    self.wordStartClass = classOf[Int(TextFolding.wordStart)]
    self.firstOutputRecord = firstOutput
    self.outputThreshold = firstOutput << Self.recordShift
    self.outputStart = outputStart
    self.outputItems = outputItems
    self.outputLength = outputLength
    self.outputFlags = outputFlags
    self.dictionaryLink = outputLinks
    self.patternIndex = kept.map(\.index)
    self.patternMatchCase = kept.map(\.matchCase)
    self.exactFolds = kept.map(\.exactFold)
    self.maxFoldedLength = kept.map(\.foldedLength).max() ?? 0
  }

  private static func trimSpaces(_ bytes: [UInt8]) -> [UInt8] {
    var lo = 0
    var hi = bytes.count
    while lo < hi && bytes[lo] == TextFolding.space { lo += 1 }
    while hi > lo && bytes[hi - 1] == TextFolding.space { hi -= 1 }
    return Array(bytes[lo..<hi])
  }
}
