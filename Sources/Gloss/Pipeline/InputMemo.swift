import Foundation

/// Values made from inputs, kept by name (an article's slug) while their inputs are the same:
/// what lets a rebuild skip work whose result cannot have changed. Safe from any thread.
final class InputMemo<Key: Equatable & Sendable, Value: Sendable>: @unchecked Sendable {
  private var values: [String: (key: Key, value: Value)] = [:]
  private let lock = NSLock()
  /// Whether values are kept at all. A one-shot build makes each value once and has no rebuild
  /// to skip work for: keeping ten thousand concept maps and page models only raised its peak
  /// memory.
  let retains: Bool
  /// How many values were made rather than found (what tests count).
  private(set) var made = 0

  init(retains: Bool = true) {
    self.retains = retains
  }

  /// The value kept under `name` if it was made from `key`; otherwise `make()`, kept.
  func value(_ name: String, key: Key, make: () -> Value) -> Value {
    guard retains else {
      lock.withLock { made += 1 }
      return make()
    }
    lock.lock()
    let cached = values[name]
    lock.unlock()
    if let cached, cached.key == key { return cached.value }
    let value = make()
    lock.lock()
    made += 1
    values[name] = (key, value)
    lock.unlock()
    return value
  }

  /// The values kept under `names` where they were made from the `keys` at the same places;
  /// the others made by `make(index)` on both cores, and kept. One lock for the lookups and one
  /// for the new values, however many there are.
  func values(_ names: [String], keys: [Key], make: (Int) -> Value) -> [Value] {
    var found = [Value?](repeating: nil, count: names.count)
    if retains {
      lock.withLock {
        for index in names.indices {
          if let cached = values[names[index]], cached.key == keys[index] {
            found[index] = cached.value
          }
        }
      }
    }
    let missing = found.indices.filter { found[$0] == nil }
    let fresh = ConcurrentMap.map(missing, make)
    lock.withLock {
      made += missing.count
      if retains {
        for (index, value) in zip(missing, fresh) { values[names[index]] = (keys[index], value) }
      }
    }
    for (index, value) in zip(missing, fresh) { found[index] = value }
    return found.map { $0! }
  }

  /// Lets go of every value whose name is not in `names`: what an article or a page that is
  /// gone was made into (a 6 MB article's page, its pages of mentions) is not held on to.
  func keep(only names: Set<String>) {
    lock.withLock {
      for name in values.keys where !names.contains(name) { values[name] = nil }
    }
  }
}
