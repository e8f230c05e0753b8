import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which occurrences of a term become links. Mentions are recorded for every occurrence either way.
public enum LinkPolicy: String, Sendable, Hashable, CaseIterable {
  case firstInArticle = "first-in-article"
  case firstInParagraph = "first-in-paragraph"
  case every
}

/// One paragraph as a reader sees it, with the glossary terms found in it.
public struct ParagraphText: Sendable, Hashable {
  /// N of `id="p-N"`; nil for paragraphs that cmark renders without `<p>` (tight list items).
  public var number: Int?
  /// Source line of the paragraph in the Markdown that was rendered.
  public var line: Int
  /// The text as rendered (entities decoded, smart punctuation applied, soft breaks as spaces).
  public var text: String
  /// Every term occurrence, linked or not, as UTF-8 byte ranges into `text`.
  public var mentions: [Mention]

  public struct Mention: Sendable, Hashable {
    public var entryID: String
    public var range: Range<Int>
  }
}

/// Finds glossary terms in the inline text of a parsed document and wraps the ones the link
/// policy selects in custom inline nodes, which cmark writes verbatim while it keeps escaping
/// the text inside them: the content never needs cmark's unsafe mode.
public final class GlossaryLinker: Sendable {
  public let matcher: TermMatcher

  public init(patterns: [TermPattern]) {
    self.matcher = TermMatcher(patterns: patterns)
  }

  /// Inline text nodes that sit next to each other under one parent: the unit a multi-word
  /// term can span (cmark splits text at soft breaks and at punctuation).
  private struct TextRun {
    var nodes: [OpaquePointer] = []
    var nodeStarts: [Int] = []
    var bytes: [UInt8] = []
    var paragraph: Int
    var offsetInParagraph: Int
    /// Emphasis and strong levels around the run.
    var depth = 0
  }

  /// cmark checks every insertion against all ancestors of the insertion point, so wrapping
  /// terms inside thousands of nested `*` would be quadratic; no real text nests this deep.
  /// Mentions deeper than this are still recorded, just not linked.
  static let maximumLinkDepth = 32

  private struct OpenParagraph {
    var node: OpaquePointer
    var number: Int?
    var line: Int
    var bytes: [UInt8] = []
  }

  /// Links `document` in place and returns its paragraphs with their mentions.
  func link(
    _ document: CmarkDocument, policy: LinkPolicy, href: (String) -> String,
    linkingEnabled: Bool = true, excluding excluded: Set<String> = []
  ) -> [ParagraphText] {
    var paragraphs: [ParagraphText] = []
    var runs: [TextRun] = []
    var current: OpenParagraph?
    var run: TextRun?
    var excludedDepth = 0
    // Images open around the current node: counted as the walk enters and leaves them, since
    // looking up the ancestors of every text node was quadratic in deeply nested emphasis.
    var imageDepth = 0
    var emphasisDepth = 0
    var paragraphCount = 0

    func closeRun() {
      if let finished = run, !finished.nodes.isEmpty { runs.append(finished) }
      run = nil
    }

    // Collect first, modify after: cmark's iterator must not see a changing tree.
    guard let iterator = cmark_iter_new(document.root) else { return [] }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      let entering = event == CMARK_EVENT_ENTER

      switch type {
      case CMARK_NODE_PARAGRAPH:
        closeRun()
        if entering {
          var number: Int?
          if rendersAsParagraphElement(node) {
            paragraphCount += 1
            number = paragraphCount
          }
          current = OpenParagraph(
            node: node, number: number, line: Int(cmark_node_get_start_line(node)))
        } else if let open = current {
          paragraphs.append(
            ParagraphText(
              number: open.number, line: open.line,
              text: String(decoding: open.bytes, as: UTF8.self),
              mentions: []))
          current = nil
        }
      case CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_INLINE:
        closeRun()
        excludedDepth += entering ? 1 : -1
        if type == CMARK_NODE_IMAGE { imageDepth += entering ? 1 : -1 }
      case CMARK_NODE_TEXT, CMARK_NODE_SOFTBREAK:
        guard current != nil else { break }
        let inImage = imageDepth > 0
        if type == CMARK_NODE_TEXT {
          if !inImage { CmarkNode.literalBytes(node, into: &current!.bytes) }
        } else if !inImage {
          current!.bytes.append(0x20)
        }
        guard excludedDepth == 0 else { break }
        let start = current!.bytes.count - byteLength(of: node, type: type)
        if var open = run, let last = open.nodes.last, cmark_node_previous(node) == last {
          // Dropped first so `open` holds the only reference and its arrays grow in place;
          // otherwise each append copied the whole run (quadratic in the run's length).
          run = nil
          open.nodeStarts.append(open.bytes.count)
          open.nodes.append(node)
          appendRunBytes(node, type: type, to: &open.bytes)
          run = open
        } else {
          closeRun()
          var fresh = TextRun(
            paragraph: paragraphs.count, offsetInParagraph: start, depth: emphasisDepth)
          fresh.nodeStarts.append(0)
          fresh.nodes.append(node)
          appendRunBytes(node, type: type, to: &fresh.bytes)
          run = fresh
        }
      case CMARK_NODE_CODE:
        closeRun()
        if current != nil, imageDepth == 0 { CmarkNode.literalBytes(node, into: &current!.bytes) }
      case CMARK_NODE_LINEBREAK:
        closeRun()
        if current != nil { current!.bytes.append(0x20) }
      case CMARK_NODE_EMPH, CMARK_NODE_STRONG:
        closeRun()
        emphasisDepth += entering ? 1 : -1
      default:
        closeRun()
      }
    }
    closeRun()

    var linkedInArticle = Set<String>()
    var linkedInParagraph: [Int: Set<String>] = [:]
    for run in runs {
      let matches = matcher.matches(in: run.bytes)
      guard !matches.isEmpty else { continue }
      var selected: [TermMatch] = []
      for match in matches {
        let offset = run.offsetInParagraph
        let shifted = (match.range.lowerBound + offset)..<(match.range.upperBound + offset)
        paragraphs[run.paragraph].mentions.append(.init(entryID: match.entryID, range: shifted))
        // An excluded entry still takes part in longest-match, so its words are not linked to a
        // shorter term inside it; it is just not linked itself (an entry never links to itself).
        guard linkingEnabled, !excluded.contains(match.entryID) else { continue }
        switch policy {
        case .every:
          selected.append(match)
        case .firstInArticle:
          if linkedInArticle.insert(match.entryID).inserted { selected.append(match) }
        case .firstInParagraph:
          if linkedInParagraph[run.paragraph, default: []].insert(match.entryID).inserted {
            selected.append(match)
          }
        }
      }
      if !selected.isEmpty, run.depth <= Self.maximumLinkDepth {
        rewrite(run, wrapping: selected, href: href)
      }
    }
    return paragraphs
  }

  private func byteLength(of node: OpaquePointer, type: cmark_node_type) -> Int {
    if type == CMARK_NODE_SOFTBREAK { return 1 }
    guard let chars = cmark_node_get_literal(node) else { return 0 }
    return strlen(chars)
  }

  private func appendRunBytes(_ node: OpaquePointer, type: cmark_node_type, to bytes: inout [UInt8])
  {
    if type == CMARK_NODE_SOFTBREAK {
      bytes.append(0x0A)
    } else {
      CmarkNode.literalBytes(node, into: &bytes)
    }
  }

  /// Replaces the run's nodes by the same text split at match boundaries, each selected match
  /// inside a custom inline node that opens and closes the link.
  private func rewrite(_ run: TextRun, wrapping matches: [TermMatch], href: (String) -> String) {
    guard let anchor = run.nodes.first else { return }
    var output: [OpaquePointer] = []
    var matchIndex = 0
    var wrapper: OpaquePointer?

    func emit(_ node: OpaquePointer?) {
      guard let node else { return }
      if let wrapper {
        cmark_node_append_child(wrapper, node)
      } else {
        output.append(node)
      }
    }

    for (index, node) in run.nodes.enumerated() {
      let start = run.nodeStarts[index]
      let end = index + 1 < run.nodes.count ? run.nodeStarts[index + 1] : run.bytes.count
      let isBreak = cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK
      var position = start
      while position < end {
        // Open a wrapper where a match begins.
        if wrapper == nil, matchIndex < matches.count,
          matches[matchIndex].range.lowerBound == position
        {
          let id = matches[matchIndex].entryID
          let attributeID = HTMLEscaping.attribute(id)
          let opening =
            "<a class=\"term\" href=\"\(HTMLEscaping.attribute(href(id)))\" data-term=\"\(attributeID)\" aria-describedby=\"tip-\(attributeID)\">"
          wrapper = CmarkNode.makeCustomInline(onEnter: opening, onExit: "</a>")
          if let wrapper { output.append(wrapper) }
        }
        var pieceEnd = end
        if wrapper != nil, matchIndex < matches.count {
          pieceEnd = min(end, matches[matchIndex].range.upperBound)
        } else if matchIndex < matches.count, matches[matchIndex].range.lowerBound > position {
          pieceEnd = min(end, matches[matchIndex].range.lowerBound)
        }
        if isBreak {
          emit(cmark_node_new(CMARK_NODE_SOFTBREAK))
        } else {
          emit(CmarkNode.makeText(run.bytes[position..<pieceEnd]))
        }
        position = pieceEnd
        if wrapper != nil, matchIndex < matches.count,
          position == matches[matchIndex].range.upperBound
        {
          wrapper = nil
          matchIndex += 1
        }
      }
    }
    for node in output { cmark_node_insert_before(anchor, node) }
    for node in run.nodes {
      cmark_node_unlink(node)
      cmark_node_free(node)
    }
  }
}

/// cmark renders paragraphs of tight list items without `<p>`: those get no paragraph number.
func rendersAsParagraphElement(_ paragraph: OpaquePointer) -> Bool {
  guard let parent = cmark_node_parent(paragraph), cmark_node_get_type(parent) == CMARK_NODE_ITEM,
    let list = cmark_node_parent(parent)
  else { return true }
  return cmark_node_get_list_tight(list) == 0
}
