import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A seeded generator, so that a failing run can be repeated exactly.
struct CrashSafetyRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite(
  "Crash safety: a killed build leaves the complete old site or the complete new one", .serialized)
struct CrashSafetyTests {
  static let articles = 300

  /// Two versions of a site big enough that a build takes a while: every page differs.
  static func content(version: Int) -> [(String, String)] {
    var files: [(String, String)] = [
      (
        "site.yml",
        "title: Version \(version)\nbase_url: https://example.org/\nlink_policy: every\n"
      )
    ]
    let terms = ["Quad", "AUKUS", "NATO", "Cold War", "Belt and Road", "Pivot to Asia"]
    for (index, term) in terms.enumerated() {
      files.append(
        (
          "glossary/term-\(index).md",
          "---\nterm: \(term)\ncategory: concept\nsummary: About \(term), version \(version).\n---\n\(term) explained.\n"
        ))
    }
    for number in 1...articles {
      var body = ""
      for paragraph in 1...12 {
        let term = terms[(number + paragraph) % terms.count]
        body +=
          "Paragraph \(paragraph) of article \(number), version \(version): the \(term) and the \(terms[paragraph % terms.count]) were discussed at length, with a great many words that make the page long enough to take some time to write.\n\n"
      }
      files.append(
        (
          "articles/a-\(number).md",
          "---\ntitle: Article \(number) v\(version)\ndate: 2024-01-01\n---\n\(body)"
        ))
    }
    return files
  }

  static func write(version: Int, to content: URL) throws {
    try? FileManager.default.removeItem(at: content)
    for (path, text) in Self.content(version: version) {
      let url = content.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  /// Waits until `process` has made its staging folder (or ended, or `limit` seconds passed);
  /// returns the seconds waited.
  static func waitForWriting(_ process: Process, in root: URL, upTo limit: Double) -> Double {
    let staging = root.appendingPathComponent(".Site.gloss-staging-\(process.processIdentifier)")
    let started = Date()
    while process.isRunning, !FileManager.default.fileExists(atPath: staging.path),
      Date().timeIntervalSince(started) < limit
    {
      usleep(200)
    }
    return Date().timeIntervalSince(started)
  }

  @Test(
    "SIGKILL at 24 random moments: Site/ is always one complete snapshot, and the next build cleans up"
  )
  func killedBuilds() throws {
    let root = try FolderSnapshot.temporaryDirectory("crash")
    defer { try? FileManager.default.removeItem(at: root) }
    for (path, text) in TestSite.minimalTheme {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let site = root.appendingPathComponent("Site")

    // The two complete sites, built undisturbed; a build switches between them with --content.
    var snapshots: [[String: Data]] = []
    var duration = 0.0
    for version in 0...1 {
      try Self.write(version: version, to: root.appendingPathComponent("Content-\(version)"))
      let run = try GlossBinary.run(
        ["build", "--content", "Content-\(version)", "--output", "Site-\(version)"], in: root)
      #expect(run.status == 0, "\(run.stderr)")
      duration = max(duration, run.seconds)
      snapshots.append(FolderSnapshot.take(root.appendingPathComponent("Site-\(version)")))
    }
    #expect(snapshots[0] != snapshots[1])
    #expect(snapshots[0].count > Self.articles)
    #expect(try GlossBinary.run(["build", "--content", "Content-0"], in: root).status == 0)
    #expect(FolderSnapshot.take(site) == snapshots[0])

    var random = CrashSafetyRandom(seed: 20_240_601)
    var current = 0
    var outcomes = [0, 0]
    var leftoversSeen = 0
    var written = 0
    for attempt in 0..<24 {
      let target = 1 - current
      written = target
      let logs = root.appendingPathComponent("log-\(attempt)")
      let process = try GlossBinary.start(
        ["build", "--content", "Content-\(target)"], in: root, logs: logs)
      let delay: Double
      if attempt.isMultiple(of: 2) {
        // From "just started" to well after an undisturbed build would have finished: a busy
        // machine can slow the killed builds beyond the measured duration.
        delay = Double.random(in: 0...(duration * 1.5), using: &random)
        usleep(useconds_t(delay * 1_000_000))
      } else {
        // Writing is a small part of a build, so random moments can all miss it: every other
        // kill waits for this build's staging folder to appear and falls a few milliseconds into
        // the writing.
        let intoWriting = Double.random(in: 0...0.005, using: &random)
        delay = Self.waitForWriting(process, in: root, upTo: duration * 3) + intoWriting
        usleep(useconds_t(intoWriting * 1_000_000))
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      let now = FolderSnapshot.take(site)
      if now == snapshots[current] {
        outcomes[0] += 1
      } else if now == snapshots[target] {
        outcomes[1] += 1
        current = target
      } else {
        let mixed = Set(now.keys).symmetricDifference(snapshots[target].keys).count
        Issue.record(
          "attempt \(attempt), killed after \(Int(delay * 1000)) ms: Site/ is neither the old nor the new site (\(now.count) files, \(mixed) paths differ from the new)"
        )
        return
      }
      if !InvalidCorpus.leftovers(in: root).isEmpty { leftoversSeen += 1 }
    }
    // Both endings happened, so the kills really fell before and after the swap.
    #expect(
      outcomes[0] > 0 && outcomes[1] > 0,
      "old kept \(outcomes[0]) times, new complete \(outcomes[1]) times")

    let final = try GlossBinary.run(["build", "--content", "Content-\(written)"], in: root)
    #expect(final.status == 0)
    #expect(FolderSnapshot.take(site) == snapshots[written])
    #expect(
      InvalidCorpus.leftovers(in: root).isEmpty, "the next build removes what killed builds left")
    #expect(leftoversSeen > 0, "no kill ever interrupted the writing; the test would prove nothing")
  }
}
