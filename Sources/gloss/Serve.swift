import ArgumentParser
import Foundation
import Gloss
import GlossServer

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Build and serve the site locally; rebuild and reload open pages on every change (Ctrl-C stops).",
    discussion: """
      The site is served from copies in a private temporary folder, removed when the server \
      stops: Site/ is neither read nor written. Pages get a small \
      live-reload script; after a failed rebuild they keep showing the last good build with \
      the errors over it (and a plain notice, for pages without JavaScript). /_gloss/status \
      (JSON) and /_gloss/events (Server-Sent Events) report each rebuild. A connection that \
      sends no complete request head within 10 s, or sits idle for 60 s, is closed; at most \
      512 are open at once, the longest idle closed first to make room (event streams count, \
      but never time out).
      """)

  @OptionGroup var site: SiteOptions

  @Option(help: "Address to listen on. The default keeps the site on this machine.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on; 0 picks a free one.")
  var port = 8080

  @Flag(
    help: "Poll for changes instead of using inotify (for network or container-mounted folders).")
  var poll = false

  func validate() throws {
    guard (0...65535).contains(port) else {
      throw ValidationError("--port must be between 0 and 65535")
    }
  }

  func run() async throws {
    let server = DevServer(
      configuration: .init(paths: site.paths(), host: host, port: port, forcePolling: poll))
    StopSignals.onStop { server.stop() }
    let host = self.host
    let folders = "\(site.content) and \(site.theme)"
    do {
      try await server.run(onListening: { port in
        let address = host.contains(":") ? "[\(host)]" : host
        // stdout, unbuffered: scripts wait for this line to learn the port.
        FileHandle.standardOutput.write(Data("Serving http://\(address):\(port)/\n".utf8))
        if !Self.isLoopback(host) {
          Console.printError(
            "warning: listening on \(host): other machines on the network can read the site")
        }
        Console.printError("watching \(folders); Ctrl-C stops")
      })
    } catch let failure as DevServer.Failure {
      Console.printError("error: \(failure)")
      throw ExitCode(1)
    }
  }

  static func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }
}

/// `gloss build --watch`: the server's watching and incremental rebuilding, writing the output
/// folder instead of serving it.
struct WatchBuild {
  var paths: BuildPaths
  var forcePolling = false

  func run() async throws {
    let builder = SitePipeline(paths: paths)
    let worker = BuildWorker(builder: builder)
    let writer = IncrementalSiteWriter(output: paths.output, displayPath: paths.outputDisplay)
    let changes = ChangeQueue()
    let watcher = FileWatching.start(
      [paths.content, paths.theme], into: changes, forcePolling: forcePolling)
    StopSignals.onStop { changes.close() }
    defer { watcher.stop() }

    func finish(_ outcome: RebuildOutcome, everything: Bool) {
      var outcome = outcome
      do {
        try writer.apply(outcome, files: builder.files)
      } catch {
        outcome.succeeded = false
        outcome.report.diagnostics = error.diagnostics
      }
      for diagnostic in outcome.report.diagnostics
      where !outcome.succeeded || everything || outcome.changedSources.contains(diagnostic.path) {
        Console.printError(diagnostic.description)
      }
      var line = outcome.logLine
      if !outcome.succeeded { line += "; \(paths.outputDisplay) was not changed" }
      Console.printError(line)
    }

    finish(await worker.rebuild(.everything), everything: true)
    Console.printError("watching \(paths.contentDisplay) and \(paths.themeDisplay); Ctrl-C stops")
    await WatchLoop.run(changes) { batch in
      finish(await worker.rebuild(batch), everything: false)
    }
  }
}
