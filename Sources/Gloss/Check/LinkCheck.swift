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
    var pages: [String: PageLinks] = [:]
    for file in files where file.path.hasSuffix(".html") {
      pages[file.path] = PageLinks(html: file.bytes)
    }
    return check(
      pages: pages, paths: Set(files.map(\.path)), outputDisplay: outputDisplay, sources: sources)
  }

  /// - Parameters:
  ///   - pages: what each HTML page links to and names, by path.
  ///   - paths: every file of the site.
  static func check(
    pages: [String: PageLinks], paths: Set<String>, outputDisplay: String,
    sources: ContentSources?
  ) -> [Diagnostic] {
    let ids = pages.mapValues(\.ids)
    // In path order: the same site, the same findings in the same order.
    let ordered = pages.sorted { $0.key < $1.key }
    var diagnostics: [Diagnostic] = []
    for (path, page) in ordered {
      for id in page.duplicateIDs {
        diagnostics.append(
          .warning(
            "\(outputDisplay)/\(path)",
            "id '\(id)' is used more than once on the page; links to #\(id) reach only the first"))
      }
    }
    // Pages are checked on every core: a large site has millions of links.
    let checked = ConcurrentMap.map(ordered.filter { $0.key != Route.notFound.path }) {
      path, page -> [Diagnostic] in
      var found: [Diagnostic] = []
      var reported = Set<String>()
      for link in page.hrefs + page.sources {
        guard let problem = resolve(link, from: path, paths: paths, ids: ids),
          reported.insert(link).inserted
        else { continue }
        found.append(
          diagnostic(
            "broken link '\(decodeEntities(link))': \(problem)", link: link, page: path,
            outputDisplay: outputDisplay, sources: sources))
      }
      for attribute in PageLinks.referenceAttributes {
        var missing: [String] = []
        for value in page.references[attribute] ?? [] {
          for id in value.split(separator: " ").map(String.init)
          where !page.ids.contains(id) && !missing.contains(id) {
            missing.append(id)
          }
        }
        guard !missing.isEmpty else { continue }
        // One line per page: a theme that forgets the term previews would otherwise print one per term.
        let listed =
          missing.prefix(4).map { "'\($0)'" }.joined(separator: ", ")
          + (missing.count > 4 ? ", …" : "")
        found.append(
          .warning(
            "\(outputDisplay)/\(path)",
            "\(attribute) refers to \(missing.count) id\(missing.count == 1 ? "" : "s") that no element on the page has: \(listed)"
          ))
      }
      return found
    }
    diagnostics += checked.joined()
    return diagnostics
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
    let decoded = decodeEntities(link)
    if hasScheme(decoded) || decoded.hasPrefix("//") { return nil }
    var target = decoded
    var fragment: String?
    if let hash = target.firstIndex(of: "#") {
      fragment = String(target[target.index(after: hash)...])
      target = String(target[..<hash])
    }
    if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
    target = target.removingPercentEncoding ?? target
    var resolved: String
    if target.isEmpty {
      resolved = page
    } else {
      if target.hasPrefix("/") {
        return "absolute paths break under file:// and sub-paths; use a relative link"
      }
      var parts = page.split(separator: "/").dropLast().map(String.init)
      for part in target.split(separator: "/", omittingEmptySubsequences: false) {
        switch part {
        case "..":
          guard !parts.isEmpty else { return "leads outside the site" }
          parts.removeLast()
        case ".", "": continue
        default: parts.append(String(part))
        }
      }
      resolved = parts.joined(separator: "/")
      if target.hasSuffix("/") || resolved.isEmpty {
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
    }
    if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html") {
      let id = fragment.removingPercentEncoding ?? fragment
      guard ids[resolved]?.contains(id) == true else {
        return "no element with id '\(id)' in \(resolved)"
      }
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
