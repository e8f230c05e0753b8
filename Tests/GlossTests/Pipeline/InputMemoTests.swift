import Foundation
import Testing

@testable import Gloss

/// A memo keeps a value while the inputs it was made from are the same; a one-shot build's memo
/// keeps nothing, since no rebuild follows to reuse it.
@Suite("Values kept by their inputs")
struct InputMemoTests {
  /// Counts how often a value is made.
  final class Counter: @unchecked Sendable {
    var made = 0
  }

  @Test("a retaining memo makes a value once per inputs and again when they change")
  func retainingMemo() {
    let memo = InputMemo<Int, String>()
    let counter = Counter()
    func value(_ key: Int) -> String {
      memo.value("a", key: key) {
        counter.made += 1
        return "made from \(key)"
      }
    }
    #expect(value(1) == "made from 1")
    #expect(value(1) == "made from 1")
    #expect(counter.made == 1)
    #expect(value(2) == "made from 2")
    #expect(counter.made == 2)
    #expect(memo.made == 2)
  }

  @Test("a memo that does not retain makes the value every time and keeps none")
  func nonRetainingMemo() {
    let memo = InputMemo<Int, String>(retains: false)
    let counter = Counter()
    for _ in 0..<3 {
      let made = memo.value("a", key: 1) {
        counter.made += 1
        return "made"
      }
      #expect(made == "made")
    }
    #expect(counter.made == 3)
    #expect(memo.made == 3)
  }

  @Test("values of names the site no longer has are let go; the others are kept")
  func keepOnly() {
    let memo = InputMemo<Int, String>()
    let counter = Counter()
    func value(_ name: String) -> String {
      memo.value(name, key: 1) {
        counter.made += 1
        return name
      }
    }
    _ = value("a")
    _ = value("gone")
    memo.keep(only: ["a"])
    _ = value("a")
    #expect(counter.made == 2)
    _ = value("gone")
    #expect(counter.made == 3)
  }
}
