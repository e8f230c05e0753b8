import Foundation

/// The links and ids of every page of a site and the path of every file, gathered from the
/// threads that make them, in a compact form: a site of 10,000 articles writes millions of
/// links but only tens of thousands of different ones, so each link and each id is kept once,
/// as bytes in one buffer, and every page holds numbers. Values are read straight from the
/// page's bytes: no string is made for a link or id already known.
///
/// What only needs the page itself (ids named twice, id references to nothing) is found as the
/// page arrives, so the page's id references are not kept at all.
final class SiteLinks: @unchecked Sendable {
  /// One HTML page as the link check needs it.
  struct Page {
    var path: String
    /// Where the numbers of its different links are in `linkNumbers` (`href` values, then
    /// `src` values, in page order, each once; see `link(_:)`).
    var links: Range<Int>
    /// Where the numbers of its ids are in `idNumbers`, ascending (see `idNumber(_:)`).
    var ids: Range<Int>
    /// Ids written more than once, each named once, in page order.
    var duplicateIDs: [String]
    /// Per reference attribute that names ids the page does not have: those ids, in order.
    var missingReferences: [(attribute: String, ids: [String])]
  }

  private let lock = NSLock()
  private(set) var pages: [Page] = []
  /// Every file of the site.
  private(set) var paths: Set<String> = []
  private var links = ByteInterner()
  private var ids = ByteInterner()
  /// The pages' numbers, each page's in one stretch: two long arrays rather than two small ones
  /// per page, which would stay scattered through the memory the build lets go.
  private(set) var linkNumbers: [Int32] = []
  private var idNumbers: [Int32] = []

  /// How many different links the site has; their numbers are 0..<linkCount.
  var linkCount: Int { links.count }

  init() {
    // Reserved, not used: memory is only committed as it is written, and arrays that never
    // move as they grow leave no freed copies behind among what the build holds.
    linkNumbers.reserveCapacity(1 << 22)
    idNumbers.reserveCapacity(1 << 21)
    links.reserve(bytes: 1 << 24, strings: 1 << 18)
  }

  func link(_ number: Int32) -> String { links.string(number) }

  /// The number of an id some page has, or nil when no page has it.
  func idNumber(_ id: String) -> Int32? { ids.existingNumber(id) }

  /// Whether the page has the id numbered `number`.
  func page(_ page: Page, has number: Int32) -> Bool {
    var low = page.ids.lowerBound
    var high = page.ids.upperBound
    while low < high {
      let middle = (low + high) / 2
      if idNumbers[middle] < number { low = middle + 1 } else { high = middle }
    }
    return low < page.ids.upperBound && idNumbers[low] == number
  }

  func add(_ file: OutputFile) {
    guard file.path.hasSuffix(".html") else {
      lock.withLock { _ = paths.insert(file.path) }
      return
    }
    file.bytes.withUnsafeBufferPointer { add(html: $0, path: file.path) }
  }

  private func add(html: UnsafeBufferPointer<UInt8>, path: String) {
    // Read outside the lock; only the numbering is shared.
    var idValues: [Range<Int>] = []
    var hrefs: [Range<Int>] = []
    var sources: [Range<Int>] = []
    var references: [[Range<Int>]] = Array(
      repeating: [], count: PageLinks.referenceAttributes.count)
    PageLinks.scan(html) { attribute, range in
      switch attribute {
      case .id: idValues.append(range)
      case .href: hrefs.append(range)
      case .src: sources.append(range)
      default: references[attribute.reference!].append(range)
      }
    }
    func value(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: html[range])
    }
    lock.withLock {
      paths.insert(path)
      // A link written again on the same page resolves the same way: it is kept once.
      let firstLink = linkNumbers.count
      var linked = Set<Int32>()
      for range in hrefs + sources {
        let number = links.number(value(range))
        if linked.insert(number).inserted { linkNumbers.append(number) }
      }
      var seen = Set<Int32>()
      var reported = Set<Int32>()
      var duplicateIDs: [String] = []
      for range in idValues {
        let number = ids.number(value(range))
        if !seen.insert(number).inserted, reported.insert(number).inserted {
          duplicateIDs.append(ids.string(number))
        }
      }
      var missingReferences: [(attribute: String, ids: [String])] = []
      for (index, attribute) in PageLinks.referenceAttributes.enumerated() {
        var missing: [String] = []
        for range in references[index] {
          Self.forEachID(named: value(range)) { id in
            let known = ids.existingNumber(id).map(seen.contains) ?? false
            guard !known else { return }
            let name = String(decoding: id, as: UTF8.self)
            if !missing.contains(name) { missing.append(name) }
          }
        }
        if !missing.isEmpty { missingReferences.append((attribute, missing)) }
      }
      let firstID = idNumbers.count
      idNumbers += seen.sorted()
      pages.append(
        Page(
          path: path, links: firstLink..<linkNumbers.count, ids: firstID..<idNumbers.count,
          duplicateIDs: duplicateIDs, missingReferences: missingReferences))
    }
  }

  /// Each id an `aria-describedby`-like value names: split at spaces as Characters (a space
  /// followed by a combining mark does not split).
  private static func forEachID(
    named value: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void
  ) {
    guard value.contains(where: { $0 >= 0x80 }) else {
      for id in value.split(separator: 0x20) { body(UnsafeBufferPointer(rebasing: id)) }
      return
    }
    for id in String(decoding: value, as: UTF8.self).split(separator: " ") {
      var id = String(id)
      id.withUTF8 { body($0) }
    }
  }
}
