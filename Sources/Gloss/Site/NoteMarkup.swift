/// An editor's note rendered once, for the margin and for the endnotes.
struct RenderedNote: Sendable {
  var html: String
  var termsInOrder: [String]
}

/// What the build writes around an editor's note, in the article's language: the kind's label,
/// the reference's and the aside's accessible name, and the sources' lead-in.
struct NoteWords: Hashable, Sendable {
  var kinds: [Annotation.Kind: String]
  /// With `{{number}}`.
  var editorsNote: String
  var sources: String

  init(_ strings: ThemeStrings, language: String) {
    kinds = Dictionary(
      uniqueKeysWithValues: Annotation.Kind.allCases.map { kind in
        (kind, strings.text(kind.stringKey, in: language))
      })
    editorsNote = strings.text("editors_note_number", in: language)
    sources = strings.text("note_sources", in: language)
  }

  func editorsNote(_ number: Int) -> String {
    Placeholders.fill(editorsNote, ["number": String(number)])
  }
}

extension Annotation.Kind {
  /// Its label's key in the theme's strings ("note_kind_fact_check").
  var stringKey: String { "note_kind_" + rawValue.replacingOccurrences(of: "-", with: "_") }
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

  static func reference(number: Int, words: NoteWords) -> String {
    "<a class=\"note-ref\" href=\"#note-\(number)\" id=\"note-ref-\(number)\" data-note=\"\(number)\" aria-label=\"\(HTMLEscaping.attribute(words.editorsNote(number)))\"></a>"
  }

  static func sidenote(
    _ annotation: Annotation, number: Int, note: RenderedNote, words: NoteWords
  ) -> String {
    var html =
      "<aside class=\"sidenote\" id=\"sidenote-\(number)\" data-note=\"\(number)\" data-kind=\"\(annotation.kind.rawValue)\" aria-label=\"\(HTMLEscaping.attribute(words.editorsNote(number)))\">\n"
    html += "<p class=\"sidenote-head\"><span class=\"sidenote-number\">\(number)</span> "
    html +=
      "<span class=\"note-kind\">\(HTMLEscaping.text(words.kinds[annotation.kind, default: ""]))</span></p>\n"
    html += note.html
    if !annotation.sources.isEmpty {
      let links = annotation.sources.map {
        "<a href=\"\(HTMLEscaping.attribute($0.url))\">\(HTMLEscaping.text($0.title))</a>"
      }
      html +=
        "<p class=\"note-sources\">\(HTMLEscaping.text(words.sources)) \(links.joined(separator: "; "))</p>\n"
    }
    html += "</aside>\n"
    return html
  }
}
