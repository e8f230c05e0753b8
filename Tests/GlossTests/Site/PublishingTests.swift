import Foundation
import Testing

@testable import Gloss

@Suite("Publishing: robots.txt, dates in the sitemap, another base URL for one build")
struct PublishingTests {
  static let site =
    minimalSite + entry("quad", term: "Quad") + """

      -- Content/articles/new.md --
      ---
      title: New
      date: 2024-06-02
      ---
      The Quad met.
      -- Content/articles/old.md --
      ---
      title: Old
      date: 2024-01-15
      ---
      Older text.
      -- Content/articles/undated.md --
      ---
      title: Undated
      ---
      No date.
      """

  @Test("robots.txt allows everything and names the sitemap by its absolute URL")
  func robots() throws {
    let site = try TestSite(Self.site)
    try site.build()
    #expect(
      try site.read("Site/robots.txt")
        == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")
  }

  @Test("the sitemap gives articles their date and the home page the newest one")
  func lastmod() throws {
    let site = try TestSite(Self.site)
    try site.build()
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(
      sitemap.contains("<url><loc>https://example.org/</loc><lastmod>2024-06-02</lastmod></url>"))
    #expect(
      sitemap.contains(
        "<url><loc>https://example.org/articles/old/</loc><lastmod>2024-01-15</lastmod></url>"))
    #expect(sitemap.contains("<url><loc>https://example.org/articles/undated/</loc></url>"))
    #expect(sitemap.contains("<url><loc>https://example.org/glossary/quad/</loc></url>"))
  }

  @Test("--base-url publishes one build under another address; site.yml is left as it was")
  func baseURLOverride() throws {
    let site = try TestSite(Self.site)
    let siteYML = try site.read("Content/site.yml")
    var paths = site.paths
    paths.baseURL = "HTTPS://preview.example.net/pr-7"
    try Builder(paths: paths).build()
    let sitemap = try site.read("Site/sitemap.xml")
    #expect(sitemap.contains("<loc>https://preview.example.net/pr-7/articles/new/</loc>"))
    #expect(!sitemap.contains("https://example.org/"))
    #expect(
      try site.read("Site/feed.xml").contains(
        "https://preview.example.net/pr-7/glossary/quad/index.html"))
    #expect(
      try site.read("Site/robots.txt").hasSuffix(
        "Sitemap: https://preview.example.net/pr-7/sitemap.xml\n"))
    #expect(try site.read("Content/site.yml") == siteYML)
    // The next build without it is back at site.yml's address.
    try site.build()
    #expect(
      try site.read("Site/sitemap.xml").contains("<loc>https://example.org/articles/new/</loc>"))
  }

  @Test("gloss build --base-url takes only an absolute http(s) URL: a usage error otherwise")
  func badBaseURL() throws {
    let site = try TestSite(Self.site)
    let run = try GlossExecutable.run(["build", "--base-url", "example.org/x"], in: site.root)
    #expect(run.status == 64)
    #expect(run.stderr.contains("--base-url must be an absolute http(s) URL"))
    #expect(!site.exists("Site"))
    let good = try GlossExecutable.run(
      ["build", "--base-url", "https://preview.example.net/"], in: site.root)
    #expect(good.status == 0)
    #expect(try site.read("Site/robots.txt").contains("https://preview.example.net/sitemap.xml"))
  }
}
