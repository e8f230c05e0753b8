import Foundation
import Testing

@testable import GlossServer

@Suite("Serving rules: paths, types, dates, events")
struct ServingRulesTests {
  let site: Set<String> = ["index.html", "articles/a/index.html", "assets/style.css", "404.html"]

  func resolve(_ raw: String, query: String? = nil) -> RequestPath.Resolution {
    RequestPath.resolve(raw, query: query, exists: site.contains)
  }

  @Test("files, directory indexes and slash redirects")
  func resolution() {
    #expect(resolve("/") == .file("index.html"))
    #expect(resolve("/index.html") == .file("index.html"))
    #expect(resolve("/articles/a/") == .file("articles/a/index.html"))
    #expect(resolve("/articles/a") == .redirect(location: "/articles/a/"))
    #expect(resolve("/articles/a", query: "x=1") == .redirect(location: "/articles/a/?x=1"))
    #expect(resolve("/assets/style.css") == .file("assets/style.css"))
    #expect(
      resolve("/assets/%73tyle.css") == .file("assets/style.css"),
      "percent-encoded letters are decoded")
    #expect(resolve("/assets/style.css/") == .notFound)
    #expect(resolve("/articles/") == .notFound)
    #expect(resolve("/missing") == .notFound)
    #expect(resolve("/.hidden") == .notFound)
  }

  @Test("every spelling of a step outside the root is a bad request")
  func hostilePaths() {
    let hostile = [
      "/..", "/../index.html", "/a/../../index.html", "/%2e%2e/index.html", "/%2E%2e/", "/.%2E/x",
      "/%2e/index.html",
      "/./index.html", "/..%2findex.html", "/%252e%252e/index.html", "/%252fetc", "/..\\index.html",
      "/%5c..",
      "/index.html%00", "/%00", "/a%0d%0aSet-Cookie:x", "/%c0%ae%c0%ae/", "/%ff", "/%", "/%2",
      "/%g0", "relative",
      "", "*", "/\u{7F}",
    ]
    for path in hostile {
      #expect(RequestPath.resolve(path, exists: { _ in true }) == .badRequest, "\(path)")
    }
  }

  @Test("a redirect never leaves the host, whatever the path looks like")
  func redirectsStayLocal() {
    let resolution = RequestPath.resolve("//evil.example//a", query: "x\r\ny") {
      $0 == "evil.example/a/index.html"
    }
    #expect(resolution == .redirect(location: "/evil.example/a/?xy"))
  }

  @Test("content types for every file type a site carries")
  func mediaTypes() {
    let expected = [
      "index.html": "text/html; charset=utf-8", "assets/style.css": "text/css; charset=utf-8",
      "assets/gloss.js": "text/javascript; charset=utf-8", "assets/logo.svg": "image/svg+xml",
      "feed.xml": "application/xml; charset=utf-8", "data/terms.json": "application/json",
      "assets/photo.PNG": "image/png", "assets/photo.jpg": "image/jpeg",
      "assets/photo.jpeg": "image/jpeg",
      "assets/fonts/serif.woff2": "font/woff2", "favicon.ico": "image/x-icon",
      "robots.txt": "text/plain; charset=utf-8",
      "assets/blob": "application/octet-stream",
      "assets/archive.unknown": "application/octet-stream",
    ]
    for (path, type) in expected { #expect(MediaType.forPath(path) == type, "\(path)") }
  }

  @Test("HTTP dates are IMF-fixdate, both ways")
  func httpDates() {
    #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
    #expect(HTTPDate.format(951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
    for seconds in [0, 86_399, 951_782_400, 1_700_000_000, 4_102_444_800] {
      #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
    }
    #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
    #expect(HTTPDate.parse("garbage") == nil)
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
  }

  @Test("the script goes before the last </body>, whatever its case, or at the end")
  func injection() {
    func inject(_ html: String) -> String {
      String(decoding: LiveReload.inject(into: Array(html.utf8)), as: UTF8.self)
    }
    let tag = "<script src=\"/_gloss/reload.js\" defer></script>"
    #expect(inject("<p>a</p></body></html>") == "<p>a</p>\(tag)</body></html>")
    #expect(inject("<p>a</p></BODY>") == "<p>a</p>\(tag)</BODY>")
    #expect(inject("<pre>&lt;/body&gt;</pre></body>") == "<pre>&lt;/body&gt;</pre>\(tag)</body>")
    #expect(inject("x</body>y</body>") == "x</body>y\(tag)</body>")
    #expect(inject("fragment") == "fragment\(tag)")
    #expect(inject("") == tag)
  }

  @Test("events are framed so that no diagnostic can end one early or forge another")
  func eventFraming() {
    let error = LiveReload.Event.error([
      "Content/a.md:1:1: error: bad",
      "Content/b.md:2:3: error: two\nlines\r\n\nevent: reload\rid: 9",
    ])
    #expect(
      error.wire
        == "event: error\ndata: Content/a.md:1:1: error: bad\ndata: Content/b.md:2:3: error: two\ndata: lines\ndata: \ndata: event: reload\ndata: id: 9\n\n"
    )
    let reload = LiveReload.Event.reload(generation: 3, paths: ["a\"b.html"])
    #expect(
      reload.wire == "event: reload\ndata: {\"generation\":3,\"paths\":[\"a\\\"b.html\"]}\n\n")
  }

  @Test("the status JSON escapes whatever the diagnostics quote")
  func statusJSON() throws {
    let nasty = "Content/x.md:1:2: error: quote “\"\\\n\t</script>\u{01}\u{2028}”"
    let status = BuildStatus(
      ok: false, durationMilliseconds: 12, diagnostics: [nasty], pagesWritten: 0, generation: 4,
      changed: ["Content/x.md"])
    #expect(!status.json.contains("</script>"))
    let parsed = try #require(
      try JSONSerialization.jsonObject(with: Data(status.json.utf8)) as? [String: Any])
    #expect(parsed["diagnostics"] as? [String] == [nasty])
    #expect(parsed["ok"] as? Bool == false)
    #expect(parsed["duration_ms"] as? Int == 12)
    #expect(parsed["generation"] as? Int == 4)
    #expect(parsed["changed"] as? [String] == ["Content/x.md"])
  }

  @Test("ETags follow the bytes")
  func eTags() {
    #expect(ServedFile.eTag(Array("a".utf8)) == ServedFile.eTag(Array("a".utf8)))
    #expect(ServedFile.eTag(Array("a".utf8)) != ServedFile.eTag(Array("b".utf8)))
    #expect(ServedFile.eTag([]).hasPrefix("\""))
  }
}
