import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Options Gloss passes to libcmark. Raw HTML stays off (cmark's default safe mode) for all content.
public struct MarkdownOptions: Sendable, Hashable {
  /// Curly quotes, en and em dashes, ellipses — what a published article should show.
  public var smartPunctuation: Bool
  /// `id="p-N"` on paragraphs and slug ids on headings.
  public var blockIDs: Bool

  public init(smartPunctuation: Bool = true, blockIDs: Bool = true) {
    self.smartPunctuation = smartPunctuation
    self.blockIDs = blockIDs
  }

  /// What libcmark's plain renderer does: the reference for conformance.
  public static let plain = MarkdownOptions(smartPunctuation: false, blockIDs: false)
  public static let article = MarkdownOptions()

  var parseFlags: Int32 {
    var flags = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
    if smartPunctuation { flags |= CMARK_OPT_SMART }
    if blockIDs { flags |= CMARK_OPT_SOURCEPOS }
    return flags
  }
}

/// Owns one parsed cmark tree and frees it exactly once.
final class CmarkDocument {
  let root: OpaquePointer
  let options: MarkdownOptions

  init(markdown: String, options: MarkdownOptions) {
    var markdown = markdown
    self.options = options
    // cmark_parse_document never fails for valid UTF-8 input (it allocates or aborts), and a
    // String is always valid UTF-8.
    self.root = markdown.withUTF8 { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cmark_parse_document(chars.baseAddress, chars.count, options.parseFlags)
      }
    }
  }

  deinit { cmark_node_free(root) }

  func renderHTML() -> String {
    guard let html = cmark_render_html(root, options.parseFlags) else { return "" }
    defer { free(html) }
    return String(cString: html)
  }
}

/// Thin, typed views of the cmark node API used by the linker and the renderer.
enum CmarkNode {
  static func type(_ node: OpaquePointer) -> cmark_node_type { cmark_node_get_type(node) }

  static func literal(_ node: OpaquePointer) -> String {
    guard let chars = cmark_node_get_literal(node) else { return "" }
    return String(cString: chars)
  }

  static func literalBytes(_ node: OpaquePointer, into buffer: inout [UInt8]) {
    guard let chars = cmark_node_get_literal(node) else { return }
    let count = strlen(chars)
    chars.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
      buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }
  }

  static func makeText(_ bytes: ArraySlice<UInt8>) -> OpaquePointer? {
    guard let node = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    cmark_node_set_literal(node, text)
    return node
  }

  static func makeCustomInline(onEnter: String, onExit: String) -> OpaquePointer? {
    guard let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return nil }
    cmark_node_set_on_enter(node, onEnter)
    cmark_node_set_on_exit(node, onExit)
    return node
  }
}
