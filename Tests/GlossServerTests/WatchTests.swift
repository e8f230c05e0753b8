import Foundation
import Testing

@testable import Gloss

/// Collects what a watcher reports.
final class Recorder: @unchecked Sendable {
  let queue = ChangeQueue()

  /// Paths reported within `seconds` (merged), or nil for `.everything`.
  func paths(within seconds: Double = 60, until done: (Set<String>) -> Bool) async -> Set<String>? {
    var seen = Set<String>()
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline, !done(seen) {
      let waiter = Task { await queue.next(quiet: .milliseconds(20)) }
      let timeout = Task {
        try await Task.sleep(for: .milliseconds(300))
        waiter.cancel()
      }
      let batch = await waiter.value
      timeout.cancel()
      switch batch {
      case .paths(let paths)?: seen.formUnion(paths)
      case .everything?: return nil
      case nil: continue
      }
    }
    return seen
  }
}

@Suite("Watching folders", .serialized)
struct WatchTests {
  static let modes: [Bool] = {
    #if os(Linux)
      [false, true]
    #else
      [true]
    #endif
  }()

  @Test(
    "writes, new files, new folders and deletions are reported; editor temp files are not",
    arguments: modes)
  func reportsChanges(polling: Bool) async throws {
    let site = try ScratchSite(sampleSite)
    let recorder = Recorder()
    let watcher = FileWatching.start(
      [site.url("Content"), site.url("Theme")], into: recorder.queue, forcePolling: polling,
      pollInterval: .milliseconds(50))
    defer { watcher.stop() }
    // Let the poller take its first look before anything changes.
    try await Task.sleep(for: .milliseconds(150))

    try site.edit("Content/articles/quiet.md", "Nothing", "Nothing at all")
    try site.write("Content/articles/.quiet.md.swp", "x")
    try site.write("Content/articles/quiet.md~", "x")
    try site.write("Content/glossary/#scratch#", "x")
    try site.write("Theme/assets/img/new/deep.svg", "<svg/>")
    try site.remove("Content/glossary/sco.md")
    let expected: Set<String> = [
      site.absolute("Content/articles/quiet.md"), site.absolute("Theme/assets/img/new/deep.svg"),
      site.absolute("Content/glossary/sco.md"),
    ]
    let seen = try #require(await recorder.paths { expected.isSubset(of: $0) })
    #expect(expected.isSubset(of: seen), "missing: \(expected.subtracting(seen))")
    #expect(!seen.contains { $0.hasSuffix(".swp") || $0.hasSuffix("~") || $0.contains("#") })

    // A folder created now is watched too: a later write inside it is seen.
    try await Task.sleep(for: .milliseconds(100))
    try site.write("Theme/assets/img/new/later.css", "a{}")
    let later = try #require(
      await recorder.paths { $0.contains(site.absolute("Theme/assets/img/new/later.css")) })
    #expect(later.contains(site.absolute("Theme/assets/img/new/later.css")))
  }

  @Test("a burst of saves is one batch, and changes during a rebuild make exactly one more")
  func debounceAndCoalesce() async throws {
    let queue = ChangeQueue()
    let log = BatchLog()
    let released = Flag()
    let loop = Task {
      await WatchLoop.run(queue, quiet: .milliseconds(30)) { batch in
        await log.start(batch)
        // A slow rebuild: the first one lasts until the test has saved more files.
        while !released.isSet { try? await Task.sleep(for: .milliseconds(5)) }
        await log.end()
      }
    }
    for index in 0..<5 { queue.add(.paths(["/burst/\(index)"])) }
    try await waitUntil { await log.running == 1 }
    for index in 0..<5 {
      queue.add(.paths(["/during/\(index)"]))
      try await Task.sleep(for: .milliseconds(10))
    }
    released.set()
    try await waitUntil {
      let (count, running) = await (log.batches.count, log.running)
      return count == 2 && running == 0
    }
    // Nothing else arrives later.
    try await Task.sleep(for: .milliseconds(200))
    queue.close()
    await loop.value
    let batches = await log.batches
    #expect(batches.count == 2)
    #expect(batches.first == .paths(Set((0..<5).map { "/burst/\($0)" })))
    #expect(batches.last == .paths(Set((0..<5).map { "/during/\($0)" })))
    #expect(await log.maxConcurrent == 1)
  }

  @Test("closing the queue ends the loop")
  func closing() async {
    let queue = ChangeQueue()
    let loop = Task { await WatchLoop.run(queue) { _ in } }
    queue.close()
    await loop.value
    #expect(await queue.next() == nil)
  }
}

/// Polls `condition` for up to two minutes (generous: the test process may be busy).
func waitUntil(_ condition: () async -> Bool) async throws {
  let deadline = Date().addingTimeInterval(120)
  while !(await condition()), Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
}

actor BatchLog {
  var batches: [ChangeSet] = []
  var running = 0
  var maxConcurrent = 0

  func start(_ batch: ChangeSet) {
    batches.append(batch)
    running += 1
    maxConcurrent = max(maxConcurrent, running)
  }

  func end() { running -= 1 }
}
