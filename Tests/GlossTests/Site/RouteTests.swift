import Testing

@testable import Gloss

@Suite("The route table: every path, link and URL from one place")
struct RouteTests {
  @Test("relative links name the file and climb only as far as they must")
  func links() {
    let article = Route.article(slug: "nexus")
    let entry = Route.entry(id: "quad")
    #expect(Route.home.link(to: article) == "articles/nexus/index.html")
    #expect(Route.home.link(to: .glossary) == "glossary/index.html")
    #expect(article.link(to: entry) == "../../glossary/quad/index.html")
    #expect(article.link(to: .article(slug: "older")) == "../older/index.html")
    #expect(Route.glossary.link(to: entry) == "quad/index.html")
    #expect(entry.link(to: .entry(id: "aukus")) == "../aukus/index.html")
    #expect(entry.link(to: entry) == "index.html")
    #expect(entry.link(to: .asset("fonts/serif.woff2")) == "../../assets/fonts/serif.woff2")
    #expect(article.relativeRoot + Route.feed.path == "../../feed.xml")
  }

  @Test("category pages live under categories/, apart from every entry's folder")
  func categories() {
    let category = Route.category(key: "person")
    #expect(category.path == "categories/person/index.html")
    #expect(
      Route.categoryPage(key: "person", page: 2).path == "categories/person/page/2/index.html")
    #expect(Route.glossary.link(to: category) == "../categories/person/index.html")
    #expect(category.link(to: .entry(id: "quad")) == "../../glossary/quad/index.html")
    // An entry whose id is a category's key, or "categories", keeps its own folder.
    #expect(Route.entry(id: "person").path != category.path)
    #expect(Route.entry(id: "categories").path == "glossary/categories/index.html")
    let small = SiteRoutes(
      config: SiteConfig(title: "T", baseURL: "https://example.org/"), articles: [],
      entries: (0..<SiteRoutes.categoryPagesThreshold).map { "e\($0)" }, assets: [],
      categorySizes: [("person", SiteRoutes.categoryPagesThreshold)])
    #expect(small.categories.isEmpty && !small.pages.contains(category))
    let large = SiteRoutes(
      config: SiteConfig(title: "T", baseURL: "https://example.org/"), articles: [],
      entries: (0...SiteRoutes.categoryPagesThreshold).map { "e\($0)" }, assets: [],
      categorySizes: [("event", 0), ("person", SiteRoutes.categoryPagesThreshold + 1)])
    #expect(large.categories == ["person"])
    #expect(large.pages.contains(.categoryPage(key: "person", page: 2)))
    #expect(!large.pages.contains(.categoryPage(key: "person", page: 3)))
    #expect(large.url(of: category) == "https://example.org/categories/person/")
  }

  @Test("absolute URLs are clean; the 404 page's root is the base URL's path")
  func urls() {
    let routes = SiteRoutes(
      config: SiteConfig(title: "T", baseURL: "https://example.org/readings"),
      articles: ["a"], entries: ["quad"], assets: ["style.css"])
    #expect(routes.url(of: .home) == "https://example.org/readings/")
    #expect(routes.url(of: .entry(id: "quad")) == "https://example.org/readings/glossary/quad/")
    #expect(routes.url(of: .feed) == "https://example.org/readings/feed.xml")
    #expect(routes.root(of: .notFound) == "/readings/")
    #expect(routes.root(of: .glossary) == "../")
    #expect(
      routes.all.map(\.path) == [
        "index.html", "articles/a/index.html", "glossary/index.html", "glossary/quad/index.html",
        "404.html", "feed.xml", "sitemap.xml", "robots.txt", "search/index.js",
        "search/entries.js", "search/t/0.js", "search/w/0.js", "search/d/0.js", "assets/style.css",
      ])
    #expect(!routes.listed.contains(.notFound))
  }

  @Test("a base URL's scheme is case-insensitive and written in lower case")
  func schemeCase() {
    let config = SiteConfig(title: "T", baseURL: "Https://Example.org/Readings")
    #expect(config.baseURL == "https://Example.org/Readings/")
    #expect(config.basePath == "/Readings/")
  }
}
