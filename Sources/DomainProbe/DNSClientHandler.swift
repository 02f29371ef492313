import NIOCore

/// What the client writes into its channel: a question and where to deliver the answer.
struct PendingQuery: Sendable {
    let question: DNSMessage.Question
    let promise: EventLoopPromise<DNSMessage>
}

/// Sends the client's queries and matches the answers. It lives on the
/// channel's event loop, so its tables need no lock.
///
/// Two measurements steer it. An `RTTEstimator` learns the server's round
/// trip from answers, so a query lost in a burst is sent again after a few
/// milliseconds instead of a whole `--timeout`. A `CongestionWindow` bounds
/// the queries in flight: it stops doubling when round trips rise, before a
/// burst overflows the server's buffer, and halves on losses, so such a
/// burst is not repeated; queries beyond it wait in a queue.
/// Any answer that matches a query (NXDOMAIN and SERVFAIL too) is an answer,
/// never a loss.
final class DNSClientHandler: ChannelDuplexHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundIn = PendingQuery
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    struct Configuration: Sendable {
        let server: SocketAddress
        /// The longest wait for one answer.
        let timeout: Duration
        /// A question is given up `timeout × (retries + 1)` after it is asked,
        /// whether or not the window has let it out yet.
        let retries: Int
        let maxInFlight: Int
    }

    /// One question, from the caller's write until its promise completes.
    private final class Query {
        let question: DNSMessage.Question
        let promise: EventLoopPromise<DNSMessage>
        var id: UInt16 = 0
        var packet: ByteBuffer?
        var deadline = NIODeadline.distantFuture
        var firstSent = NIODeadline.distantPast
        var lastSent = NIODeadline.distantPast
        var sends = 0
        /// The window's number of the latest send, for `CongestionWindow.lost(send:)`.
        var lastSendNumber: UInt64 = 0
        var timer: Scheduled<Void>?
        var finished = false

        init(_ pending: PendingQuery) {
            question = pending.question
            promise = pending.promise
        }
    }

    private let configuration: Configuration
    private var rtt: RTTEstimator
    private var window: CongestionWindow
    private var inFlight: [UInt16: Query] = [:]
    private var waiting = CircularBuffer<Query>()
    /// One timer for every waiting question, at the oldest one's deadline:
    /// deadlines come in the order the questions do. A timer each would
    /// make every cancellation a search of the event loop's timers, a
    /// tenth of a run's time with a thousand questions waiting.
    private var waitingTimer: Scheduled<Void>?
    private var closed = false

    init(_ configuration: Configuration) {
        self.configuration = configuration
        rtt = RTTEstimator(ceiling: configuration.timeout)
        window = CongestionWindow(ceiling: configuration.maxInFlight)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let query = Query(unwrapOutboundIn(data))
        promise?.succeed()
        guard !closed else {
            query.promise.fail(DomainProbeError.closed)
            return
        }
        // Every way a query ends (answer, timeout, send error, the caller's
        // cancellation, closing) completes its promise; this frees its slot.
        query.promise.futureResult.assumeIsolated().whenComplete { [weak self] _ in
            self?.finish(query, context: context)
        }
        // The bound holds from the question, not from its first send: behind
        // a window shrunk by losses, a waiting question still ends in time.
        query.deadline = NIODeadline.now() + TimeAmount(configuration.timeout * (configuration.retries + 1))
        waiting.append(query)
        sendWaiting(context: context)
        armWaitingTimer(context: context)
    }

    /// Schedules the waiting questions' timer for the oldest one, unless it is set.
    private func armWaitingTimer(context: ChannelHandlerContext) {
        guard waitingTimer == nil, let oldest = waiting.first else { return }
        waitingTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: oldest.deadline) { [weak self] in
            self?.waitingTimer = nil
            self?.expireWaiting(context: context)
        }
    }

    /// Fails the waiting questions whose deadline has passed, oldest first.
    private func expireWaiting(context: ChannelHandlerContext) {
        let now = NIODeadline.now()
        while let oldest = waiting.first, oldest.finished || oldest.deadline <= now {
            waiting.removeFirst()
            if !oldest.finished { oldest.promise.fail(DomainProbeError.timeout) }
        }
        armWaitingTimer(context: context)
    }

    private func finish(_ query: Query, context: ChannelHandlerContext) {
        query.finished = true
        query.timer?.cancel()
        if query.sends > 0, inFlight[query.id] === query { inFlight[query.id] = nil }
        sendWaiting(context: context)
    }

    /// Starts waiting queries while the window has room.
    private func sendWaiting(context: ChannelHandlerContext) {
        while !closed, inFlight.count < window.allowed, let query = waiting.popFirst() {
            guard !query.finished else { continue }
            // Random IDs make spoofed answers harder to match.
            var id = UInt16.random(in: .min ... .max)
            while inFlight[id] != nil { id = UInt16.random(in: .min ... .max) }
            var message = DNSMessage(id: id, isResponse: false, questions: [query.question])
            message.recursionDesired = true
            query.id = id
            query.packet = context.channel.allocator.buffer(bytes: message.encoded())
            inFlight[id] = query
            send(query, context: context)
        }
    }

    /// Sends (or re-sends) a query and arms its timer.
    private func send(_ query: Query, context: ChannelHandlerContext) {
        guard let packet = query.packet else { return }
        let now = NIODeadline.now()
        if query.sends == 0 { query.firstSent = now }
        query.sends += 1
        query.lastSent = now
        query.lastSendNumber = window.sent()
        arm(query, context: context)
        let envelope = AddressedEnvelope(remoteAddress: configuration.server, data: packet)
        context.writeAndFlush(wrapOutboundOut(envelope)).assumeIsolated().whenFailure { error in
            // A failed send is a failed query, not one to wait out.
            query.promise.fail(DomainProbeError.network("send failed: \(error)"))
        }
    }

    /// Schedules the query's next re-send, or its end at the deadline.
    private func arm(_ query: Query, context: ChannelHandlerContext) {
        query.timer?.cancel()
        let resend = query.lastSent + TimeAmount(rtt.timeout(afterSends: query.sends))
        query.timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: min(resend, query.deadline)) {
            [weak self] in
            self?.expired(query, context: context)
        }
    }

    private func expired(_ query: Query, context: ChannelHandlerContext) {
        guard !query.finished else { return }
        // The wait was set when the query went out; answers since then may
        // show the server slowing down (a queue behind a burst): judged by
        // what is known now, the query may not be late yet.
        let now = NIODeadline.now()
        if query.lastSent + TimeAmount(rtt.timeout(afterSends: query.sends)) > now, now < query.deadline {
            arm(query, context: context)
            return
        }
        window.lost(send: query.lastSendNumber)
        if now >= query.deadline {
            query.promise.fail(DomainProbeError.timeout)
        } else {
            send(query, context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        // Stray sources, undecodable packets and answers to nothing we asked are dropped.
        guard envelope.remoteAddress == configuration.server,
            let message = try? DNSMessage.decode(envelope.data.readableBytesView),
            message.isResponse,
            let query = inFlight[message.id],
            message.questions.count == 1,
            message.questions[0].matches(query.question)
        else { return }
        let roundTrip = Self.roundTrip(sends: query.sends, firstSent: query.firstSent, answeredAt: .now())
        window.answered(rtt: roundTrip)
        if let roundTrip {
            let firstMeasurement = rtt.smoothed == nil
            rtt.record(roundTrip)
            // Queries sent before anything was known wait the whole
            // timeout; the first measurement shortens their waits.
            if firstMeasurement {
                for other in inFlight.values where other !== query { arm(other, context: context) }
            }
        }
        query.promise.succeed(message)
    }

    /// The round trip of an answered query, for the RTT estimate and the
    /// window: none for a query sent more than once (Karn's rule: the answer
    /// may be to any of its sends).
    static func roundTrip(sends: Int, firstSent: NIODeadline, answeredAt now: NIODeadline) -> Duration? {
        guard sends == 1 else { return nil }
        return Duration.nanoseconds((now - firstSent).nanoseconds)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors on an unconnected UDP socket are not fatal: the
        // affected query is sent again after its timeout.
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        waitingTimer?.cancel()
        waitingTimer = nil
        let queries = Array(inFlight.values) + Array(waiting)
        inFlight.removeAll()
        waiting.removeAll()
        for query in queries { query.promise.fail(DomainProbeError.closed) }
        context.fireChannelInactive()
    }
}
