/// What every page shows: the site, the page's title and description, where it is.
public struct PageCommon: TemplateModel {
  public enum Kind: String, Sendable, CaseIterable {
    case home, article, glossary, category, entry
    case notFound = "404"
  }

  public var root: String
  public var site: SiteInfo
  /// The page's language tag (an article's own, or the site's) and which way it runs.
  public var language: String
  public var direction: TextDirection
  public var title: String
  public var description: String
  public var kind: Kind
  public var feedURL: String
  /// The page's absolute URL; none for the 404 page, which is served at any address.
  public var canonical: String?
  /// JSON-LD for search engines, safe inside a `<script>` element (`StructuredData`).
  public var structuredData: String?
  /// The Open Graph and Twitter card of the page.
  public var share: ShareCard
  /// The strings gloss.js shows, in the page's language (`assets/strings-<code>.js`), from
  /// the page.
  public var stringsURL: String

  public static let templateFields = TemplateFields<Self>(
    "page",
    [
      .text("root") { $0.root },
      .object("site") { $0.site },
      .text("page_title") { $0.title },
      // Absent rather than empty, for `{{#page_description}}`: neither the site nor the page
      // may have one.
      .text("page_description") { $0.description.isEmpty ? nil : $0.description },
      .text("page_kind") { $0.kind.rawValue },
      .text("lang") { $0.language },
      .text("dir") { $0.direction.rawValue },
    ],
    Kind.allCases.map { kind in .flagIfTrue("is_\(kind.rawValue)") { $0.kind == kind } },
    [
      .text("feed_url") { $0.feedURL },
      .text("strings_url") { $0.stringsURL },
      .text("generator") { _ in "Gloss" },
      .text("canonical") { $0.canonical },
      .html("json_ld") { $0.structuredData },
      .object("share") { $0.share },
    ])
}

/// The site's settings as pages show them.
public struct SiteInfo: TemplateModel {
  public var title: String
  public var description: String
  public var language: String
  public var baseURL: String

  public static let templateFields = TemplateFields<Self>(
    "site",
    [
      .text("title") { $0.title },
      .text("description") { $0.description },
      .text("language") { $0.language },
      .text("base_url") { $0.baseURL },
    ])
}
