import Foundation
import Gloss
import Hummingbird

/// Answers every request: the site as `LiveSite` holds it, and the `/_gloss/` endpoints beside it.
public struct SiteResponder: HTTPResponder {
  public typealias Context = BasicRequestContext

  public let site: LiveSite
  public let hub: EventHub

  public init(site: LiveSite, hub: EventHub) {
    self.site = site
    self.hub = hub
  }

  public func respond(to request: Request, context: Context) async throws -> Response {
    guard request.method == .get || request.method == .head else {
      return Self.plain(
        .methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.allow: "GET, HEAD"])
    }
    let response = answer(request)
    return request.method == .head
      ? Response(status: response.status, headers: response.headers) : response
  }

  private func answer(_ request: Request) -> Response {
    let raw = request.uri.path
    guard let segments = RequestPath.segments(raw) else {
      return Self.plain(.badRequest, "Bad request path.\n")
    }
    if segments.first == "_gloss" {
      return endpoint(segments.dropFirst().joined(separator: "/"), request)
    }
    guard site.hasSite else { return noSite() }
    switch RequestPath.resolve(raw, query: request.uri.query, exists: site.contains) {
    case .file(let path):
      guard let file = site.file(path) else { return notFound() }
      return serve(file, request)
    case .redirect(let location):
      return Response(
        status: .movedPermanently, headers: [.location: location, .cacheControl: "no-cache"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: "Moved to \(location)\n")))
    case .notFound:
      return notFound()
    case .badRequest:
      return Self.plain(.badRequest, "Bad request path.\n")
    }
  }

  private func serve(_ file: ServedFile, _ request: Request) -> Response {
    var file = file
    var validators: HTTPFields = [
      .eTag: file.eTag, .lastModified: HTTPDate.format(file.lastModified),
      // Always revalidate: the site changes under the browser's feet.
      .cacheControl: "no-cache",
    ]
    if let notice = failureNotice(for: file) {
      file = notice
      // Its own validator, and no date: a copy with the notice must not stay valid once the
      // build is fixed, nor the clean copy while it is broken.
      validators[.eTag] = file.eTag
      validators[.lastModified] = nil
      file.lastModified = Int.max
    }
    if Self.notModified(request, file) {
      return Response(status: .notModified, headers: validators)
    }
    var headers = validators
    headers[.contentType] = file.contentType
    headers[.xContentTypeOptions] = "nosniff"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: file.body))
  }

  /// While the last build failed, an HTML file with the failure notice in it (served only:
  /// the files of a build never carry it); nil otherwise.
  private func failureNotice(for file: ServedFile) -> ServedFile? {
    guard file.contentType.hasPrefix("text/html") else { return nil }
    let status = site.currentStatus
    guard !status.ok else { return nil }
    let notice = LiveReload.failureNotice(status.diagnostics)
    var noticed = file
    noticed.body = ByteBuffer(
      bytes: LiveReload.inject(notice, into: Array(file.body.readableBytesView)))
    noticed.eTag = String(file.eTag.dropLast()) + "-failed-" + ServedFile.eTag(notice).dropFirst()
    return noticed
  }

  /// RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
  static func notModified(_ request: Request, _ file: ServedFile) -> Bool {
    if let tags = request.headers[values: .ifNoneMatch].nonEmpty {
      let listed = tags.flatMap { $0.split(separator: ",") }.map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      return listed.contains { $0 == "*" || $0 == file.eTag || $0 == "W/" + file.eTag }
    }
    if let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse) {
      return file.lastModified <= since
    }
    return false
  }

  private func notFound() -> Response {
    guard var page = site.file("404.html") else { return Self.plain(.notFound, "Not found.\n") }
    page = failureNotice(for: page) ?? page
    return Response(
      status: .notFound,
      headers: [
        .contentType: page.contentType, .cacheControl: "no-store", .xContentTypeOptions: "nosniff",
      ],
      body: ResponseBody(byteBuffer: page.body))
  }

  /// Before the first good build there is no site: a page that says why, and reloads itself
  /// once there is one.
  private func noSite() -> Response {
    let status = site.currentStatus
    let building = site.isBuilding
    let message =
      building ? "Building the site…" : "The site does not build yet. Fix these problems and save:"
    let details = building ? "" : status.diagnostics.joined(separator: "\n")
    let html = """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gloss: \(building ? "building" : "build failed")</title></head>
      <body style="font:15px/1.5 system-ui,sans-serif;margin:2em"><h1 style="font-size:1.3em">\(message)</h1>
      <pre style="white-space:pre-wrap">\(HTMLEscaping.text(details))</pre></body></html>

      """
    return Response(
      status: .serviceUnavailable,
      headers: [
        .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .retryAfter: "1",
      ],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: LiveReload.inject(into: Array(html.utf8)))))
  }

  private func endpoint(_ name: String, _ request: Request) -> Response {
    switch name {
    case "events":
      return events()
    case "status":
      return Response(
        status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: site.currentStatus.json)))
    case "reload.js":
      return Response(
        status: .ok,
        headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: LiveReload.script)))
    default:
      return Self.plain(.notFound, "Not found.\n")
    }
  }

  private func events() -> Response {
    guard let stream = hub.subscribe() else {
      return Self.plain(.serviceUnavailable, "Shutting down.\n")
    }
    let body = ResponseBody { writer in
      // `retry` makes a browser reconnect within a second after a restart.
      try await writer.write(ByteBuffer(string: "retry: 1000\n: connected\n\n"))
      for await text in stream {
        try await writer.write(ByteBuffer(string: text))
      }
      try await writer.finish(nil)
    }
    return Response(
      status: .ok,
      headers: [
        .contentType: "text/event-stream", .cacheControl: "no-store",
        .init("X-Accel-Buffering")!: "no",
      ],
      body: body)
  }

  static func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:])
    -> Response
  {
    var headers: HTTPFields = [
      .contentType: "text/plain; charset=utf-8", .cacheControl: "no-store",
    ]
    headers.append(contentsOf: extra)
    return Response(
      status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }
}

extension Array {
  fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
