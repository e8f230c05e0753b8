import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

/// `gloss serve` over a real loopback socket: the server on a free port, requests written
/// byte for byte.
@Suite("gloss serve", .serialized)
struct ServerTests {
  @Test("pages and assets are served with their content type, validators and length")
  func servesFiles() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    let home = try await server.get("/")
    #expect(home.status == 200)
    #expect(home.headers["content-type"] == "text/html; charset=utf-8")
    #expect(home.headers["content-length"] == String(home.body.count))
    #expect(home.headers["etag"]?.hasPrefix("\"") == true)
    #expect(home.headers["last-modified"]?.hasSuffix(" GMT") == true)
    #expect(home.headers["cache-control"] == "no-cache")
    #expect(home.headers["x-content-type-options"] == "nosniff")
    #expect(home.text.contains("<a href=\"articles/nexus/index.html\">Sino-Russian Nexus</a>"))
    #expect(home.text.contains("<script src=\"/_gloss/reload.js\" defer></script></body>"))

    let expectations: [(String, String)] = [
      ("/articles/nexus/index.html", "text/html; charset=utf-8"),
      ("/assets/style.css", "text/css; charset=utf-8"),
      ("/assets/fonts/serif.woff2", "font/woff2"),
      ("/feed.xml", "application/xml; charset=utf-8"),
      ("/sitemap.xml", "application/xml; charset=utf-8"),
      ("/_gloss/reload.js", "text/javascript; charset=utf-8"),
      ("/_gloss/status", "application/json"),
    ]
    for (path, type) in expectations {
      let reply = try await server.get(path)
      #expect(reply.status == 200, "\(path)")
      #expect(reply.headers["content-type"] == type, "\(path)")
    }
    let css = try await server.get("/assets/style.css")
    #expect(
      css.text == "body { color: black }\n", "assets are served as they are, without the script")
  }

  @Test("a directory serves its index.html; without its slash it redirects to it")
  func directories() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    let article = try await server.get("/articles/nexus/")
    #expect(article.status == 200)
    #expect(article.text.contains("<h1>Sino-Russian Nexus</h1>"))
    let redirect = try await server.get("/articles/nexus")
    #expect(redirect.status == 301)
    #expect(redirect.headers["location"] == "/articles/nexus/")
    let withQuery = try await server.get("/glossary?view=az")
    #expect(withQuery.headers["location"] == "/glossary/?view=az")
    let doubled = try await server.get("//articles//nexus")
    #expect(
      doubled.headers["location"] == "/articles/nexus/",
      "never a protocol-relative '//host' redirect")
  }

  @Test("an unknown path gets the theme's 404 page with status 404")
  func notFound() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    for path in ["/nope", "/articles/missing/", "/assets/missing.css", "/_gloss/unknown"] {
      let reply = try await server.get(path)
      #expect(reply.status == 404, "\(path)")
    }
    let page = try await server.get("/nope")
    #expect(page.text.contains("<h1>Not found</h1>"))
    #expect(page.headers["content-type"] == "text/html; charset=utf-8")
    #expect(page.text.contains("/_gloss/reload.js"))
  }

  @Test("ETag and Last-Modified answer conditional requests with 304")
  func conditionalRequests() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    let first = try await server.get("/assets/style.css")
    let etag = try #require(first.headers["etag"])
    let modified = try #require(first.headers["last-modified"])

    let byTag = try await server.get("/assets/style.css", headers: ["If-None-Match": etag])
    #expect(byTag.status == 304)
    #expect(byTag.body.isEmpty)
    #expect(byTag.headers["etag"] == etag)
    let inList = try await server.get(
      "/assets/style.css", headers: ["If-None-Match": "\"other\", \(etag)"])
    #expect(inList.status == 304)
    let otherTag = try await server.get(
      "/assets/style.css", headers: ["If-None-Match": "\"other\""])
    #expect(otherTag.status == 200)
    #expect(otherTag.text == "body { color: black }\n")

    let byDate = try await server.get("/assets/style.css", headers: ["If-Modified-Since": modified])
    #expect(byDate.status == 304)
    let older = try await server.get(
      "/assets/style.css", headers: ["If-Modified-Since": "Sun, 06 Nov 1994 08:49:37 GMT"])
    #expect(older.status == 200)
    // If-None-Match decides when both are sent.
    let both = try await server.get(
      "/assets/style.css", headers: ["If-None-Match": "\"other\"", "If-Modified-Since": modified])
    #expect(both.status == 200)
  }

  @Test("HEAD gives GET's status and headers without a body; other methods are refused")
  func headAndMethods() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    let get = try await server.get("/glossary/quad/")
    let head = try await server.request("HEAD", "/glossary/quad/")
    #expect(head.status == 200)
    #expect(head.body.isEmpty)
    #expect(head.headers["content-length"] == String(get.body.count))
    #expect(head.headers["etag"] == get.headers["etag"])
    #expect(head.headers["content-type"] == get.headers["content-type"])
    let missing = try await server.request("HEAD", "/nope")
    #expect(missing.status == 404)
    #expect(missing.body.isEmpty)

    let post = try await server.request("POST", "/", headers: ["Content-Length": "0"])
    #expect(post.status == 405)
    #expect(post.headers["allow"] == "GET, HEAD")
  }

  @Test("no request path reaches a byte outside the site")
  func traversalIsRefused() async throws {
    let site = try ScratchSite(sampleSite)
    let secret = "TOP-SECRET-\(UUID().uuidString)"
    try site.write("secret.txt", secret)
    try site.write("Site/secret.txt", secret)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    let targets = [
      "/../secret.txt", "/../../../../../../etc/passwd", "/assets/../../secret.txt",
      "/articles/nexus/../../../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/.%2e/secret.txt", "/%2e%2e%5csecret.txt", "/%252e%252e/secret.txt",
      "/%252e%252e%252fsecret.txt",
      "/..%252fsecret.txt", "/..\\secret.txt", "/%5c..%5csecret.txt", "/assets\\..\\..\\secret.txt",
      "/index.html%00.css", "/%00", "/%00/../secret.txt", "/%c0%ae%c0%ae/secret.txt",
      "/%e0%80%ae%e0%80%ae/secret.txt",
      "//etc/passwd", "/etc/passwd", "/secret.txt", "/Content/site.yml",
      "/Theme/templates/home.mustache",
      "/.git/config", "/./index.html", "/%2e/index.html", "http://127.0.0.1/../secret.txt",
      "../secret.txt",
      "secret.txt", "/%", "/%zz", "/%2",
    ]
    for target in targets {
      let reply = try await server.get(target)
      #expect([400, 404].contains(reply.status), "\(target) → \(reply.status)")
      #expect(!reply.text.contains(secret), "\(target) leaked the secret")
      #expect(!reply.text.contains("root:x:0:0"), "\(target) leaked /etc/passwd")
    }
    // And the server is still well after all that.
    #expect(try await server.get("/").status == 200)
  }

  @Test("/_gloss/status reports the last build as JSON")
  func status() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }

    let reply = try await server.get("/_gloss/status")
    #expect(reply.headers["cache-control"] == "no-store")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])
    #expect(json["ok"] as? Bool == true)
    #expect(json["duration_ms"] is Int)
    #expect(json["diagnostics"] as? [String] == [])
    #expect((json["pages_written"] as? Int ?? 0) > 0)
  }

  @Test("editing an article reloads open pages and serves the new text; Site/ is never written")
  func liveReload() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }
    let events = try await server.events()
    #expect(events.status == 200)
    #expect(events.contentType == "text/event-stream")

    try site.edit("Content/articles/quiet.md", "Nothing here", "Something new here")
    let reload = try #require(await events.next("reload"))
    #expect(reload.data.contains("\"articles/quiet/index.html\""))
    let page = try await server.get("/articles/quiet/")
    #expect(page.text.contains("Something new here"))
    #expect(server.logLines.contains { $0.hasPrefix("rebuilt after Content/articles/quiet.md: ") })
    #expect(!FileManager.default.fileExists(atPath: site.url("Site").path))
  }

  @Test(
    "a broken glossary file sends an error event while the last good site stays up; fixing it recovers"
  )
  func brokenThenFixed() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }
    let events = try await server.events()
    let before = try await server.get("/articles/alliances/")

    try site.edit("Content/glossary/quad.md", "category: organization", "category: nonsense")
    let error = try #require(await events.next("error"))
    #expect(error.data.contains("Content/glossary/quad.md:"))
    #expect(error.data.contains("error: unknown category 'nonsense'"))
    let during = try await server.get("/articles/alliances/")
    #expect(during.status == 200)
    // The last good page is still served, with the build-failure notice added.
    #expect(during.text.contains("<div id=\"gloss-build-failed\""))
    #expect(
      during.text.replacingOccurrences(
        of: #"<div id="gloss-build-failed".*?</div>"#, with: "", options: .regularExpression)
        == before.text, "the last good page is still served")
    let status = try JSONSerialization.jsonObject(
      with: Data(try await server.get("/_gloss/status").body))
    let failed = try #require(status as? [String: Any])
    #expect(failed["ok"] as? Bool == false)
    #expect(
      (failed["diagnostics"] as? [String])?.contains { $0.contains("unknown category 'nonsense'") }
        == true)

    try site.edit("Content/glossary/quad.md", "category: nonsense", "category: organization")
    #expect(await events.next("reload") != nil)
    let fixed = try JSONSerialization.jsonObject(
      with: Data(try await server.get("/_gloss/status").body))
    #expect((fixed as? [String: Any])?["ok"] as? Bool == true)
  }

  @Test("the portable polling watcher also rebuilds on change")
  func pollingWatcher() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site, polling: true)
    defer { Task { await server.stop() } }
    let events = try await server.events()
    try site.edit(
      "Content/glossary/aukus.md", "summary: Australia, the UK and the US.",
      "summary: Three navies.")
    #expect(await events.next("reload") != nil)
    let page = try await server.waitFor("/glossary/aukus/", toContain: "Three navies.")
    #expect(page.text.contains("Three navies."))
  }

  @Test(
    "a site that does not build yet is served as an error page, which the next good build replaces")
  func brokenFromTheStart() async throws {
    let site = try ScratchSite(sampleSite)
    try site.edit("Content/site.yml", "title: Test Site", "title: [broken")
    let server = try await RunningServer.start(site)
    defer { Task { await server.stop() } }
    let page = try await server.get("/")
    #expect(page.status == 503)
    #expect(page.text.contains("Content/site.yml:"))
    #expect(page.text.contains("/_gloss/reload.js"))
    let events = try await server.events()
    try site.edit("Content/site.yml", "title: [broken", "title: Fixed Site")
    #expect(await events.next("reload") != nil)
    #expect(try await server.get("/").status == 200)
  }

  @Test("stop() ends open event streams and returns")
  func stopsCleanly() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    let events = try await server.events()
    #expect(await events.next("message", within: 0.2) == nil)
    #expect(await server.stop())
    #expect(await events.waitForEnd())
  }

  @Test("a port in use is a clear error")
  func portInUse() async throws {
    let site = try ScratchSite(sampleSite)
    let first = try await RunningServer.start(site)
    defer { Task { await first.stop() } }
    let second = DevServer(configuration: .init(paths: site.paths, port: first.port, log: { _ in }))
    await #expect(throws: DevServer.Failure.portInUse(host: "127.0.0.1", port: first.port)) {
      try await second.run()
    }
    #expect(
      DevServer.Failure.portInUse(host: "127.0.0.1", port: 8080).description.hasPrefix(
        "port 8080 on 127.0.0.1 is already in use"))
  }
}
