import Foundation
import Gloss

/// The browser side of live reload: a small script added to every served HTML page (never to
/// the files of a build), the Server-Sent Events it listens to, and the hub that fans them out.
public enum LiveReload {
  public static let scriptPath = "/_gloss/reload.js"
  public static let eventsPath = "/_gloss/events"
  public static let statusPath = "/_gloss/status"

  static let scriptTag = Array("<script src=\"\(scriptPath)\" defer></script>".utf8)

  public enum Event: Sendable, Equatable {
    /// A good rebuild: pages reload (or, when only stylesheets changed, restyle in place).
    case reload(generation: Int, paths: [String])
    /// A failed rebuild: pages show the diagnostics over the last good site.
    case error([String])

    /// The event in text/event-stream framing. Every line of data gets its own `data:`
    /// field, so no diagnostic can end the event early or forge another.
    public var wire: String {
      switch self {
      case .reload(let generation, let paths):
        let data =
          "{\"generation\":\(generation),\"paths\":[\(paths.map(JSON.string).joined(separator: ","))]}"
        return "event: reload\ndata: \(data)\n\n"
      case .error(let diagnostics):
        // Any line break ends an SSE line: \n, \r, and \r\n (one Character in Swift).
        let lines = diagnostics.flatMap {
          $0.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        }
        let data = (lines.isEmpty ? [""] : lines).map { "data: \($0)\n" }
        return "event: error\n" + data.joined() + "\n"
      }
    }
  }

  /// Adds the script before the last `</body>` (any case), or at the end when there is none.
  public static func inject(into html: [UInt8]) -> [UInt8] { inject(scriptTag, into: html) }

  static let noticeID = "gloss-build-failed"

  /// The notice served in HTML pages while the last build failed: plain markup, so that it
  /// shows without JavaScript (with it, the script's fuller overlay replaces it). It names
  /// the first error, which is the cause (see `Diagnostics.sorted`).
  public static func failureNotice(_ diagnostics: [String]) -> [UInt8] {
    let errors = diagnostics.filter { $0.contains(": error: ") }
    let first = errors.first ?? diagnostics.first ?? ""
    let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
    let html =
      "<div id=\"\(noticeID)\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;z-index:2147483647;margin:0;padding:.6em 1em;background:#2b0d0d;color:#ffe9e9;border-bottom:3px solid #e5484d;font:14px/1.4 system-ui,sans-serif\">"
      + "<strong>Build failed:</strong> this is the last good build. "
      + "<code style=\"white-space:pre-wrap\">\(HTMLEscaping.text(first))</code>\(more); "
      + "see the terminal or <a style=\"color:inherit\" href=\"\(statusPath)\">\(statusPath)</a>.</div>"
    return Array(html.utf8)
  }

  /// Adds `tag` before the last `</body>` (any case), or at the end when there is none.
  static func inject(_ tag: [UInt8], into html: [UInt8]) -> [UInt8] {
    let closing = Array("</body>".utf8)
    var index = html.count - closing.count
    while index >= 0 {
      if html[index] == UInt8(ascii: "<"),
        zip(html[index..<(index + closing.count)], closing).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
      {
        return Array(html[..<index]) + tag + Array(html[index...])
      }
      index -= 1
    }
    return html + tag
  }

  /// Shows the build's errors over the page (from `/_gloss/status` on load, then from `error`
  /// events), reloads after a good rebuild, swaps stylesheets in place when only CSS changed,
  /// and reloads once the server is back after a restart. Text goes in with `textContent`:
  /// diagnostics quote content files, which must never become markup.
  public static let script = """
    (() => {
      "use strict";
      const overlayID = "gloss-build-errors";
      function showErrors(text) {
        const notice = document.getElementById("\(noticeID)");
        if (notice) notice.remove();
        let box = document.getElementById(overlayID);
        if (!box) {
          box = document.createElement("div");
          box.id = overlayID;
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
            "margin:0;padding:1em 1.25em;background:#2b0d0d;color:#ffe9e9;border-top:4px solid #e5484d;" +
            "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px #0008";
          const title = document.createElement("strong");
          title.textContent = "Build failed: still showing the last good build. Fix the files below and save.";
          const close = document.createElement("button");
          close.type = "button";
          close.textContent = "×";
          close.setAttribute("aria-label", "Hide build errors");
          close.style.cssText = "float:right;background:none;border:0;color:inherit;font-size:20px;cursor:pointer";
          close.onclick = () => box.remove();
          const pre = document.createElement("pre");
          pre.style.cssText = "white-space:pre-wrap;margin:.75em 0 0";
          box.append(close, title, pre);
          document.body.append(box);
        }
        box.querySelector("pre").textContent = text;
      }
      function hideErrors() {
        const box = document.getElementById(overlayID);
        if (box) box.remove();
      }
      function restyle() {
        for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
          const url = new URL(link.href);
          url.searchParams.set("gloss-reload", Date.now());
          link.href = url.href;
        }
      }
      fetch("\(statusPath)", { cache: "no-store" })
        .then((response) => response.json())
        .then((status) => { if (!status.ok && status.diagnostics.length) showErrors(status.diagnostics.join("\\n")); })
        .catch(() => {});
      if (!window.EventSource) return;
      let lostConnection = false;
      const events = new EventSource("\(eventsPath)");
      events.addEventListener("reload", (event) => {
        let paths = [];
        try { paths = JSON.parse(event.data).paths || []; } catch (_) {}
        if (paths.length > 0 && paths.every((path) => path.endsWith(".css"))) {
          hideErrors();
          restyle();
        } else {
          location.reload();
        }
      });
      events.addEventListener("error", (event) => {
        if (typeof event.data === "string") {
          showErrors(event.data);
        } else {
          lostConnection = true;
        }
      });
      events.addEventListener("open", () => {
        if (lostConnection) location.reload();
      });
    })();

    """
}

/// Fans events out to every open `/_gloss/events` stream. Slow readers lose old events rather
/// than hold memory: only the latest state matters to a page.
public final class EventHub: @unchecked Sendable {
  private let lock = NSLock()
  private var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
  private var nextID = 0
  private var closed = false

  public init() {}

  /// A stream of framed events; nil once the hub is closed.
  public func subscribe() -> AsyncStream<String>? {
    let (stream, continuation) = AsyncStream.makeStream(
      of: String.self, bufferingPolicy: .bufferingNewest(32))
    let id: Int? = lock.withLock {
      guard !closed else { return nil }
      nextID += 1
      subscribers[nextID] = continuation
      return nextID
    }
    guard let id else { return nil }
    continuation.onTermination = { [weak self] _ in
      guard let self else { return }
      _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
    }
    return stream
  }

  public var subscriberCount: Int { lock.withLock { subscribers.count } }

  public func publish(_ event: LiveReload.Event) { send(event.wire) }

  /// A comment line: keeps proxies and browsers from timing the stream out.
  public func keepAlive() { send(": keep-alive\n\n") }

  private func send(_ text: String) {
    let targets = lock.withLock { Array(subscribers.values) }
    for continuation in targets { continuation.yield(text) }
  }

  /// Ends every stream (so that shutdown never waits for a browser tab) and refuses new ones.
  public func close() {
    let targets = lock.withLock {
      closed = true
      let all = Array(subscribers.values)
      subscribers = [:]
      return all
    }
    for continuation in targets { continuation.finish() }
  }
}
