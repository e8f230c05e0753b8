import CBrotliDecoder
import CZlib
import Foundation
import Testing

@testable import Gloss

/// `gloss build --compress`: gzip and Brotli copies beside every text file, for hosts that
/// serve them, the same bytes on every build, and kept in step by rebuilds.
@Suite("Precompressed output: .gz and .br beside each text file, opt-in")
struct CompressionTests {
  static let site =
    minimalSite + entry("quad", term: "Quad") + """

      -- Content/articles/first.md --
      ---
      title: First
      ---
      The Quad met.
      -- Content/articles/second.md --
      ---
      title: Second
      ---
      Another text.
      """

  static func gunzip(_ bytes: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { return nil }
    defer { inflateEnd(&stream) }
    var input = bytes
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var status: Int32 = Z_OK
    input.withUnsafeMutableBufferPointer { source in
      stream.next_in = source.baseAddress
      stream.avail_in = uInt(source.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { target in
          stream.next_out = target.baseAddress
          stream.avail_out = uInt(target.count)
          status = inflate(&stream, Z_NO_FLUSH)
          output += target[..<(target.count - Int(stream.avail_out))]
        }
      } while status == Z_OK
    }
    return status == Z_STREAM_END ? output : nil
  }

  static func unbrotli(_ bytes: [UInt8], size: Int) -> [UInt8]? {
    var decodedSize = size
    var output = [UInt8](repeating: 0, count: max(size, 1))
    let result = bytes.withUnsafeBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        BrotliDecoderDecompress(source.count, source.baseAddress, &decodedSize, target.baseAddress)
      }
    }
    guard result == BROTLI_DECODER_RESULT_SUCCESS else { return nil }
    return Array(output.prefix(decodedSize))
  }

  @Test("every text file has a .gz and a .br that decompress to it; pictures have none")
  func companions() throws {
    let site = try TestSite(Self.site)
    try site.write("Theme/assets/card.png", bytes: [0x89, 0x50, 0x4E, 0x47])
    var paths = site.paths
    paths.compress = true
    try Builder(paths: paths).build()
    let files = site.snapshot()
    let originals = files.keys.filter { !$0.hasSuffix(".gz") && !$0.hasSuffix(".br") }.sorted()
    #expect(originals.contains("index.html") && originals.contains("sitemap.xml"))
    for path in originals {
      let original = files[path] ?? []
      guard Precompression.isCompressible(path) else {
        #expect(files[path + ".gz"] == nil && files[path + ".br"] == nil, "\(path)")
        continue
      }
      let gz = try #require(files[path + ".gz"], "\(path) has no .gz")
      let br = try #require(files[path + ".br"], "\(path) has no .br")
      #expect(Self.gunzip(gz) == original, "\(path).gz")
      #expect(Self.unbrotli(br, size: original.count) == original, "\(path).br")
      // gzip's header names no file and no time: FLG 0, MTIME 0.
      #expect(Array(gz[3...7]) == [0, 0, 0, 0, 0], "\(path).gz")
    }
    #expect(files["assets/card.png.gz"] == nil)
    // The same input, the same bytes.
    let first = files
    try Builder(paths: paths).build()
    #expect(site.snapshot() == first)
    // Off by default.
    try site.build()
    #expect(!site.snapshot().keys.contains { $0.hasSuffix(".gz") || $0.hasSuffix(".br") })
  }

  @Test("watch: an edited page's copies are made again; a removed article's copies go with it")
  func rebuilds() throws {
    let site = try TestSite(Self.site)
    var paths = site.paths
    paths.compress = true
    let pipeline = SitePipeline(paths: paths)
    #expect(pipeline.rebuild().succeeded)
    try site.edit(
      "Content/articles/first.md", replacing: "The Quad met.", with: "The Quad met again.")
    var outcome = pipeline.rebuild(.paths([site.absolute("Content/articles/first.md")]))
    let written = Dictionary(uniqueKeysWithValues: outcome.written.map { ($0.path, $0.bytes) })
    let page = try #require(written["articles/first/index.html"])
    #expect(String(decoding: page, as: UTF8.self).contains("again"))
    #expect(Self.gunzip(written["articles/first/index.html.gz"] ?? []) == page)
    #expect(Self.unbrotli(written["articles/first/index.html.br"] ?? [], size: page.count) == page)
    try site.remove("Content/articles/second.md")
    outcome = pipeline.rebuild(.paths([site.absolute("Content/articles/second.md")]))
    // The page and its search fragment, each with its copies.
    #expect(
      outcome.removed == [
        "articles/second/index.html", "articles/second/index.html.br",
        "articles/second/index.html.gz", "search/d/1.js", "search/d/1.js.br", "search/d/1.js.gz",
      ])
  }

  @Test("gloss build --compress writes the copies; gloss build alone does not")
  func commandLine() throws {
    let site = try TestSite(Self.site)
    var run = try GlossExecutable.run(["build", "--compress"], in: site.root)
    #expect(run.status == 0)
    #expect(site.exists("Site/index.html.gz") && site.exists("Site/index.html.br"))
    run = try GlossExecutable.run(["build"], in: site.root)
    #expect(run.status == 0)
    #expect(!site.exists("Site/index.html.gz"))
  }
}
