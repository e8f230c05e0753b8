import Foundation

/// Atom feed of the articles. Absolute URLs from `base_url`; dates from the articles
/// themselves, never the clock, so the feed is the same on every build.
enum Feed {
  /// Entries in the feed: the newest articles, as Hugo's and Zola's feed limits keep it. Feed
  /// readers poll it; with every article's full text, 10,000 articles made an 89 MB file.
  static let entryLimit = 20

  static func atom(content: Content, rendered: [RenderedArticle]) -> String {
    String(decoding: atomBytes(content: content, rendered: rendered), as: UTF8.self)
  }

  /// The feed as UTF-8: with every article's body it is a large site's largest file, so it is
  /// built once in a buffer of about the right size instead of a growing String and a copy.
  static func atomBytes(content: Content, rendered: [RenderedArticle]) -> [UInt8] {
    let config = content.config
    let dated = rendered.compactMap { item in item.article.date.map { (item, $0) } }
    let updated = dated.map(\.1).max() ?? "1970-01-01"
    var xml: [UInt8] = []
    let newest = rendered.prefix(entryLimit)
    xml.reserveCapacity(newest.reduce(1024) { $0 + $1.markdown.html.utf8.count * 13 / 10 + 640 })
    xml += """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(HTMLEscaping.xml(config.language))">
        <title>\(HTMLEscaping.xml(config.title))</title>

      """
    if !config.description.isEmpty {
      xml += "  <subtitle>\(HTMLEscaping.xml(config.description))</subtitle>\n"
    }
    xml += """
        <id>\(HTMLEscaping.xml(config.baseURL))</id>
        <link rel="alternate" type="text/html" href="\(HTMLEscaping.xml(config.baseURL))"/>
        <link rel="self" type="application/atom+xml" href="\(HTMLEscaping.xml(config.baseURL + "feed.xml"))"/>
        <updated>\(updated)T00:00:00Z</updated>
        <generator>Gloss</generator>

      """
    for item in newest {
      let article = item.article
      let url = config.baseURL + "articles/\(article.slug)/"
      let date = (article.date ?? updated) + "T00:00:00Z"
      let author = article.byline ?? config.author ?? config.title
      xml += """
          <entry>
            <title>\(HTMLEscaping.xml(article.title))</title>
            <id>\(HTMLEscaping.xml(url))</id>
            <link rel="alternate" type="text/html" href="\(HTMLEscaping.xml(url))"/>
            <published>\(date)</published>
            <updated>\(date)</updated>
            <author><name>\(HTMLEscaping.xml(author))</name></author>

        """
      if let summary = article.summary {
        xml += "    <summary>\(HTMLEscaping.xml(summary))</summary>\n"
      }
      // The body as escaped HTML: feed readers show it; relative term links are made absolute.
      let body = absolutizingLinks(item.markdown.html, base: config.baseURL)
      xml += "    <content type=\"html\">\(HTMLEscaping.xml(body))</content>\n"
      xml += "  </entry>\n"
    }
    xml += "</feed>\n"
    return xml
  }

  /// `href="../../` → `href="<base>`, on bytes. The pattern is ASCII and only occurs in
  /// attributes (cmark escapes `"` in text), so this is the same as Foundation's
  /// `replacingOccurrences`, without bridging every article body through NSString.
  static func absolutizingLinks(_ html: String, base: String) -> String {
    let pattern = Array("href=\"../../".utf8)
    let replacement = Array("href=\"\(base)".utf8)
    let source = Array(html.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(source.count + 1024)
    var index = 0
    while index < source.count {
      if source[index] == pattern[0], source.count - index >= pattern.count,
        source[index..<(index + pattern.count)].elementsEqual(pattern)
      {
        output += replacement
        index += pattern.count
      } else {
        output.append(source[index])
        index += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}

/// Text appended to the feed's buffer as UTF-8.
private func += (bytes: inout [UInt8], text: String) {
  bytes.append(contentsOf: text.utf8)
}

enum Sitemap {
  static func xml(content: Content) -> String {
    let base = content.config.baseURL
    var paths = [""]
    paths += content.articles.map { "articles/\($0.slug)/" }
    paths.append("glossary/")
    paths += content.glossary.map { "glossary/\($0.id)/" }
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

      """
    for path in paths {
      xml += "  <url><loc>\(HTMLEscaping.xml(base + path))</loc></url>\n"
    }
    xml += "</urlset>\n"
    return xml
  }
}
