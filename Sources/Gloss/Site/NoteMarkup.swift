/// An editor's note rendered once, for the margin and for the endnotes.
struct RenderedNote: Sendable {
  var html: String
  var termsInOrder: [String]
}

/// The markup of editor's notes. The reference inside the paragraph is an empty, labelled link
/// (its number is drawn by CSS), and the sidenote is an `<aside>` written just before the
/// paragraph: the paragraph's text stays exactly the author's, and without JavaScript a wide
/// screen still shows the note beside its paragraph. The endnote list after the article (the
/// theme's) is what the reference links to: narrow screens without JavaScript, print, and
/// anyone following the link land there.
enum NoteMarkup {
  static let options = MarkdownOptions(smartPunctuation: true, blockIDs: false)

  static func render(
    _ annotation: Annotation, linker: GlossaryLinker, termLink: (String) -> String
  ) -> RenderedNote {
    let rendered = MarkdownRenderer(linker: linker, options: options).render(
      annotation.note, policy: .firstInArticle, termLink: termLink)
    return RenderedNote(html: rendered.html, termsInOrder: rendered.termsInOrder)
  }

  static func reference(number: Int) -> String {
    "<a class=\"note-ref\" href=\"#note-\(number)\" id=\"note-ref-\(number)\" data-note=\"\(number)\" aria-label=\"Editor’s note \(number)\"></a>"
  }

  static func sidenote(_ annotation: Annotation, number: Int, note: RenderedNote) -> String {
    var html =
      "<aside class=\"sidenote\" id=\"sidenote-\(number)\" data-note=\"\(number)\" data-kind=\"\(annotation.kind.rawValue)\" aria-label=\"Editor’s note \(number)\">\n"
    html += "<p class=\"sidenote-head\"><span class=\"sidenote-number\">\(number)</span> "
    html += "<span class=\"note-kind\">\(HTMLEscaping.text(annotation.kind.label))</span></p>\n"
    html += note.html
    if !annotation.sources.isEmpty {
      let links = annotation.sources.map {
        "<a href=\"\(HTMLEscaping.attribute($0.url))\">\(HTMLEscaping.text($0.title))</a>"
      }
      html += "<p class=\"note-sources\">Sources: \(links.joined(separator: "; "))</p>\n"
    }
    html += "</aside>\n"
    return html
  }
}
