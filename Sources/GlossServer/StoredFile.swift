import Foundation
import Gloss
import NIOCore

/// What `LiveSite` keeps of a file between requests: its type and validators, and where its
/// bytes (as served: HTML with the live-reload script) are.
struct StoredFile: Sendable {
  enum Bytes: Sendable {
    /// A copy in the private folder of `ServedFileStore`.
    case disk(String)
    /// Kept in memory: the copy could not be written.
    case memory(ByteBuffer)
  }

  var bytes: Bytes
  var count: Int
  var contentType: String
  var eTag: String
  /// Whole seconds since 1970: HTTP dates have no finer grain.
  var lastModified: Int

  /// The copy in the private folder, if the bytes are there.
  var copy: String? {
    if case .disk(let path) = bytes { path } else { nil }
  }

  init(path: String, bytes: [UInt8], modified: Int, store: ServedFileStore) {
    let isHTML = path.hasSuffix(".html") || path.hasSuffix(".htm")
    let served = isHTML ? LiveReload.inject(into: bytes) : bytes
    self.bytes = store.write(served).map(Bytes.disk) ?? .memory(ByteBuffer(bytes: served))
    self.count = served.count
    self.contentType = MediaType.forPath(path)
    self.eTag = ServedFile.eTag(served)
    self.lastModified = modified
  }

  /// A build's files made ready to serve, on every core: a first build is thousands of files
  /// to inject, hash and write.
  static func prepare(_ files: [OutputFile], modified: Int, in store: ServedFileStore)
    -> [(String, StoredFile)]
  {
    guard !files.isEmpty else { return [] }
    let chunks = min(files.count, ProcessInfo.processInfo.activeProcessorCount * 4)
    var results = [[(String, StoredFile)]](repeating: [], count: chunks)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      // In order: the reload event lists the paths as the build sorted them.
      let range = (files.count * chunk / chunks)..<(files.count * (chunk + 1) / chunks)
      let prepared = range.map { index in
        (
          files[index].path,
          StoredFile(
            path: files[index].path, bytes: files[index].bytes, modified: modified, store: store)
        )
      }
      lock.withLock { results[chunk] = prepared }
    }
    return results.flatMap { $0 }
  }
}
