import CCmark

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A note's place in a paragraph, ready to be marked in the tree.
struct PlacedNote {
  var paragraph: Int
  var range: Range<Int>
  var number: Int
  /// Written right after the passage: the note reference and the sidenote.
  var referenceHTML: String
}

/// Wraps anchored passages in `<mark>` and puts each note's reference after its passage, on
/// the cmark tree after linking. A passage can cross term links and emphasis, so it becomes
/// one mark per text piece; offsets are counted exactly as the linker counts paragraph text.
enum AnnotationMarks {
  static func apply(_ notes: [PlacedNote], to document: CmarkDocument) {
    guard !notes.isEmpty else { return }
    let paragraphs = paragraphNodes(document.root)
    for (index, paragraph) in paragraphs.enumerated() {
      let here = notes.filter { $0.paragraph == index }
      if !here.isEmpty { mark(paragraph, here) }
    }
  }

  private static func paragraphNodes(_ root: OpaquePointer) -> [OpaquePointer] {
    var nodes: [OpaquePointer] = []
    guard let iterator = cmark_iter_new(root) else { return [] }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
        cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH
      {
        nodes.append(node)
      }
    }
    return nodes
  }

  private struct Leaf {
    var node: OpaquePointer
    var type: cmark_node_type
    var start: Int
    var end: Int
  }

  private static func leaves(of paragraph: OpaquePointer) -> [Leaf] {
    var leaves: [Leaf] = []
    var offset = 0
    var imageDepth = 0
    guard let iterator = cmark_iter_new(paragraph) else { return [] }
    defer { cmark_iter_free(iterator) }
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_IMAGE {
        imageDepth += event == CMARK_EVENT_ENTER ? 1 : -1
        continue
      }
      guard event == CMARK_EVENT_ENTER, imageDepth == 0 else { continue }
      switch type {
      case CMARK_NODE_TEXT, CMARK_NODE_CODE:
        let length = cmark_node_get_literal(node).map { strlen($0) } ?? 0
        leaves.append(Leaf(node: node, type: type, start: offset, end: offset + length))
        offset += length
      case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
        leaves.append(Leaf(node: node, type: type, start: offset, end: offset + 1))
        offset += 1
      default:
        break
      }
    }
    return leaves
  }

  private static func mark(_ paragraph: OpaquePointer, _ notes: [PlacedNote]) {
    let leaves = leaves(of: paragraph)
    var lastPieceOfNote: [Int: OpaquePointer] = [:]
    for leaf in leaves {
      let covering = notes.filter { $0.range.overlaps(leaf.start..<leaf.end) }
      guard !covering.isEmpty else { continue }
      switch leaf.type {
      case CMARK_NODE_TEXT:
        var bytes: [UInt8] = []
        CmarkNode.literalBytes(leaf.node, into: &bytes)
        var cuts = Set([leaf.start, leaf.end])
        for note in covering {
          cuts.insert(max(note.range.lowerBound, leaf.start))
          cuts.insert(min(note.range.upperBound, leaf.end))
        }
        let sorted = cuts.sorted()
        for (from, to) in zip(sorted, sorted.dropFirst()) where from < to {
          guard var outer = CmarkNode.makeText(bytes[(from - leaf.start)..<(to - leaf.start)])
          else { continue }
          let here = covering.filter { $0.range.contains(from) }
          // Lower numbers outside, so overlapping notes nest the same way in every piece.
          for note in here.sorted(by: { $0.number > $1.number }) {
            guard let wrapper = markNode(note.number) else { continue }
            cmark_node_append_child(wrapper, outer)
            outer = wrapper
          }
          cmark_node_insert_before(leaf.node, outer)
          for note in here where note.range.upperBound == to {
            lastPieceOfNote[note.number] = outer
          }
        }
        cmark_node_unlink(leaf.node)
        cmark_node_free(leaf.node)
      case CMARK_NODE_CODE:
        var outer: OpaquePointer?
        for note in covering.sorted(by: { $0.number > $1.number }) {
          guard let wrapper = markNode(note.number) else { continue }
          cmark_node_insert_before(leaf.node, wrapper)
          cmark_node_unlink(leaf.node)
          cmark_node_append_child(wrapper, outer ?? leaf.node)
          outer = wrapper
        }
        for note in covering where note.range.upperBound <= leaf.end {
          lastPieceOfNote[note.number] = outer
        }
      default:
        break
      }
    }
    // The reference goes after the passage, outside any link so it stays its own control.
    for note in notes.sorted(by: { $0.number > $1.number }) {
      guard var anchor = lastPieceOfNote[note.number] else { continue }
      while let parent = cmark_node_parent(anchor), parent != paragraph {
        let type = cmark_node_get_type(parent)
        if type == CMARK_NODE_LINK || type == CMARK_NODE_CUSTOM_INLINE && !isMark(parent) {
          anchor = parent
        } else {
          break
        }
      }
      if let reference = CmarkNode.makeCustomInline(onEnter: note.referenceHTML, onExit: "") {
        cmark_node_insert_after(anchor, reference)
      }
    }
  }

  private static let markPrefix = "<mark class=\"annotated\" data-note=\""

  private static func markNode(_ number: Int) -> OpaquePointer? {
    CmarkNode.makeCustomInline(onEnter: "\(markPrefix)\(number)\">", onExit: "</mark>")
  }

  private static func isMark(_ node: OpaquePointer) -> Bool {
    guard cmark_node_get_type(node) == CMARK_NODE_CUSTOM_INLINE,
      let enter = cmark_node_get_on_enter(node)
    else {
      return false
    }
    return String(cString: enter).hasPrefix(markPrefix)
  }
}
