import Foundation
import Testing

@testable import Gloss
@testable import GlossServer

/// The README promises that open event streams do not hold shutdown up.
@Suite("gloss serve: shutdown", .serialized)
struct ShutdownTests {
  @Test("stop() with event streams and a kept-alive page open returns within 200 ms")
  func promptWithStreamsOpen() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    var streams: [EventStreamClient] = []
    for _ in 0..<3 { streams.append(try await server.events()) }
    // A page fetched on a kept-alive connection as well, as a browser tab holds one.
    let page = try RawHTTP.connect(port: server.port)
    defer { close(page) }
    RawHTTP.send(page, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    try await Task.sleep(for: .milliseconds(300))
    #expect(server.server.hub.subscriberCount == 3)

    let started = ContinuousClock.now
    #expect(await server.stop(within: 10))
    let took = ContinuousClock.now - started
    #expect(took < .milliseconds(200), "stop() took \(took)")
    for stream in streams { #expect(await stream.waitForEnd(within: 5)) }
  }

  @Test("stop() with an event stream open during a long rebuild returns within 200 ms")
  func promptDuringRebuild() async throws {
    let site = try ScratchSite(sampleSite)
    let server = try await RunningServer.start(site)
    let stream = try await server.events()
    // About a second of rebuilding in a debug build.
    var text = "A Long Article\n\nBy A. Writer\n\n"
    var number = 0
    while text.utf8.count < 1_500_000 {
      number += 1
      text += "In paragraph \(number) the Quad met again, and the ministers spoke at length.\n\n"
    }
    try site.write("Content/articles/long.txt", text)
    // Past the debounce: the rebuild has started.
    try await Task.sleep(for: .milliseconds(250))

    let started = ContinuousClock.now
    #expect(await server.stop(within: 30))
    let took = ContinuousClock.now - started
    #expect(took < .milliseconds(200), "stop() took \(took)")
    #expect(await stream.waitForEnd(within: 5))
  }
}
