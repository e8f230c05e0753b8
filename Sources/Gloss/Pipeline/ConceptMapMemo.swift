import Foundation

/// Each article's concept map, kept while the article's render and the entries it shows are
/// the same: laying maps out was a tenth of a large build, and a rebuild needs every article's
/// page model, not every article's map.
final class ConceptMapMemo: @unchecked Sendable {
  struct Key: Equatable {
    var version: Int
    var nodes: [TermTip]
  }

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
