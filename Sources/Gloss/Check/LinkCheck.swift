import Foundation

/// Resolves every relative `href`/`src` of the generated HTML against the generated files, and
/// every id reference (`#anchor`, `aria-describedby`, `aria-labelledby`, `for`) against the ids
/// of its page.
public enum LinkCheck {
  public static func check(_ files: [OutputFile], outputDisplay: String) -> [Diagnostic] {
    check(files, outputDisplay: outputDisplay, sources: nil)
  }

  static func check(_ files: [OutputFile], outputDisplay: String, sources: ContentSources?)
    -> [Diagnostic]
  {
    let site = SiteLinks()
    files.forEach(site.add)
    return check(site, outputDisplay: outputDisplay, sources: sources)
  }

  /// - Parameter site: what each HTML page links to and names, and every file of the site.
  static func check(_ site: SiteLinks, outputDisplay: String, sources: ContentSources?)
    -> [Diagnostic]
  {
    // In path order: the same site, the same findings in the same order.
    let pages = site.pages.sorted { $0.path < $1.path }
    var pageNumbers: [String: Int] = [:]
    pageNumbers.reserveCapacity(pages.count)
    for (number, page) in pages.enumerated() { pageNumbers[page.path] = number }
    var diagnostics: [Diagnostic] = []
    for page in pages {
      for id in page.duplicateIDs {
        diagnostics.append(
          .warning(
            "\(outputDisplay)/\(page.path)",
            "id '\(id)' is used more than once on the page; links to #\(id) reach only the first"))
      }
    }
    // A link is read once however many pages write it, and resolved once per folder it is
    // resolved from: the term and navigation links of 10,000 article pages are the same few.
    var parsed = [ParsedLink?](repeating: nil, count: site.linkCount)
    var resolved: [ResolutionKey: String?] = [:]
    var folders: [String: Int] = [:]
    func folderNumber(_ folder: String) -> Int {
      if let known = folders[folder] { return known }
      folders[folder] = folders.count
      return folders.count - 1
    }
    func hasID(_ id: String, in path: String) -> Bool {
      guard let number = site.idNumber(id), let page = pageNumbers[path] else { return false }
      return site.page(pages[page], has: number)
    }
    for page in pages where page.path != Route.notFound.path {
      let folder = page.path.split(separator: "/").dropLast().map(String.init)
      // The folder and each folder above it, as numbers: what a link resolves from.
      var bases: [Int] = []
      for depth in 0...folder.count {
        bases.append(folderNumber(folder.prefix(depth).joined(separator: "/")))
      }
      var reported = Set<Int32>()
      for number in site.linkNumbers[page.links] {
        let parsedLink: ParsedLink
        if let known = parsed[Int(number)] {
          parsedLink = known
        } else {
          parsedLink = ParsedLink(site.link(number))
          parsed[Int(number)] = parsedLink
        }
        var problem: String?
        switch parsedLink {
        case .elsewhere: continue
        case .broken(let reason): problem = reason
        case .inPage(let fragment):
          if let fragment, page.path.hasSuffix(".html"),
            !(site.idNumber(fragment).map { site.page(page, has: $0) } ?? false)
          {
            problem = "no element with id '\(fragment)' in \(page.path)"
          }
        case .inSite(let climb, let parts, let folderLink, let fragment):
          guard climb <= folder.count else {
            problem = "leads outside the site"
            break
          }
          let key = ResolutionKey(link: number, base: bases[folder.count - climb])
          if let known = resolved[key] {
            problem = known
          } else {
            let base = folder.prefix(folder.count - climb)
            problem = resolve(
              base + parts, folderLink: folderLink, fragment: fragment, paths: site.paths,
              hasID: hasID)
            resolved[key] = .some(problem)
          }
        }
        guard let problem, reported.insert(number).inserted else { continue }
        let link = site.link(number)
        diagnostics.append(
          diagnostic(
            "broken link '\(decodeEntities(link))': \(problem)", link: link, page: page.path,
            outputDisplay: outputDisplay, sources: sources))
      }
      for (attribute, missing) in page.missingReferences {
        // One line per page: a theme that forgets the term previews would otherwise print one per term.
        let listed =
          missing.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
          + (missing.count > 4 ? ", …" : "")
        diagnostics.append(
          .warning(
            "\(outputDisplay)/\(page.path)",
            "\(attribute) refers to \(missing.count) id\(missing.count == 1 ? "" : "s") that no element on the page has: \(listed)"
          ))
      }
    }
    return diagnostics
  }

  private struct ResolutionKey: Hashable {
    var link: Int32
    var base: Int
  }

  /// A broken link found in a page is reported where its text is written: in the article or
  /// entry when the link comes from there, otherwise at the page (the theme made it).
  private static func diagnostic(
    _ message: String, link: String, page: String, outputDisplay: String, sources: ContentSources?
  ) -> Diagnostic {
    let decoded = decodeEntities(link)
    let plain = decoded.removingPercentEncoding ?? decoded
    // `[text](url)`, `<url>`, a reference definition `[x]: url`, then anywhere.
    let needles = [
      ("](\(decoded)", 2), ("](\(plain)", 2), ("<\(decoded)>", 1), ("]: \(decoded)", 3),
      (decoded, 0), (plain, 0),
    ]
    if let sources, let files = sources.pageSources[page],
      let place = sources.locate(needles, in: files)
    {
      return .error(place.path, line: place.line, column: place.column, message)
    }
    return .error("\(outputDisplay)/\(page)", message + " (the link is in the theme's markup)")
  }

  static func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(
      of: "&#39;", with: "'"
    )
    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// nil when the link resolves.
  static func resolve(
    _ link: String, from page: String, paths: Set<String>, ids: [String: Set<String>]
  ) -> String? {
    switch ParsedLink(link) {
    case .elsewhere: return nil
    case .broken(let reason): return reason
    case .inPage(let fragment):
      guard let fragment, page.hasSuffix(".html"), ids[page]?.contains(fragment) != true else {
        return nil
      }
      return "no element with id '\(fragment)' in \(page)"
    case .inSite(let climb, let parts, let folderLink, let fragment):
      let folder = page.split(separator: "/").dropLast().map(String.init)
      guard climb <= folder.count else { return "leads outside the site" }
      return resolve(
        folder.prefix(folder.count - climb) + parts, folderLink: folderLink, fragment: fragment,
        paths: paths, hasID: { ids[$1]?.contains($0) == true })
    }
  }

  /// nil when the file at `parts` (a folder when `folderLink`) exists and has the element the
  /// fragment names.
  private static func resolve(
    _ parts: ArraySlice<String>, folderLink: Bool, fragment: String?, paths: Set<String>,
    hasID: (String, String) -> Bool
  ) -> String? {
    var resolved = parts.joined(separator: "/")
    if folderLink || resolved.isEmpty {
      resolved += resolved.isEmpty ? "index.html" : "/index.html"
    }
    if !paths.contains(resolved) {
      if paths.contains(resolved + "/index.html") {
        resolved += "/index.html"
      } else {
        var problem = "no such file \(resolved)"
        let name = (resolved as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        if ["md", "txt"].contains((name as NSString).pathExtension),
          paths.contains(Route.article(slug: stem).path)
            || paths.contains(Route.entry(id: stem).path)
        {
          problem += "; link to the page, not the source file (e.g. ../\(stem)/)"
        }
        return problem
      }
    }
    if let fragment, resolved.hasSuffix(".html"), !hasID(fragment, resolved) {
      return "no element with id '\(fragment)' in \(resolved)"
    }
    return nil
  }

  /// `https:`, `mailto:`, `tel:`, `data:`…: not a path inside the site.
  static func hasScheme(_ link: String) -> Bool {
    guard let colon = link.firstIndex(of: ":"), let first = link.first, first.isASCII,
      first.isLetter
    else {
      return false
    }
    return link[..<colon].allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".")
    }
  }
}
