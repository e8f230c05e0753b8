/// The sitemap: every page but the 404, at its absolute URL, from the route table. Articles
/// carry their date as `lastmod`; the pages listing them carry the newest article's date.
enum Sitemap {
  static func xml(routes: SiteRoutes, articles: [Article]) -> String {
    let dates = Dictionary(
      articles.compactMap { article in article.date.map { (article.slug, $0) } },
      uniquingKeysWith: { first, _ in first })
    // Articles are newest first, undated ones last.
    let newest = articles.lazy.compactMap(\.date).max()
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

      """
    for route in routes.listed {
      let date: String? =
        switch route {
        case .article(let slug): dates[slug]
        case .home, .homePage: newest
        default: nil
        }
      xml += "  <url><loc>\(HTMLEscaping.xml(routes.url(of: route)))</loc>"
      if let date { xml += "<lastmod>\(date)</lastmod>" }
      xml += "</url>\n"
    }
    xml += "</urlset>\n"
    return xml
  }
}
