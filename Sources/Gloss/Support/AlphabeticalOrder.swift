import Foundation

/// How terms are alphabetized wherever the site lists them (the A–Z index, the concept map):
/// ignoring case, diacritics and leading punctuation, so "“No limits” partnership" files
/// under N and "Élysée" beside "Elysium".
enum AlphabeticalOrder {
  static func key(_ term: String) -> String {
    let folded = term.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return String(folded.drop { !$0.isLetter && !$0.isNumber })
  }
}
