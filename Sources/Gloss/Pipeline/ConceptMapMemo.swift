import Foundation

/// Concept maps, each kept while the renders it is drawn from and the entries it shows are the
/// same: laying maps out was a tenth of a large build, and a rebuild needs every page's model,
/// not every page's map. Keyed by article slug; the glossary's map by `glossaryKey`.
final class ConceptMapMemo: @unchecked Sendable {
  struct Key: Equatable {
    /// The render versions of the articles the map is drawn from.
    var versions: [Int]
    var nodes: [TermTip]
  }

  static let glossaryKey = "/glossary"

  private var maps: [String: (key: Key, view: ConceptMapView?)] = [:]
  private let lock = NSLock()

  func view(slug: String, key: Key, make: () -> ConceptMapView?) -> ConceptMapView? {
    lock.lock()
    let cached = maps[slug]
    lock.unlock()
    if let cached, cached.key == key { return cached.view }
    let view = make()
    lock.lock()
    maps[slug] = (key, view)
    lock.unlock()
    return view
  }
}
