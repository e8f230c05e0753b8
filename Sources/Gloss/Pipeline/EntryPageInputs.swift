/// What each page of an entry (its own, and its further pages of mentions) is made from, as small
/// values: an article edit then makes the pages of the entries it quotes, not a thousand
/// entries' pages.
struct EntryPageInputs: Equatable, Sendable {
  /// The entry as loaded: unchanged entries share their text with the last run's, so comparing
  /// them is comparing references.
  var entry: GlossaryEntry
  var page: Int
  /// The linker its body was linked with.
  var linkerGeneration: Int
  /// `PageVersions.mentions` of the entry.
  var mentions: Int
  /// The newest tip number of the entries the page shows: its body's terms, its see-also and
  /// the entries that name it in theirs.
  var tips: Int
  /// The entries whose see-also names it.
  var referrers: [String]
  var previous: Neighbour?
  var next: Neighbour?
  var site: Int
  /// Whether its category has a page to link to.
  var categoryPage: Bool
}
