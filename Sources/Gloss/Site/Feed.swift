import Foundation

/// Atom feed of the articles. Absolute URLs from `base_url`; dates from the articles
/// themselves, never the clock, so the feed is the same on every build.
enum Feed {
  /// Entries in the feed: the newest articles, as Hugo's and Zola's feed limits keep it. Feed
  /// readers poll it; with every article's full text, 10,000 articles made an 89 MB file.
  static let entryLimit = 20

  /// The feed as UTF-8: with every article's body it is a large site's largest file, so it is
  /// built once in a buffer of about the right size instead of a growing String and a copy.
  /// - Parameter newest: the newest articles, at most `entryLimit`, rendered with absolute links.
  static func atomBytes(content: Content, routes: SiteRoutes, newest: [RenderedArticle]) -> [UInt8]
  {
    let config = content.config
    let updated = content.articles.lazy.compactMap(\.date).max() ?? "1970-01-01"
    var xml: [UInt8] = []
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
        <link rel="self" type="application/atom+xml" href="\(HTMLEscaping.xml(routes.url(of: .feed)))"/>
        <updated>\(updated)T00:00:00Z</updated>
        <generator>Gloss</generator>

      """
    for item in newest {
      let article = item.article
      let url = routes.url(of: .article(slug: article.slug))
      let date = (article.date ?? updated) + "T00:00:00Z"
      let author = article.byline ?? config.author ?? config.title
      // An article in another language than the site's says so (RFC 4287: xml:lang anywhere).
      let language = article.language.flatMap { $0 == config.language ? nil : $0 }
      let entryTag = language.map { "<entry xml:lang=\"\(HTMLEscaping.xml($0))\">" } ?? "<entry>"
      xml += """
          \(entryTag)
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
      // The body as escaped HTML, which feed readers show.
      xml += "    <content type=\"html\">\(HTMLEscaping.xml(item.markdown.html))</content>\n"
      xml += "  </entry>\n"
    }
    xml += "</feed>\n"
    return xml
  }
}

/// Text appended to the feed's buffer as UTF-8.
private func += (bytes: inout [UInt8], text: String) {
  bytes.append(contentsOf: text.utf8)
}
