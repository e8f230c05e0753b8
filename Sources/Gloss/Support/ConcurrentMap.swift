import Foundation

/// `map` over both cores, keeping the input order in the output.
enum ConcurrentMap {
  static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    var results = [R?](repeating: nil, count: items.count)
    let lock = NSLock()
    results.withUnsafeMutableBufferPointer { buffer in
      let base = buffer
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        let value = transform(items[index])
        lock.lock()
        base[index] = value
        lock.unlock()
      }
    }
    return results.compactMap { $0 }
  }
}
