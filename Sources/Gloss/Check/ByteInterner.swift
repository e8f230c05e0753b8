/// Gives each different byte string a number, counting from 0, and keeps each string once, all
/// in one buffer: hundreds of thousands of short strings cost their bytes and a few numbers
/// each, instead of an allocation each that outlives the page it was read from.
///
/// Not thread-safe: its owner locks.
struct ByteInterner {
  private var bytes: [UInt8] = []
  /// String n is `bytes[starts[n]..<starts[n + 1]]`.
  private var starts: [Int] = [0]
  /// Open addressing: string number + 1, or 0 for an empty slot. Never more than half full.
  private var slots = [Int32](repeating: 0, count: 1024)

  var count: Int { starts.count - 1 }

  /// Room for `bytes` bytes in `strings` strings before anything moves.
  mutating func reserve(bytes: Int, strings: Int) {
    self.bytes.reserveCapacity(bytes)
    starts.reserveCapacity(strings + 1)
    var size = slots.count
    while size < strings * 2 { size *= 2 }
    slots = [Int32](repeating: 0, count: size)
  }

  /// The number of `value`, given a new one if it has none.
  mutating func number(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
    let (slot, found) = find(value)
    if let found { return found }
    let new = Int32(count)
    bytes.append(contentsOf: value)
    starts.append(bytes.count)
    slots[slot] = new + 1
    if count * 2 > slots.count { grow() }
    return new
  }

  /// The number of `value`, if it has one.
  func existingNumber(_ value: UnsafeBufferPointer<UInt8>) -> Int32? {
    find(value).found
  }

  func existingNumber(_ value: String) -> Int32? {
    var value = value
    return value.withUTF8 { existingNumber($0) }
  }

  func string(_ number: Int32) -> String {
    String(decoding: bytes[starts[Int(number)]..<starts[Int(number) + 1]], as: UTF8.self)
  }

  private func find(_ value: UnsafeBufferPointer<UInt8>) -> (slot: Int, found: Int32?) {
    let mask = slots.count - 1
    var slot = Self.hash(value) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return (slot, nil) }
      let number = Int(entry - 1)
      let range = starts[number]..<starts[number + 1]
      if range.count == value.count, bytes[range].elementsEqual(value) {
        return (slot, entry - 1)
      }
      slot = (slot + 1) & mask
    }
  }

  private mutating func grow() {
    var larger = [Int32](repeating: 0, count: slots.count * 2)
    let mask = larger.count - 1
    bytes.withUnsafeBufferPointer { all in
      for number in 0..<count {
        let value = UnsafeBufferPointer(rebasing: all[starts[number]..<starts[number + 1]])
        var slot = Self.hash(value) & mask
        while larger[slot] != 0 { slot = (slot + 1) & mask }
        larger[slot] = Int32(number + 1)
      }
    }
    slots = larger
  }

  /// FNV-1a, folded: cheap for the short strings of links and ids.
  private static func hash(_ value: UnsafeBufferPointer<UInt8>) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in value {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }
}
