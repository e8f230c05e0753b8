import Foundation

/// The pixel size of a PNG, JPEG, GIF or WebP image, read from its header: share cards state it
/// (`og:image:width`) so that a preview can be laid out before the picture arrives.
public struct ImageSize: Sendable, Hashable {
  public var width: Int
  public var height: Int

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// Reads at most the first 256 KB: a JPEG's size sits after its metadata segments.
  public static func of(fileAt path: String) -> ImageSize? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 256 * 1024) else { return nil }
    return of(Array(data))
  }

  public static func of(_ bytes: [UInt8]) -> ImageSize? {
    func be16(_ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    func be32(_ at: Int) -> Int { be16(at) << 16 | be16(at + 2) }
    func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func le24(_ at: Int) -> Int { le16(at) | Int(bytes[at + 2]) << 16 }
    func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
      bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
    }
    func valid(_ width: Int, _ height: Int) -> ImageSize? {
      width > 0 && height > 0 ? ImageSize(width: width, height: height) : nil
    }
    // PNG: the signature, then the IHDR chunk with width and height.
    if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24,
      starts(Array("IHDR".utf8), at: 12)
    {
      return valid(be32(16), be32(20))
    }
    // GIF87a / GIF89a: the logical screen size.
    if starts(Array("GIF8".utf8)), bytes.count >= 10 { return valid(le16(6), le16(8)) }
    // WebP: a RIFF container with a VP8, VP8L or VP8X chunk.
    if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8), bytes.count >= 30 {
      if starts(Array("VP8 ".utf8), at: 12) { return valid(le16(26) & 0x3FFF, le16(28) & 0x3FFF) }
      if starts(Array("VP8L".utf8), at: 12), bytes[20] == 0x2F {
        let bits =
          Int(bytes[21]) | Int(bytes[22]) << 8 | Int(bytes[23]) << 16 | Int(bytes[24]) << 24
        return valid((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
      }
      if starts(Array("VP8X".utf8), at: 12) { return valid(le24(24) + 1, le24(27) + 1) }
      return nil
    }
    // JPEG: walk the segments to the first start-of-frame.
    guard starts([0xFF, 0xD8]) else { return nil }
    var offset = 2
    while offset + 9 < bytes.count {
      guard bytes[offset] == 0xFF else { return nil }
      let marker = bytes[offset + 1]
      if marker == 0xFF {
        offset += 1
        continue
      }
      // Markers without a length.
      if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
        offset += 2
        continue
      }
      let length = be16(offset + 2)
      let isFrame =
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
      if isFrame { return valid(be16(offset + 7), be16(offset + 5)) }
      guard length >= 2 else { return nil }
      offset += 2 + length
    }
    return nil
  }
}
