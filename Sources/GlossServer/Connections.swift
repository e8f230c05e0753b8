import Foundation
import HummingbirdCore
import Logging
import NIOCore

/// Bounds on the server's connections, so that a neighbour holding sockets open (sending a
/// request head byte by byte, or nothing at all) cannot starve the browser.
public struct ConnectionLimits: Sendable {
  /// From the accept, or from the first byte of a request on a kept-alive connection, to the
  /// end of the request head. A connection that sends nothing is closed after this too.
  public var headerTimeout: Duration
  /// A kept-alive connection with no request in flight is closed after this. Event streams
  /// are in flight for as long as they are open, so they never time out.
  public var idleTimeout: Duration
  /// Open connections, event streams included. A connection beyond it closes the one that
  /// has been idle longest (or, when none is idle, is itself closed).
  public var maxConnections: Int

  public init(
    headerTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60),
    maxConnections: Int = 512
  ) {
    self.headerTimeout = headerTimeout
    self.idleTimeout = idleTimeout
    self.maxConnections = maxConnections
  }
}

/// Every open connection, with when it became idle (nil while a request is in flight).
public final class ConnectionRegistry: @unchecked Sendable {
  private struct Entry {
    var channel: any Channel
    var idleSince: NIODeadline?
  }

  private let lock = NSLock()
  private var entries: [Int: Entry] = [:]
  private var nextID = 0
  private var closingAll = false
  private var peak = 0
  let limit: Int
  /// Called (outside the lock) when the connections of a burst are gone: see `ResidentMemory`.
  let onBurstEnded: @Sendable () -> Void

  init(limit: Int, onBurstEnded: @escaping @Sendable () -> Void = {}) {
    self.limit = max(1, limit)
    self.onBurstEnded = onBurstEnded
  }

  /// Open connections, event streams included.
  public var count: Int { lock.withLock { entries.count } }

  /// Registers a new connection (idle until its request head arrives) and closes what the
  /// limit requires; nil when the new one itself must close.
  func open(_ channel: any Channel) -> Int? {
    var victim: (any Channel)?
    let id: Int? = lock.withLock {
      guard !closingAll else { return nil }
      nextID += 1
      entries[nextID] = Entry(channel: channel, idleSince: .now())
      peak = max(peak, entries.count)
      guard entries.count > limit else { return nextID }
      let oldest = entries.filter { $0.key != nextID && $0.value.idleSince != nil }
        .min { $0.value.idleSince! < $1.value.idleSince! }
      if let oldest {
        victim = oldest.value.channel
        entries[oldest.key] = nil
        return nextID
      }
      entries[nextID] = nil
      return nil
    }
    victim?.close(promise: nil)
    return id
  }

  func setIdle(_ id: Int, _ idle: Bool) {
    lock.withLock {
      guard entries[id] != nil else { return }
      entries[id]?.idleSince = idle ? .now() : nil
    }
  }

  func close(_ id: Int) {
    let burstEnded: Bool = lock.withLock {
      guard entries.removeValue(forKey: id) != nil else { return false }
      // A burst is over when what is left is small next to what there was.
      if peak >= 64 && entries.count <= peak / 8 {
        peak = entries.count
        return true
      }
      return false
    }
    if burstEnded { onBurstEnded() }
  }

  /// Closes every connection at once (shutdown: nothing is worth waiting for) and refuses
  /// new ones.
  func closeAll() {
    let channels = lock.withLock {
      closingAll = true
      defer { entries = [:] }
      return entries.values.map(\.channel)
    }
    for channel in channels { channel.close(promise: nil) }
  }
}

/// First in a connection's pipeline, before the HTTP decoder: it sees the raw bytes, so it
/// can tell a connection that is idle from one that is half-way through a request head.
/// `RequestTracker`, after the decoder, tells it when a head has arrived and when the
/// response to it has been written.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = ByteBuffer
  typealias InboundOut = ByteBuffer

  private let limits: ConnectionLimits
  private let registry: ConnectionRegistry
  private var id: Int?
  private var inFlight = 0
  /// True from the first byte of a request head (or from the accept) until the head is read.
  private var readingHead = true
  private var timer: Scheduled<Void>?

  init(limits: ConnectionLimits, registry: ConnectionRegistry) {
    self.limits = limits
    self.registry = registry
  }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { start(context) }
  }

  func channelActive(context: ChannelHandlerContext) {
    start(context)
    context.fireChannelActive()
  }

  private func start(_ context: ChannelHandlerContext) {
    guard id == nil else { return }
    guard let id = registry.open(context.channel) else {
      context.close(promise: nil)
      return
    }
    self.id = id
    schedule(context, after: limits.headerTimeout)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
    if let id { registry.close(id) }
    id = nil
  }

  func channelInactive(context: ChannelHandlerContext) {
    timer?.cancel()
    timer = nil
    if let id { registry.close(id) }
    id = nil
    context.fireChannelInactive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if inFlight == 0 && !readingHead {
      // The first byte of the next request on a kept-alive connection.
      readingHead = true
      schedule(context, after: limits.headerTimeout)
    }
    context.fireChannelRead(data)
  }

  func requestHeadRead(context: ChannelHandlerContext) {
    inFlight += 1
    readingHead = false
    timer?.cancel()
    timer = nil
    if let id { registry.setIdle(id, false) }
  }

  func responseEnded(context: ChannelHandlerContext) {
    inFlight = max(0, inFlight - 1)
    guard inFlight == 0, context.channel.isActive else { return }
    if let id { registry.setIdle(id, true) }
    schedule(context, after: limits.idleTimeout)
  }

  private func schedule(_ context: ChannelHandlerContext, after delay: Duration) {
    timer?.cancel()
    let channel = context.channel
    timer = context.eventLoop.scheduleTask(in: TimeAmount(delay)) {
      channel.close(promise: nil)
    }
  }
}

/// After the HTTP decoder: reports request heads and response ends to the connection's guard.
final class RequestTracker: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPConnectionStateHandler.InboundIn
  typealias InboundOut = HTTPConnectionStateHandler.InboundIn
  typealias OutboundIn = HTTPConnectionStateHandler.OutboundIn
  typealias OutboundOut = HTTPConnectionStateHandler.OutboundIn

  private var guardHandler: ConnectionGuard?
  private var guardContext: ChannelHandlerContext?

  func handlerAdded(context: ChannelHandlerContext) {
    guardHandler = try? context.pipeline.syncOperations.handler(type: ConnectionGuard.self)
    guardContext = try? context.pipeline.syncOperations.context(handlerType: ConnectionGuard.self)
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    guardHandler = nil
    guardContext = nil
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head = unwrapInboundIn(data), let guardHandler, let guardContext {
      guardHandler.requestHeadRead(context: guardContext)
    }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let isEnd: Bool
    if case .end = unwrapOutboundIn(data) { isEnd = true } else { isEnd = false }
    context.write(data, promise: promise)
    if isEnd, let guardHandler, let guardContext {
      guardHandler.responseEnded(context: guardContext)
    }
  }
}

/// Hummingbird's HTTP/1 channel with `ConnectionGuard` put first in each pipeline.
struct GuardedHTTP1Channel: ServerChildChannel {
  typealias Value = HTTP1Channel.Value

  let http1: HTTP1Channel
  let limits: ConnectionLimits
  let registry: ConnectionRegistry

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    let limits = self.limits
    let registry = self.registry
    return channel.eventLoop.makeCompletedFuture {
      try channel.pipeline.syncOperations.addHandler(
        ConnectionGuard(limits: limits, registry: registry))
    }.flatMap { [http1] in
      http1.setup(channel: channel, logger: logger)
    }
  }

  func handle(value: Value, logger: Logger) async {
    await http1.handle(value: value, logger: logger)
  }

  static func builder(limits: ConnectionLimits, registry: ConnectionRegistry) -> HTTPServerBuilder {
    HTTPServerBuilder { responder in
      GuardedHTTP1Channel(
        http1: HTTP1Channel(
          responder: responder,
          configuration: .init(additionalChannelHandlers: [RequestTracker()])),
        limits: limits, registry: registry)
    }
  }
}
