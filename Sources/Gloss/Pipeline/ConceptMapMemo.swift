/// Concept maps, each kept while the renders it is drawn from and the entries it shows are the
/// same: laying maps out was a tenth of a large build, and a rebuild needs every page's model,
/// not every page's map. Kept by article slug; the glossary's map by `glossaryKey`.
typealias ConceptMapMemo = InputMemo<ConceptMapInputs, ConceptMapView?>

/// What a concept map is drawn from.
struct ConceptMapInputs: Equatable, Sendable {
  /// The render versions of the articles the map is drawn from (for the glossary's map, the
  /// site-wide pair counts' generation).
  var versions: [Int]
  /// What the map shows of each term: an entry's new summary leaves it as it was.
  var nodes: [ConceptMapNodeInputs]
  /// The site's categories: their order and colours are the map's.
  var categories: [EntryCategory]
  /// What the map says of itself, in the page's language.
  var words: ConceptMapWords
}

extension InputMemo where Key == ConceptMapInputs {
  static var glossaryKey: String { "/glossary" }
}

/// What a concept map reads of one entry: its id (the link), term and aliases (the label), and
/// category (the colour and the order). Not its summary: the map does not show it.
struct ConceptMapNodeInputs: Equatable, Sendable {
  var id: String
  var term: String
  var aliases: [String]
  var category: EntryCategory

  init(_ entry: GlossaryEntry) {
    id = entry.id
    term = entry.term
    aliases = entry.aliases
    category = entry.category
  }
}
