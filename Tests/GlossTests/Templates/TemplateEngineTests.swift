import Foundation
import Mustache
import Testing

@testable import Gloss

/// Gloss compiles templates itself, against the page models; swift-mustache, the engine themes
/// were first written for, is the reference for what they render.
@Suite("Templates: compiled against the page models, rendered as swift-mustache renders them")
struct TemplateEngineTests {
  /// A record as swift-mustache sees a context: a dictionary, with absent values left out.
  static func dictionary(_ record: TemplateRecord, _ schema: TemplateSchema) -> [String: Any] {
    var result: [String: Any] = [:]
    for (field, value) in zip(schema.fields, record.values) {
      if let converted = plain(value, field.type) { result[field.name] = converted }
    }
    return result
  }

  static func plain(_ value: TemplateValue, _ type: TemplateType) -> Any? {
    switch (value, type) {
    case (.absent, _): nil
    case (.text(let text), _), (.html(let text), _): text
    case (.number(let number), _): number
    case (.flag(let flag), _): flag
    case (.record(let record), .object(let schema)): dictionary(record, schema)
    case (.list(let items), .list(let element)): items.compactMap { plain($0, element) }
    default: nil
    }
  }

  /// The theme's templates as swift-mustache reads them: `{{t.key}}` has no meaning there, so
  /// each is replaced by the English string it stands for, its text escaped as Gloss escapes it
  /// and its `{{names}}` left to the engine. A string with a singular form becomes its plural
  /// ("other") form: every count in the first edition is above one.
  static func referenceLibrary(_ files: [String], folder: URL, strings: LanguageStrings) throws
    -> MustacheLibrary
  {
    var templates: [String: MustacheTemplate] = [:]
    for file in files where file.hasSuffix(".mustache") {
      var text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      for (key, forms) in strings.strings {
        var expanded = ""
        var rest = Substring(forms.other)
        while let open = rest.range(of: "{{") {
          var escaped: [UInt8] = []
          HTMLEscaping.appendTemplateEscaped(String(rest[..<open.lowerBound]), to: &escaped)
          expanded += String(decoding: escaped, as: UTF8.self)
          guard let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) else {
            break
          }
          expanded += rest[open.lowerBound..<close.upperBound]
          rest = rest[close.upperBound...]
        }
        var escaped: [UInt8] = []
        HTMLEscaping.appendTemplateEscaped(String(rest), to: &escaped)
        expanded += String(decoding: escaped, as: UTF8.self)
        text = text.replacingOccurrences(of: "{{t.\(key)}}", with: expanded)
      }
      templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
    }
    return MustacheLibrary(templates: templates)
  }

  /// Every page of the first edition, through both engines.
  @Test("every page of the first edition renders byte for byte as swift-mustache renders it")
  func realThemeMatchesReference() async throws {
    let content = FirstEditionTests.repository.appendingPathComponent("Content")
    let (compared, expected) = try Self.compareWithReference(content: content)
    #expect(compared == expected)
  }

  /// A glossary large enough for category pages: its index and those pages, through both.
  @Test("a large glossary's index and category pages render as swift-mustache renders them")
  func categoryPagesMatchReference() async throws {
    let site = try TestSite(CategoryPagesTests.site(["person": 150, "place": 60]))
    let (compared, expected) = try Self.compareWithReference(content: site.url("Content"))
    #expect(compared == expected)
  }

  /// Renders every page of the content with the repository's theme through both engines,
  /// expecting the same bytes; returns how many pages were compared and how many the content
  /// should have.
  static func compareWithReference(content folder: URL) throws -> (Int, Int) {
    let repository = FirstEditionTests.repository
    let loaded = ContentLoader(directory: folder).load()
    let content = try #require(loaded.content)
    let theme = try Theme(directory: repository.appendingPathComponent("Theme"))
    let generator = SiteGenerator(content: content, theme: theme)
    let rendered = content.articles.map { generator.renderArticle($0) }
    var index = MentionIndex()
    _ = index.update(
      rendered.enumerated().map { ($1.article.slug, $0, generator.mentionSites($1)) })
    let bodies = Dictionary(
      uniqueKeysWithValues: content.glossary.map { ($0.id, generator.entryBody($0)) })
    let pages = generator.pageModels(
      rendered: rendered, mentions: index.lists, entryBodies: bodies)
    let reference = try Self.referenceLibrary(
      Theme.files(under: repository.appendingPathComponent("Theme/templates")),
      folder: repository.appendingPathComponent("Theme/templates"), strings: theme.strings.english)
    var compared = 0
    for route in generator.routes.pages {
      let model = try #require(
        pages.model(
          for: route, article: { slug in rendered.first { $0.article.slug == slug } },
          entry: { id in content.glossary.first { $0.id == id } }))
      let (name, record, schema): (String, TemplateRecord, TemplateSchema) =
        switch model {
        case .home(let page): ("home", page.templateRecord, HomePage.templateSchema)
        case .article(let page): ("article", page.templateRecord, ArticlePage.templateSchema)
        case .glossary(let page):
          ("glossary", page.templateRecord, GlossaryIndexPage.templateSchema)
        case .category(let page): ("category", page.templateRecord, CategoryPage.templateSchema)
        case .entry(let page): ("entry", page.templateRecord, EntryPage.templateSchema)
        case .notFound(let page): ("404", page.templateRecord, NotFoundPage.templateSchema)
        }
      let expected = try #require(
        reference.render(Self.dictionary(record, schema), withTemplate: name))
      let actual = String(decoding: model.render(with: theme), as: UTF8.self)
      #expect(actual == expected, "\(route.path) differs from swift-mustache's rendering")
      compared += 1
    }
    let routes = generator.routes
    return (
      compared,
      content.articles.count + content.glossary.count + 3 + routes.categories.count
    )
  }

  /// The whitespace rules, where engines differ most: standalone tags, indented partials,
  /// comments, set delimiters, inverted sections, dotted names and `{{.}}`.
  @Test(
    "whitespace, partials, sections and escaping agree with swift-mustache",
    arguments: [
      "<ul>\n  {{#articles}}\n  <li>{{title}}</li>\n  {{/articles}}\n</ul>\n",
      "a\n  {{> partials/top}}\nb\n  {{> partials/top}} c\n",
      "{{#articles}}\n    {{> partials/item}}\n{{/articles}}\n",
      "  {{! a comment\n  on two lines }}\nx {{! inline }} y\n",
      "{{=<% %>=}}\n<% site.title %> {{not a tag}}\n<%={{ }}=%>\n{{site.title}}\n",
      "{{^articles}}none{{/articles}}{{#has_articles}}some{{/has_articles}}\n",
      "{{#articles}}{{#byline}}by {{.}}{{/byline}}{{^byline}}anonymous{{/byline}};{{/articles}}\n",
      "<p title=\"{{site.title}}\">{{site.description}}</p>  \n  ",
      "{{#articles}}{{site.title}}/{{title}} {{/articles}}{{site.title}}",
    ])
  func whitespaceRules(template: String) throws {
    let site = try TestSite(minimalSite)
    try site.write("Theme/templates/home.mustache", template)
    let partials = [
      "partials/item": "<li>{{title}}</li>\n{{#byline}}\n<span>{{.}}</span>\n{{/byline}}\n",
      "partials/top":
        "<h1>{{site.title}}</h1>\n{{#has_articles}}\n<p>{{entry_count}}</p>\n{{/has_articles}}\n",
    ]
    for (name, text) in partials { try site.write("Theme/templates/\(name).mustache", text) }
    let theme = try Theme(directory: site.root.appendingPathComponent("Theme"))
    let summary = { (title: String, byline: String?) in
      ArticleSummary(
        slug: "s", title: title, byline: byline, summary: nil, date: nil, dateDisplay: nil,
        readingMinutes: 1, termCount: 0, noteCount: 0, termCountOne: false)
    }
    let page = HomePage(
      common: PageCommon(
        root: "",
        site: SiteInfo(title: "T & <S>", description: "d'\"q\"", language: "en", baseURL: "/"),
        language: "en", direction: .leftToRight, title: "t", description: "d", kind: .home,
        feedURL: "feed.xml", canonical: nil,
        share: ShareCard(
          title: "t", description: "d", kind: .website, url: "https://x/", siteName: "T & <S>",
          locale: "en_US"),
        stringsURL: "assets/strings-en.js"),
      articles: [
        ArticleCard(summary: summary("One <b>", "Ann"), url: "a/"),
        ArticleCard(summary: summary("Two", nil), url: "b/"),
      ],
      entryCount: 0, glossaryURL: "g/")
    var templates = ["home": try MustacheTemplate(string: template)]
    for (name, text) in partials { templates[name] = try MustacheTemplate(string: text) }
    let reference = MustacheLibrary(templates: templates)
    let expected = reference.render(
      Self.dictionary(page.templateRecord, HomePage.templateSchema), withTemplate: "home")
    #expect(String(decoding: theme.render(.home, page), as: UTF8.self) == expected)
  }
}
