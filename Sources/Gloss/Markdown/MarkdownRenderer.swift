import CCmark
import Foundation

/// A heading of a rendered document, for the table of contents.
public struct Heading: Sendable, Hashable {
  public var id: String
  public var text: String
  public var level: Int
}

/// The HTML of one Markdown document plus what the build learns while rendering it.
public struct RenderedMarkdown: Sendable {
  public var html: String
  /// Set once: the word count is derived from it when the document is rendered.
  public private(set) var paragraphs: [ParagraphText]
  public var headings: [Heading]
  /// Words a reader sees, for reading times. Counted once here: the home page and every
  /// article page ask for it, which for 10,000 articles was a tenth of a rebuild.
  public let wordCount: Int
  /// Letters and digits a reader sees, for the reading time of languages written without
  /// spaces between words (Chinese, Japanese); counted only when such a page asks.
  public var characterCount: Int {
    paragraphs.reduce(0) { count, paragraph in
      count
        + paragraph.text.unicodeScalars.reduce(0) { sum, scalar in
          let properties = scalar.properties
          return sum + (properties.isAlphabetic || properties.numericType != nil ? 1 : 0)
        }
    }
  }
  /// Glossary entries in the order a reader first meets them (made once, like `wordCount`).
  public let termsInOrder: [String]
  /// Editor's notes that found their passage, numbered in reading order.
  public var notes: [AnchoredNote] = []
  /// Notes whose quote is missing or ambiguous: build errors.
  public var unanchoredNotes: [(Annotation, QuoteAnchoring.Failure)] = []

  init(html: String, paragraphs: [ParagraphText], headings: [Heading]) {
    self.html = html
    self.paragraphs = paragraphs
    self.headings = headings
    self.wordCount = paragraphs.reduce(0) { count, paragraph in
      count + Self.words(in: paragraph.text)
    }
    var seen = Set<String>()
    var order: [String] = []
    for paragraph in paragraphs {
      for mention in paragraph.mentions.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
      where seen.insert(mention.entryID).inserted {
        order.append(mention.entryID)
      }
    }
    self.termsInOrder = order
  }

  /// Words between spaces and newlines, as `split` on Characters counts them, but on bytes
  /// (Character iteration dominated builds of large sites). Text where the two could differ,
  /// a space joined to a neighbour (see `Graphemes`) or a carriage return, which joins a
  /// following newline, is counted the slow way.
  static func words(in text: String) -> Int {
    let fast = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      guard !bytes.contains(0x0D), Graphemes.spacesStandAlone(bytes) else { return nil }
      var count = 0
      var inWord = false
      for byte in bytes {
        if byte == 0x20 || byte == 0x0A {
          inWord = false
        } else if !inWord {
          inWord = true
          count += 1
        }
      }
      return count
    }
    if let fast, let count = fast { return count }
    return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
  }
}

/// An editor's note placed in the text.
public struct AnchoredNote: Sendable, Hashable {
  public var annotation: Annotation
  public var number: Int
  /// The `p-N` of the paragraph holding the passage.
  public var paragraphNumber: Int?
  /// The passage as the reader sees it.
  public var passage: String
}

/// Markdown → (linked) HTML through libcmark.
public struct MarkdownRenderer: Sendable {
  public var linker: GlossaryLinker?
  public var options: MarkdownOptions

  public init(linker: GlossaryLinker?, options: MarkdownOptions = .article) {
    self.linker = linker
    self.options = options
  }

  /// An entry's link from any article's page.
  public static func linkFromArticle(_ entryID: String) -> String {
    Route.article(slug: "-").link(to: .entry(id: entryID))
  }

  /// - Parameters:
  ///   - termLink: an entry's link from the page being written (from the route table); by
  ///     default, from an article's page.
  ///   - annotations: editor's notes to anchor in the text; `noteMarkup` gives, by note and
  ///     number, the reference written right after the passage and the sidenote written just
  ///     before the passage's paragraph (outside it, so the paragraph's text stays the author's).
  public func render(
    _ markdown: String, policy: LinkPolicy = .firstInArticle,
    termLink: (String) -> String = MarkdownRenderer.linkFromArticle,
    linkTerms: Bool = true, excluding excluded: Set<String> = [], annotations: [Annotation] = [],
    noteMarkup: (Annotation, Int) -> (reference: String, sidenote: String) = { _, _ in ("", "") }
  ) -> RenderedMarkdown {
    let document = CmarkDocument(markdown: markdown, options: options)
    let paragraphs: [ParagraphText]
    if let linker {
      paragraphs = linker.link(
        document, policy: policy, href: termLink,
        linkingEnabled: linkTerms,
        excluding: excluded)
    } else {
      paragraphs = []
    }
    var anchored: [(Annotation, QuoteAnchoring.Anchor)] = []
    var unanchored: [(Annotation, QuoteAnchoring.Failure)] = []
    let folded = annotations.isEmpty ? [] : paragraphs.map { FoldedText($0.text) }
    for annotation in annotations {
      switch QuoteAnchoring.anchor(
        quote: annotation.quote, prefix: annotation.prefix, suffix: annotation.suffix,
        in: paragraphs, folded: folded)
      {
      case .success(let anchor): anchored.append((annotation, anchor))
      case .failure(let failure): unanchored.append((annotation, failure))
      }
    }
    anchored.sort {
      ($0.1.paragraph, $0.1.range.lowerBound, $0.0.id) < (
        $1.1.paragraph, $1.1.range.lowerBound, $1.0.id
      )
    }
    let notes = anchored.enumerated().map { index, pair in
      AnchoredNote(
        annotation: pair.0, number: index + 1, paragraphNumber: paragraphs[pair.1.paragraph].number,
        passage: String(
          decoding: Array(paragraphs[pair.1.paragraph].text.utf8)[pair.1.range], as: UTF8.self))
    }
    var sidenotes: [String: String] = [:]
    var placed: [PlacedNote] = []
    for (pair, note) in zip(anchored, notes) {
      let markup = noteMarkup(pair.0, note.number)
      placed.append(
        PlacedNote(
          paragraph: pair.1.paragraph, range: pair.1.range, number: note.number,
          referenceHTML: markup.reference))
      if let paragraph = note.paragraphNumber {
        sidenotes["p-\(paragraph)", default: ""] += markup.sidenote
      }
    }
    AnnotationMarks.apply(placed, to: document)

    var rendered = RenderedMarkdown(html: "", paragraphs: paragraphs, headings: [])
    rendered.notes = notes
    rendered.unanchoredNotes = unanchored
    guard options.blockIDs else {
      rendered.html = document.renderHTML()
      return rendered
    }
    let blocks = BlockIDs(document: document)
    rendered.html = blocks.apply(to: document.renderHTML(), before: sidenotes)
    rendered.headings = blocks.headings
    return rendered
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

  /// - Parameter before: HTML to write right before the block with a given id.
  func apply(to html: String, before: [String: String] = [:]) -> String {
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
          if let prefix = before[id] {
            output.removeLast(index - lastTagStart)
            output.append(contentsOf: Array(prefix.utf8))
            output.append(contentsOf: source[lastTagStart..<index])
          }
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
