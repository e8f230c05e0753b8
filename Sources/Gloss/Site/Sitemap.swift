/// The sitemap: every page but the 404, at its absolute URL, from the route table.
enum Sitemap {
  static func xml(routes: SiteRoutes) -> String {
    var xml = """
      <?xml version="1.0" encoding="utf-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

      """
    for route in routes.listed {
      xml += "  <url><loc>\(HTMLEscaping.xml(routes.url(of: route)))</loc></url>\n"
    }
    xml += "</urlset>\n"
    return xml
  }
}
