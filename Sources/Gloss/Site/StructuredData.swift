/// JSON-LD for search engines (schema.org): the article with its author, date and publisher,
/// each glossary entry as a `DefinedTerm` of the glossary's `DefinedTermSet`, and the
/// breadcrumbs of every page below the home page. Written with `JSONValue`, whose strings are
/// safe inside a `<script>` element whatever the content says.
enum StructuredData {
  static let context = JSONValue.string("https://schema.org")

  static func home(config: SiteConfig, routes: SiteRoutes) -> String {
    document([website(config, routes)])
  }

  static func article(
    _ article: Article, config: SiteConfig, routes: SiteRoutes, image: String? = nil
  ) -> String {
    let url = routes.url(of: .article(slug: article.slug))
    var members: [String: JSONValue] = [
      "@type": .string("Article"),
      "headline": .string(article.title),
      "url": .string(url),
      "mainEntityOfPage": .string(url),
      "inLanguage": .string(article.language ?? config.language),
      "publisher": publisher(config, routes),
    ]
    if let author = article.byline ?? config.author {
      members["author"] = .object(["@type": .string("Person"), "name": .string(author)])
    }
    if let date = article.date { members["datePublished"] = .string(date) }
    if let summary = article.summary { members["description"] = .string(summary) }
    if let image { members["image"] = .string(image) }
    return document([
      .object(members),
      breadcrumbs([(config.title, routes.url(of: .home)), (article.title, url)]),
    ])
  }

  static func glossary(config: SiteConfig, routes: SiteRoutes) -> String {
    document([
      termSet(config, routes),
      breadcrumbs([(config.title, routes.url(of: .home)), ("Glossary", routes.url(of: .glossary))]),
    ])
  }

  /// A page of a category's entries: a collection within the glossary's term set.
  static func category(
    _ category: EntryCategory, page: Route, config: SiteConfig, routes: SiteRoutes
  ) -> String {
    let url = routes.url(of: page)
    return document([
      .object([
        "@type": .string("CollectionPage"), "name": .string(category.pluralLabel),
        "url": .string(url), "isPartOf": termSet(config, routes),
      ]),
      breadcrumbs([
        (config.title, routes.url(of: .home)), ("Glossary", routes.url(of: .glossary)),
        (category.pluralLabel, url),
      ]),
    ])
  }

  static func entry(_ entry: GlossaryEntry, config: SiteConfig, routes: SiteRoutes) -> String {
    let url = routes.url(of: .entry(id: entry.id))
    var members: [String: JSONValue] = [
      "@type": .string("DefinedTerm"),
      "name": .string(entry.term),
      "description": .string(entry.summary),
      "url": .string(url),
      "inDefinedTermSet": termSet(config, routes),
    ]
    if !entry.aliases.isEmpty {
      members["alternateName"] = .array(entry.aliases.map(JSONValue.string))
    }
    return document([
      .object(members),
      breadcrumbs([
        (config.title, routes.url(of: .home)), ("Glossary", routes.url(of: .glossary)),
        (entry.term, url),
      ]),
    ])
  }

  private static func document(_ graph: [JSONValue]) -> String {
    JSONValue.object(["@context": context, "@graph": .array(graph)]).text
  }

  private static func website(_ config: SiteConfig, _ routes: SiteRoutes) -> JSONValue {
    var members: [String: JSONValue] = [
      "@type": .string("WebSite"), "name": .string(config.title),
      "url": .string(routes.url(of: .home)), "inLanguage": .string(config.language),
    ]
    if !config.description.isEmpty { members["description"] = .string(config.description) }
    return .object(members)
  }

  private static func publisher(_ config: SiteConfig, _ routes: SiteRoutes) -> JSONValue {
    .object([
      "@type": .string("Organization"), "name": .string(config.title),
      "url": .string(routes.url(of: .home)),
    ])
  }

  private static func termSet(_ config: SiteConfig, _ routes: SiteRoutes) -> JSONValue {
    .object([
      "@type": .string("DefinedTermSet"), "name": .string("Glossary · \(config.title)"),
      "url": .string(routes.url(of: .glossary)),
    ])
  }

  private static func breadcrumbs(_ trail: [(name: String, url: String)]) -> JSONValue {
    .object([
      "@type": .string("BreadcrumbList"),
      "itemListElement": .array(
        trail.enumerated().map { index, step in
          .object([
            "@type": .string("ListItem"), "position": .int(index + 1),
            "name": .string(step.name), "item": .string(step.url),
          ])
        }),
    ])
  }
}
