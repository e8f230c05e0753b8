/// Site-wide settings from `Content/site.yml`.
public struct SiteConfig: Sendable, Hashable {
  public var title: String
  public var description: String
  /// Absolute, with a trailing slash; used only where a format needs absolute URLs.
  public var baseURL: String
  public var language: String
  public var linkPolicy: LinkPolicy
  public var author: String?
  /// Articles per page of the home page's list (`paginate` in site.yml).
  public var paginate: Int
  /// The picture shared links to any page show, unless an article names its own; without one,
  /// the theme's `assets/share-card.png`.
  public var image: ShareImage?
  /// The glossary's categories in display order (`categories` in site.yml; the nine defaults
  /// when the site names none).
  public var categories: [EntryCategory]

  public init(
    title: String, description: String = "", baseURL: String = "https://example.org/",
    language: String = "en",
    linkPolicy: LinkPolicy = .firstInArticle, author: String? = nil,
    paginate: Int = SiteConfig.defaultPaginate, image: ShareImage? = nil,
    categories: [EntryCategory] = EntryCategory.defaults
  ) {
    self.title = title
    self.description = description
    self.baseURL = Self.normalized(baseURL: baseURL)
    self.language = language
    self.linkPolicy = linkPolicy
    self.author = author
    self.paginate = paginate
    self.image = image
    self.categories = categories
  }

  /// The path part of `base_url` ("/" or "/sub/path/"), for pages served at unknown depths.
  public static let defaultPaginate = 20

  /// Whether a base URL can be published under: an absolute http(s) URL with a host.
  public static func isValid(baseURL: String) -> Bool { URLPolicy.isAllowedExternal(baseURL) }

  /// With a trailing slash, and its scheme in lower case (schemes are case-insensitive:
  /// "Https://" is written "https://" everywhere it appears).
  public static func normalized(baseURL: String) -> String {
    var url = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    if let schemeEnd = url.range(of: "://") {
      url.replaceSubrange(
        url.startIndex..<schemeEnd.lowerBound, with: url[..<schemeEnd.lowerBound].lowercased())
    }
    return url
  }

  public var basePath: String {
    guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
    let afterScheme = baseURL[schemeEnd.upperBound...]
    guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
    return String(afterScheme[slash...])
  }
}

public struct SourceLink: Sendable, Hashable {
  public var title: String
  public var url: String
}

/// A position in a content file, kept for diagnostics raised by later stages.
public struct FilePosition: Sendable, Hashable {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }
}

public struct GlossaryEntry: Sendable, Hashable {
  public var id: String
  public var term: String
  public var aliases: [String]
  public var category: EntryCategory
  public var summary: String
  public var seeAlso: [String]
  public var sources: [SourceLink]
  public var matchCase: Bool
  /// CommonMark body.
  public var body: String
  public var path: String
  public var bodyFirstLine: Int
  /// Where the term and each alias are written, to name both places when two entries collide.
  public var termLocation: FilePosition
  public var aliasLocations: [FilePosition]
  public var seeAlsoLocations: [FilePosition]

  /// The term first, then the aliases: the spellings the linker looks for.
  public var spellings: [String] { [term] + aliases }
}

public struct Article: Sendable, Hashable {
  public enum Format: String, Sendable, Hashable { case text, markdown }

  public var slug: String
  public var title: String
  public var byline: String?
  public var authorNote: String?
  /// ISO date, `YYYY-MM-DD`.
  public var date: String?
  public var summary: String?
  public var sourceTitle: String?
  public var sourceURL: String?
  public var linkPolicy: LinkPolicy?
  /// The article's own language tag, when it is not the site's: its page's `lang` and `dir`.
  public var language: String? = nil
  /// CommonMark body (imported when the article is plain text).
  public var markdown: String
  public var format: Format
  public var path: String
  /// File line of the first body line, for diagnostics about paragraphs.
  public var bodyFirstLine: Int
  /// The picture a shared link to the article shows, instead of the site's.
  public var image: ShareImage? = nil
}

/// Everything under `Content/`, loaded and validated.
public struct Content: Sendable {
  public var config: SiteConfig
  /// Newest first, then by slug.
  public var articles: [Article]
  /// By id.
  public var glossary: [GlossaryEntry]
  public var annotations: [String: [Annotation]]
  /// Paths of the files under `Content/static/`, sorted: published as they are, at the same
  /// paths (as Hugo's and Zola's `static/` folders are).
  public var staticFiles: [String]
  /// The pixel size of each share image under `static/` that site.yml or an article names.
  public var imageSizes: [String: ImageSize]

  public init(
    config: SiteConfig, articles: [Article], glossary: [GlossaryEntry],
    annotations: [String: [Annotation]] = [:], staticFiles: [String] = [],
    imageSizes: [String: ImageSize] = [:]
  ) {
    self.config = config
    self.articles = articles.sorted { ($0.date ?? "", $1.slug) > ($1.date ?? "", $0.slug) }
    self.glossary = glossary.sorted { $0.id < $1.id }
    self.annotations = annotations
    self.staticFiles = staticFiles
    self.imageSizes = imageSizes
  }
}

/// An editor's note anchored to a quote in an article (W3C Web Annotation TextQuoteSelector).
public struct Annotation: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case context
    case factCheck = "fact-check"
    case correction, counterpoint, source
    // Labels are the theme's strings `note_kind_<kind>` (`NoteWords`), English built in.
  }

  public var id: String
  public var quote: String
  public var prefix: String?
  public var suffix: String?
  public var kind: Kind
  public var note: String
  public var sources: [SourceLink]
  public var location: FilePosition
}
