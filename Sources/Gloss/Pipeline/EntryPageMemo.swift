/// Each page of each entry (its own, and its further pages of mentions), kept while what it is
/// made from is the same: an article edit then makes the pages of the entries it quotes, not a
/// thousand entries' pages.
typealias EntryPageMemo = InputMemo<EntryPageInputs, EntryPage>

/// What an entry's page is made from, as small values.
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

extension InputMemo where Key == EntryPageInputs {
  /// An entry's page `number`, by name.
  static func name(_ id: String, page number: Int) -> String {
    number == 1 ? id : "\(id)/\(number)"
  }
}
