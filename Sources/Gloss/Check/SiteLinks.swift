import Foundation

/// The links and ids of every page of a site and the path of every file, gathered from the
/// threads that make them, in a compact form: a site of 10,000 articles writes millions of
/// links but only tens of thousands of different ones, so each link and each id is kept once
/// as a string and every page holds numbers.
///
/// What only needs the page itself (ids named twice, id references to nothing) is found as the
/// page arrives, so the page's id references are not kept at all.
final class SiteLinks: @unchecked Sendable {
  /// One HTML page as the link check needs it.
  struct Page {
    var path: String
    /// Numbers of its `href` values, then of its `src` values, in page order (see `links`).
    var links: [Int32]
    /// Numbers of its ids, ascending (see `idNumbers`).
    var ids: [Int32]
    /// Ids written more than once, each named once, in page order.
    var duplicateIDs: [String]
    /// Per reference attribute that names ids the page does not have: those ids, in order.
    var missingReferences: [(attribute: String, ids: [String])]

    func has(id number: Int32) -> Bool {
      var low = 0
      var high = ids.count
      while low < high {
        let middle = (low + high) / 2
        if ids[middle] < number { low = middle + 1 } else { high = middle }
      }
      return low < ids.count && ids[low] == number
    }
  }

  private let lock = NSLock()
  private(set) var pages: [Page] = []
  /// Every file of the site.
  private(set) var paths: Set<String> = []
  /// Every different link, by number.
  private(set) var links: [String] = []
  private var linkNumbers: [String: Int32] = [:]
  /// Every different id, by its string.
  private(set) var idNumbers: [String: Int32] = [:]

  func add(_ file: OutputFile) {
    guard file.path.hasSuffix(".html") else {
      lock.withLock { _ = paths.insert(file.path) }
      return
    }
    add(PageLinks(html: file.bytes), path: file.path)
  }

  func add(_ parsed: PageLinks, path: String) {
    let missing = Self.missingReferences(parsed)
    lock.withLock {
      paths.insert(path)
      var links: [Int32] = []
      links.reserveCapacity(parsed.hrefs.count + parsed.sources.count)
      for link in parsed.hrefs { links.append(number(link: link)) }
      for link in parsed.sources { links.append(number(link: link)) }
      var ids: [Int32] = []
      ids.reserveCapacity(parsed.ids.count)
      for id in parsed.ids { ids.append(number(id: id)) }
      pages.append(
        Page(
          path: path, links: links, ids: ids.sorted(), duplicateIDs: parsed.duplicateIDs,
          missingReferences: missing))
    }
  }

  private func number(link: String) -> Int32 {
    if let known = linkNumbers[link] { return known }
    let new = Int32(links.count)
    links.append(link)
    linkNumbers[link] = new
    return new
  }

  private func number(id: String) -> Int32 {
    if let known = idNumbers[id] { return known }
    let new = Int32(idNumbers.count)
    idNumbers[id] = new
    return new
  }

  /// For each attribute of `PageLinks.referenceAttributes` (in that order), the ids its values
  /// name that no element of the page has, each once, in page order.
  static func missingReferences(_ page: PageLinks) -> [(attribute: String, ids: [String])] {
    var found: [(attribute: String, ids: [String])] = []
    for attribute in PageLinks.referenceAttributes {
      var missing: [String] = []
      for value in page.references[attribute] ?? [] {
        for id in value.split(separator: " ").map(String.init)
        where !page.ids.contains(id) && !missing.contains(id) {
          missing.append(id)
        }
      }
      if !missing.isEmpty { found.append((attribute, missing)) }
    }
    return found
  }
}
