/// What a retained site keeps of a file instead of its bytes: enough to tell whether a file
/// made again is the one already published. Two seeded 64-bit hashes and the length: a
/// collision between a file and its next version is not a practical concern.
struct FileDigest: Hashable, Sendable {
  private let count: Int
  private let first: Int
  private let second: Int

  init(_ bytes: [UInt8]) {
    count = bytes.count
    var first = Hasher()
    var second = Hasher()
    second.combine(0x676C_6F73_73)
    bytes.withUnsafeBytes { raw in
      first.combine(bytes: raw)
      second.combine(bytes: raw)
    }
    self.first = first.finalize()
    self.second = second.finalize()
  }
}
