/// Concept maps, each kept while the renders it is drawn from and the entries it shows are the
/// same: laying maps out was a tenth of a large build, and a rebuild needs every page's model,
/// not every page's map. Kept by article slug; the glossary's map by `glossaryKey`.
typealias ConceptMapMemo = InputMemo<ConceptMapInputs, ConceptMapView?>

/// What a concept map is drawn from.
struct ConceptMapInputs: Equatable, Sendable {
  /// The render versions of the articles the map is drawn from (for the glossary's map, the
  /// site-wide pair counts' generation).
  var versions: [Int]
  var nodes: [TermTip]
  /// The site's categories: their order and colours are the map's.
  var categories: [EntryCategory]
  /// What the map says of itself, in the page's language.
  var words: ConceptMapWords
}

extension InputMemo where Key == ConceptMapInputs {
  static var glossaryKey: String { "/glossary" }
}
