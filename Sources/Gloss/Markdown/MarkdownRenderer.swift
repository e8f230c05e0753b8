import Foundation

import CCmark

/// A heading of a rendered document, for the table of contents.
public struct Heading: Sendable, Hashable {
  public var id: String
  public var text: String
  public var level: Int
}

/// The HTML of one Markdown document plus what the build learns while rendering it.
public struct RenderedMarkdown: Sendable {
  public var html: String
  public var paragraphs: [ParagraphText]
  public var headings: [Heading]

  /// Glossary entries in the order a reader first meets them.
  public var termsInOrder: [String] {
    var seen = Set<String>()
    var order: [String] = []
    for paragraph in paragraphs {
      for mention in paragraph.mentions.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
      where seen.insert(mention.entryID).inserted {
        order.append(mention.entryID)
      }
    }
    return order
  }

  public var wordCount: Int {
    paragraphs.reduce(0) { count, paragraph in
      count + paragraph.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    }
  }
}

/// Markdown → (linked) HTML through libcmark.
public struct MarkdownRenderer: Sendable {
  public var linker: GlossaryLinker?
  public var options: MarkdownOptions

  public init(linker: GlossaryLinker?, options: MarkdownOptions = .article) {
    self.linker = linker
    self.options = options
  }

  /// - Parameter root: relative path from the page being written to the site root, for term links.
  public func render(
    _ markdown: String, policy: LinkPolicy = .firstInArticle, root: String = "../../",
    linkTerms: Bool = true, excluding excluded: Set<String> = []
  ) -> RenderedMarkdown {
    let document = CmarkDocument(markdown: markdown, options: options)
    let paragraphs: [ParagraphText]
    if let linker {
      paragraphs = linker.link(
        document, policy: policy, href: { "\(root)glossary/\($0)/index.html" }, linkingEnabled: linkTerms,
        excluding: excluded)
    } else {
      paragraphs = []
    }
    guard options.blockIDs else {
      return RenderedMarkdown(html: document.renderHTML(), paragraphs: paragraphs, headings: [])
    }
    let blocks = BlockIDs(document: document)
    let html = blocks.apply(to: document.renderHTML())
    return RenderedMarkdown(html: html, paragraphs: paragraphs, headings: blocks.headings)
  }
}

/// Assigns `p-N` to paragraphs and slugs to headings, and swaps cmark's `data-sourcepos`
/// attributes for them. Content cannot forge the attribute: cmark escapes `"` in text and
/// drops raw HTML, so every `data-sourcepos="` in the output is cmark's own.
struct BlockIDs {
  private(set) var idsBySourcePosition: [String: String] = [:]
  private(set) var headings: [Heading] = []

  init(document: CmarkDocument) {
    guard let iterator = cmark_iter_new(document.root) else { return }
    defer { cmark_iter_free(iterator) }
    var paragraphNumber = 0
    var usedSlugs = Set<String>()
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
      switch cmark_node_get_type(node) {
      case CMARK_NODE_PARAGRAPH where rendersAsParagraphElement(node):
        paragraphNumber += 1
        idsBySourcePosition["p" + Self.sourcePosition(node)] = "p-\(paragraphNumber)"
      case CMARK_NODE_HEADING:
        let text = Self.plainText(node)
        var slug = Slug.make(text)
        if slug.isEmpty || slug.range(of: #"^p-[0-9]+$"#, options: .regularExpression) != nil {
          slug = "section-" + slug
        }
        var unique = slug
        var counter = 2
        while !usedSlugs.insert(unique).inserted {
          unique = "\(slug)-\(counter)"
          counter += 1
        }
        let level = Int(cmark_node_get_heading_level(node))
        idsBySourcePosition["h\(level)" + Self.sourcePosition(node)] = unique
        headings.append(Heading(id: unique, text: text, level: level))
      default:
        break
      }
    }
  }

  private static func sourcePosition(_ node: OpaquePointer) -> String {
    "\(cmark_node_get_start_line(node)):\(cmark_node_get_start_column(node))-\(cmark_node_get_end_line(node)):\(cmark_node_get_end_column(node))"
  }

  static func plainText(_ node: OpaquePointer) -> String {
    var bytes: [UInt8] = []
    guard let iterator = cmark_iter_new(node) else { return "" }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
      switch cmark_node_get_type(child) {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE: CmarkNode.literalBytes(child, into: &bytes)
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: bytes.append(0x20)
      default: break
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  func apply(to html: String) -> String {
    let marker = Array(" data-sourcepos=\"".utf8)
    let source = Array(html.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(source.count)
    var index = 0
    var lastTagStart = 0
    while index < source.count {
      let byte = source[index]
      if byte == UInt8(ascii: "<") { lastTagStart = index }
      if byte == marker[0], source.count - index >= marker.count,
        source[index..<(index + marker.count)].elementsEqual(marker)
      {
        let valueStart = index + marker.count
        var valueEnd = valueStart
        while valueEnd < source.count, source[valueEnd] != UInt8(ascii: "\"") { valueEnd += 1 }
        let tag = String(decoding: source[(lastTagStart + 1)..<index], as: UTF8.self)
        let position = String(decoding: source[valueStart..<valueEnd], as: UTF8.self)
        if let id = idsBySourcePosition[tag + position] {
          output.append(contentsOf: Array(" id=\"\(HTMLEscaping.attribute(id))\"".utf8))
        }
        index = valueEnd + 1
        continue
      }
      output.append(byte)
      index += 1
    }
    return String(decoding: output, as: UTF8.self)
  }
}
