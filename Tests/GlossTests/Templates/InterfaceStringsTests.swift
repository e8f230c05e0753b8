import Foundation
import GlossTestSupport
import Testing

@testable import Gloss

@Suite("Interface strings: one file per language, checked against English, chosen per page")
struct InterfaceStringsTests {
  static let english = """
    months: [January, February, March, April, May, June, July, August, September, October, November, December]
    date: "{day} {month} {year}"
    strings:
      articles: Articles & more
      min_read: "{{reading_minutes}} min read"
      terms:
        one: "{{term_count}} term"
        other: "{{term_count}} terms"
      page_number: "Page {{number}}"
    """

  static let urdu = """
    months: [جنوری, فروری, مارچ, اپریل, مئی, جون, جولائی, اگست, ستمبر, اکتوبر, نومبر, دسمبر]
    date: "{day} {month} {year}"
    strings:
      articles: مضامین
      min_read: "{{reading_minutes}} منٹ کا مطالعہ"
      terms:
        one: "{{term_count}} اصطلاح"
        other: "{{term_count}} اصطلاحات"
      page_number: "صفحہ {{number}}"
    """

  static let chinese = """
    months: [一月, 二月, 三月, 四月, 五月, 六月, 七月, 八月, 九月, 十月, 十一月, 十二月]
    date: "{year}年{month_number}月{day}日"
    strings:
      articles: 文章
      min_read: "阅读约 {{reading_minutes}} 分钟"
      terms:
        one: "{{term_count}} 个术语（单数）"
        other: "{{term_count}} 个术语"
      page_number: "第 {{number}} 页"
    """

  static let head = "<html lang=\"{{lang}}\" dir=\"{{dir}}\"><title>{{page_title}}</title>"

  static func theme(
    home: String =
      "{{#articles}}<p>{{title}}: {{date_display}} · {{t.min_read}} · {{t.terms}}</p>{{/articles}}<h2>{{t.articles}}</h2>",
    strings: [String: String] = ["en": english, "ur": urdu, "zh": chinese]
  ) -> [String: String] {
    var files = TestSite.minimalTheme.merging([
      "Theme/templates/partials/head.mustache": head,
      "Theme/templates/home.mustache": "{{> partials/head}}" + home,
      "Theme/templates/article.mustache":
        "{{> partials/head}}{{#article}}<p>{{date_display}} · {{t.min_read}}</p>{{/article}}<h2>{{t.articles}}</h2>{{{article.body_html}}}",
    ]) { _, new in new }
    for (code, text) in strings { files["Theme/strings/\(code).yml"] = text }
    return files
  }

  static func site(language: String, articles: String) -> String {
    """
    -- Content/site.yml --
    title: T
    base_url: https://example.org/
    language: \(language)
    \(articles)
    """
  }

  static let oneArticle = """
    -- Content/articles/a.md --
    ---
    title: A
    date: 2024-05-07
    ---
    Some words here.
    """

  @Test("an Urdu site reads right to left, with Urdu strings, months and plural forms")
  func urdu() throws {
    let site = try TestSite(
      Self.site(language: "ur", articles: Self.oneArticle), theme: Self.theme())
    try site.build()
    let home = try site.read("Site/index.html")
    #expect(home.hasPrefix("<html lang=\"ur\" dir=\"rtl\"><title>T</title>"))
    #expect(home.contains("<p>A: 7 مئی 2024 · 1 منٹ کا مطالعہ · 0 اصطلاحات</p><h2>مضامین</h2>"))
  }

  @Test("English escapes a string's text, and picks one or other by the count")
  func englishPlural() throws {
    let site = try TestSite(
      Self.site(language: "en", articles: Self.oneArticle)
        + "\n-- Content/glossary/words.md --\n---\nterm: words\ncategory: concept\nsummary: S.\n---\nB.\n",
      theme: Self.theme())
    try site.build()
    let home = try site.read("Site/index.html")
    #expect(home.hasPrefix("<html lang=\"en\" dir=\"ltr\">"))
    #expect(home.contains("<p>A: 7 May 2024 · 1 min read · 1 term</p><h2>Articles &amp; more</h2>"))
  }

  @Test("Chinese has no singular, writes dates its own way, and reads by the character")
  func chinese() throws {
    let text = String(repeating: "湿地里的苍鹭在等待涨潮。", count: 120) + " XYZ 。"
    let site = try TestSite(
      Self.site(
        language: "zh-Hans",
        articles: "-- Content/articles/a.md --\n---\ntitle: A\ndate: 2024-05-07\n---\n\(text)\n"
      )
        + "\n-- Content/glossary/x.md --\n---\nterm: XYZ\ncategory: concept\nsummary: S.\n---\nB.\n",
      theme: Self.theme(strings: ["en": Self.english, "zh": Self.chinese]))
    try site.build()
    let home = try site.read("Site/index.html")
    #expect(home.hasPrefix("<html lang=\"zh-Hans\" dir=\"ltr\">"))
    // 1,323 letters at 450 a minute (punctuation is not counted): 3 minutes, where counting
    // words between spaces would say 1. One term, and no singular form in Chinese.
    #expect(home.contains("<p>A: 2024年5月7日 · 阅读约 3 分钟 · 1 个术语</p><h2>文章</h2>"))
  }

  @Test("an article's own language sets its page's lang, dir and strings; the site keeps its own")
  func perArticleLanguage() throws {
    let site = try TestSite(
      Self.site(
        language: "ur",
        articles:
          "-- Content/articles/a.md --\n---\ntitle: A\nlanguage: en\ndate: 2024-05-07\n---\nWords.\n"
      ), theme: Self.theme())
    try site.build()
    let article = try site.read("Site/articles/a/index.html")
    #expect(
      article.hasPrefix(
        "<html lang=\"en\" dir=\"ltr\"><title>A · T</title><p>7 May 2024 · 1 min read</p><h2>Articles &amp; more</h2>"
      ))
    #expect(try site.read("Site/index.html").hasPrefix("<html lang=\"ur\" dir=\"rtl\">"))
  }

  @Test("a language tag that is not one is an error at its value")
  func badLanguageTag() throws {
    let site = try TestSite(
      Self.site(
        language: "ur",
        articles: "-- Content/articles/a.md --\n---\ntitle: A\nlanguage: \"en gb\"\n---\nWords.\n"),
      theme: Self.theme())
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Content/articles/a.md:3:11: error: 'language' must be a language tag such as en, ur, zh-Hans or pt-BR, got 'en gb'"
      ])
  }

  @Test("a site language that would break out of its attribute is refused at its value")
  func hostileSiteLanguage() throws {
    let site = try TestSite(
      Self.site(language: "'en\" onload=\"pwn()'", articles: Self.oneArticle), theme: Self.theme())
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Content/site.yml:3:11: error: 'language' must be a language tag such as en, ur, zh-Hans or pt-BR, got 'en\" onload=\"pwn()'"
      ])
  }

  @Test("a template naming a string English lacks is an error with a suggestion")
  func unknownKey() throws {
    let site = try TestSite(
      Self.site(language: "en", articles: Self.oneArticle),
      theme: Self.theme(home: "<h2>{{t.artcles}}</h2>"))
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Theme/templates/home.mustache:1:24: error: unknown string 't.artcles'; not in Theme/strings/en.yml (did you mean 't.articles'?)"
      ])
  }

  @Test("a string naming what its place does not have is an error there, naming the string")
  func stringNamesUnknownField() throws {
    let site = try TestSite(
      Self.site(language: "en", articles: Self.oneArticle),
      theme: Self.theme(home: "<h2>{{t.min_read}}</h2>"))
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Theme/templates/home.mustache:1:24: error: unknown name 'reading_minutes' in home page context (in string 'min_read' of Theme/strings/en.yml:5)"
      ])
  }

  @Test("a string written raw is an error: strings are text")
  func rawString() throws {
    let site = try TestSite(
      Self.site(language: "en", articles: Self.oneArticle),
      theme: Self.theme(home: "{{{t.articles}}}"))
    let errors = site.buildErrors().map(\.description)
    #expect(
      errors == [
        "Theme/templates/home.mustache:1:20: error: 't.articles' is text: write {{t.articles}} so that it is escaped"
      ])
  }

  @Test("a language's missing string is a warning naming its file and key, and English is shown")
  func missingKeyFallsBack() throws {
    let site = try TestSite(
      Self.site(language: "ur", articles: Self.oneArticle),
      theme: Self.theme(strings: [
        "en": Self.english,
        "ur": Self.urdu.replacingOccurrences(of: "  articles: مضامین\n", with: ""),
      ]))
    let report = try site.build()
    #expect(
      report.diagnostics.map(\.description).contains(
        "Theme/strings/ur.yml: warning: missing string 'articles'; the English one is shown"))
    #expect(try site.read("Site/index.html").hasSuffix("<h2>Articles &amp; more</h2>"))
  }

  @Test("an edit to a strings file reaches the notes the build writes into an unchanged article")
  func noteWordsFollowTheStrings() throws {
    let site = try TestSite(
      Self.site(language: "en", articles: Self.oneArticle)
        + "\n-- Content/annotations/a.yml --\n- id: n\n  quote: Some words\n  kind: fact-check\n  note: Checked.\n",
      theme: Self.theme(strings: [
        "en": Self.english + "\n  note_kind_fact_check: Checked fact\n"
      ]))
    #expect(site.rebuild().succeeded)
    let before = String(decoding: site.rebuiltFiles["articles/a/index.html"] ?? [], as: UTF8.self)
    #expect(before.contains("<span class=\"note-kind\">Checked fact</span>"))
    // The words a theme leaves out are English.
    #expect(before.contains("aria-label=\"Editor’s note 1\""))
    try site.edit(
      "Theme/strings/en.yml", replacing: "Checked fact", with: "Verified")
    #expect(site.rebuild("Theme/strings/en.yml").succeeded)
    let after = String(decoding: site.rebuiltFiles["articles/a/index.html"] ?? [], as: UTF8.self)
    #expect(after.contains("<span class=\"note-kind\">Verified</span>"))
  }

  @Test("digits from the strings file write every number and date of the language")
  func ownDigits() throws {
    let site = try TestSite(
      Self.site(language: "ur", articles: Self.oneArticle),
      theme: Self.theme(strings: [
        "en": Self.english, "ur": "digits: \"۰۱۲۳۴۵۶۷۸۹\"\n" + Self.urdu,
      ]))
    try site.build()
    #expect(
      try site.read("Site/index.html").contains(
        "<p>A: ۷ مئی ۲۰۲۴ · ۱ منٹ کا مطالعہ · ۰ اصطلاحات</p>"))
  }

  @Test("without strings files a theme has English dates and no t. names")
  func noStringsFolder() throws {
    let site = try TestSite(
      Self.site(language: "ur", articles: Self.oneArticle),
      theme: Self.theme(home: "{{#articles}}{{date_display}}{{/articles}}", strings: [:])
        .filter { !$0.key.contains("article.mustache") }.merging([
          "Theme/templates/article.mustache": "{{> partials/head}}"
        ]) { _, new in new })
    try site.build()
    #expect(
      try site.read("Site/index.html")
        == "<html lang=\"ur\" dir=\"rtl\"><title>T</title>7 May 2024")
  }

  @Test("a value holding a placeholder is written as it is, whatever order the values come in")
  func placeholdersFillOnce() {
    #expect(
      Placeholders.fill("{{a}} and {{b}}", ["a": "{{b}}", "b": "x"]) == "{{b}} and x")
    #expect(Placeholders.fill("{{unknown}} {{b}", ["b": "x"]) == "{{unknown}} {{b}")
    // Any script around and inside placeholders; single braces for date patterns.
    #expect(
      Placeholders.fill("第 {{n}} 页，«{{t}}» {{é}}", ["n": "٣", "t": "ネコ", "é": "ü"])
        == "第 ٣ 页，«ネコ» ü")
    #expect(
      Placeholders.fill(
        "{day} {month} {year}", ["day": "7", "month": "مئی", "year": "2024"],
        open: "{", close: "}") == "7 مئی 2024")
    #expect(Placeholders.fill("no placeholder, ñ", ["a": "b"]) == "no placeholder, ñ")
    var language = LanguageStrings.builtInEnglish
    language.months[4] = "{year}"
    #expect(language.date("2024-05-07") == "7 {year} 2024")
  }
}
