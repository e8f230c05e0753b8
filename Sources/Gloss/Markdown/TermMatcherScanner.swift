// The scan loop of the term matcher: folds UTF-8 on the fly and steps the automaton.
// Everything it touches is a plain local or an unsafe pointer so the optimizer keeps the
// automaton state in a register; non-ASCII characters go through an out-of-line path.

extension TermMatcher {
  struct Scanner {
    let table: UnsafePointer<Int>
    let asciiInfo: UnsafePointer<Int32>
    let byteClass: UnsafePointer<Int32>
    let ring: UnsafeMutablePointer<Int>
    let mask: Int
    let spaceClass: Int
    let wordStartClass: Int

    /// One automaton step: the slot is chosen from the state alone (no branch, which
    /// would mispredict at every word end), then one load.
    @inline(__always)
    func step(_ state: Int, _ c: Int) -> Int {
      let expected = (state &>> TermAutomaton.expectedShift) & TermAutomaton.expectedMask
      let rowSlot = (state & (1 << TermAutomaton.rowBaseBits &- 1)) &+ c
      let childSlot = state &>> TermAutomaton.recordShift
      // All ones when expected == c (both are small non-negative numbers), else zero.
      let same = ((expected ^ c) &- 1) &>> 63
      return table[rowSlot ^ ((rowSlot ^ childSlot) & same)]
    }

    @inline(__always)
    func run(
      src: UnsafeBufferPointer<UInt8>, initialState: Int, outputThreshold: Int,
      report: (_ state: Int, _ foldedEnd: Int, _ sourceEnd: Int) -> Void
    ) {
      guard let bytes = src.baseAddress else { return }
      let n = src.count
      let wordFlag = Int(TermAutomaton.asciiWordFlag)
      var state = initialState
      var pos = 0
      var i = 0
      var lastSpace = false
      var previousIsWord = false
      while i < n {
        let b = bytes[i]
        if b < 0x80 {
          let info = Int(asciiInfo[Int(b)])
          if info >= 0 {
            lastSpace = false
            if info >= wordFlag {
              if !previousIsWord {
                ring[pos & mask] = i
                pos &+= 1
                state = step(state, wordStartClass)
                previousIsWord = true
              }
            } else {
              previousIsWord = false
            }
            ring[pos & mask] = i
            pos &+= 1
            state = step(state, info & (wordFlag &- 1))
            i &+= 1
          } else {
            previousIsWord = false
            i &+= 1
            if lastSpace { continue }
            lastSpace = true
            ring[pos & mask] = i &- 1
            pos &+= 1
            state = step(state, spaceClass)
            continue
          }
        } else {
          let after = nonASCII(
            src, i: i, state: state, pos: pos, lastSpace: lastSpace,
            previousIsWord: previousIsWord)
          state = after.state
          pos = after.pos
          i = after.i
          lastSpace = after.lastSpace
          previousIsWord = after.previousIsWord
          if after.skipOutput { continue }
        }
        if state >= outputThreshold { report(state, pos, i) }
      }
    }

    struct After {
      var state: Int
      var pos: Int
      var i: Int
      var lastSpace: Bool
      var previousIsWord: Bool
      var skipOutput: Bool
    }

    /// Folds and feeds one non-ASCII character (or one malformed byte). Out of line and
    /// by value, so the ASCII loop's variables never have to live in memory.
    @inline(never)
    func nonASCII(
      _ src: UnsafeBufferPointer<UInt8>, i: Int, state: Int, pos: Int, lastSpace: Bool,
      previousIsWord: Bool
    ) -> After {
      var state = state
      var pos = pos
      var previousIsWord = previousIsWord
      func feed(_ byte: UInt8, start: Int) {
        ring[pos & mask] = start
        pos &+= 1
        state = step(state, Int(byteClass[Int(byte)]))
      }
      let (value, length) = TextFolding.decode(src, at: i)
      if value == TextFolding.invalidScalar {
        feed(TextFolding.invalidMarker, start: i)
        return After(
          state: state, pos: pos, i: i + 1, lastSpace: false, previousIsWord: false,
          skipOutput: false)
      }
      func wordStart(_ isWord: Bool) {
        if isWord && !previousIsWord {
          ring[pos & mask] = i
          pos &+= 1
          state = step(state, wordStartClass)
        }
        previousIsWord = isWord
      }
      switch TextFolding.fold(nonASCII: value, caseInsensitive: true) {
      case .apostrophe:
        previousIsWord = false
        feed(TextFolding.apostrophe, start: i)
      case .hyphen:
        previousIsWord = false
        feed(TextFolding.hyphen, start: i)
      case .whitespace:
        if !lastSpace {
          ring[pos & mask] = i
          pos &+= 1
          state = step(state, spaceClass)
        }
        return After(
          state: state, pos: pos, i: i + length, lastSpace: true, previousIsWord: false,
          skipOutput: true)
      case .dropped:
        // Invisible to matching: a term reads through tatweel, harakat, variation selectors.
        return After(
          state: state, pos: pos, i: i + length, lastSpace: lastSpace,
          previousIsWord: previousIsWord, skipOutput: true)
      case .verbatim:
        wordStart(TextFolding.isSpacedWord(value))
        for k in 0..<length { feed(src[i + k], start: k == 0 ? i : -1) }
      case .ascii(let byte):
        wordStart(TextFolding.isSpacedWord(value))
        feed(byte, start: i)
      case .mapped(let mapped):
        wordStart(TextFolding.isSpacedWord(value))
        var start = i
        for byte in mapped.utf8 {
          feed(byte, start: start)
          start = -1
        }
      }
      return After(
        state: state, pos: pos, i: i + length, lastSpace: false, previousIsWord: previousIsWord,
        skipOutput: false)
    }
  }
}
