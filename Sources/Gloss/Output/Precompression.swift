import CBrotli
import CZlib

/// `gloss build --compress`: a gzip and a Brotli copy beside every text file (`index.html.gz`,
/// `index.html.br`), for hosts that serve a file's precompressed copy to browsers that accept it
/// (nginx's `gzip_static` and `brotli_static`, Caddy's `precompressed`). Both are made at their
/// highest settings, once per build, and are byte-deterministic: gzip's header carries no file
/// name and no time, so the same file compresses to the same bytes on every build.
public enum Precompression {
  /// What compresses: text. Pictures and fonts are compressed already.
  static let textExtensions: Set<String> = [
    "html", "css", "js", "mjs", "json", "xml", "txt", "svg", "map", "md", "csv", "webmanifest",
  ]

  /// The copies' extensions, in the order they are written.
  public static let suffixes = [".gz", ".br"]

  public static func isCompressible(_ path: String) -> Bool {
    guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
    return textExtensions.contains(path[path.index(after: dot)...].lowercased())
  }

  /// The paths of a file's compressed copies: none for a file that is not text.
  public static func companionPaths(of path: String) -> [String] {
    isCompressible(path) ? suffixes.map { path + $0 } : []
  }

  /// A text file's compressed copies; none for a file that is not text.
  public static func companions(of file: OutputFile) -> [OutputFile] {
    guard isCompressible(file.path) else { return [] }
    return [
      OutputFile(path: file.path + ".gz", bytes: gzip(file.bytes)),
      OutputFile(path: file.path + ".br", bytes: brotli(file.bytes)),
    ]
  }

  /// RFC 1952 gzip at zlib's best compression, with a header zlib fills with zeros: no name,
  /// no modification time.
  public static func gzip(_ bytes: [UInt8]) -> [UInt8] {
    var stream = z_stream()
    // 15 + 16: the largest window, with a gzip header and trailer instead of zlib's.
    guard
      deflateInit2_(
        &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
        Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { preconditionFailure("zlib could not start") }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
    var input = bytes
    let result = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = uInt(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = uInt(target.count)
        return deflate(&stream, Z_FINISH)
      }
    }
    // deflateBound is an upper bound: one call finishes.
    precondition(result == Z_STREAM_END, "zlib did not finish: \(result)")
    output.removeSubrange(Int(stream.total_out)...)
    return output
  }

  /// Brotli at its highest quality, in text mode.
  public static func brotli(_ bytes: [UInt8]) -> [UInt8] {
    var size = BrotliEncoderMaxCompressedSize(bytes.count)
    if size == 0 { size = bytes.count + 1024 }
    var output = [UInt8](repeating: 0, count: size)
    let ok = bytes.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        BrotliEncoderCompress(
          BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, source.count,
          source.baseAddress, &size, target.baseAddress)
      }
    }
    precondition(ok == BROTLI_TRUE, "Brotli could not compress")
    output.removeSubrange(size...)
    return output
  }
}
