import CharIndex
import Logging
import NIOCore
import NIOExtras

/// One client session, run on the connection's event loop: prompt, read a
/// line, answer, until the client leaves. It sits after the line decoder, so
/// it gets one line per `channelRead`.
///
/// One answer is written at a time, in order: lines that arrive meanwhile
/// wait, and the handler reads no more from the socket until they are
/// answered. A long answer is built a chunk at a time while the channel is
/// writable. So a session holds at most one read's lines and about one
/// chunk beyond the channel's write buffer, however slowly its client reads.
final class SessionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What the session still has to act on, in the order it arrived.
    private enum Input {
        case line(ByteBuffer, isLast: Bool)
        case tooLong
    }

    /// The answer being written: a reference, so that the state changes
    /// around it without copying the answer.
    private final class Answering {
        var chunks: AnswerChunks
        /// When the query came, if its latency is recorded.
        let started: ContinuousClock.Instant?

        init(_ chunks: AnswerChunks, timed: Bool) {
            self.chunks = chunks
            started = timed ? .now : nil
        }
    }

    /// Where the session is, in the manner of Hummingbird's connection state machine.
    private enum State {
        /// Reading lines. `readHeld`: a read the channel asked for while
        /// lines were waiting or an answer was being written, passed on later.
        case open(answering: Answering?, readHeld: Bool)
        /// The client sent EOF: the session ends once everything before it is answered.
        case inputEnded(answering: Answering?)
        /// Nothing more is read or answered; the connection is closing.
        case ended
    }

    private let server: TCPServer
    /// The handler of the server's logger and whether it takes `info`, read
    /// once: each call through `Logger` checks exclusive access to its shared
    /// storage and copies the handler twice (4 % of a busy server's CPU).
    /// The logger is a constant of the server, so the lines are the same.
    private let logHandler: any LogHandler
    private let logsInfo: Bool
    /// Given back before "Close" is logged: a client that reads that line may connect again at once.
    private let place: ConnectionCount.Place
    private var client = "unknown"
    private var linePrefixes = Messages.LinePrefixes(client: "unknown")
    private var state = State.open(answering: nil, readHeld: false)
    private var waiting = CircularBuffer<Input>()
    /// The channel's writability as its last change said: asking the
    /// channel three times per answer was 1 % of a busy server's CPU.
    private var channelIsWritable = true
    /// True inside `answerWaiting`, whose loop picks up answers finished
    /// meanwhile: a guard against re-entering it from a write's completion.
    private var inAnswerLoop = false

    private var isEnded: Bool {
        if case .ended = state { return true }
        return false
    }

    /// The answer being written, if any.
    private var answering: Answering? {
        get {
            switch state {
            case .open(let answering, _), .inputEnded(let answering): answering
            case .ended: nil
            }
        }
        set {
            switch state {
            case .open(_, let readHeld): state = .open(answering: newValue, readHeld: readHeld)
            case .inputEnded: state = .inputEnded(answering: newValue)
            case .ended: break
            }
        }
    }

    private func endInput() {
        if case .open(let answering, _) = state { state = .inputEnded(answering: answering) }
    }

    init(server: TCPServer, place: ConnectionCount.Place) {
        self.server = server
        self.place = place
        logHandler = server.log.handler
        logsInfo = server.log.logLevel <= .info
    }

    func channelActive(context: ChannelHandlerContext) {
        client = describe(context.remoteAddress)
        linePrefixes = Messages.LinePrefixes(client: client)
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: Messages.prompt)), promise: nil)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        place.giveBack()
        if !isEnded, answering != nil {
            // Closed under a write that has not failed yet, as an awaited write would report it.
            log(Messages.error(client, ChannelError.ioOnClosedChannel))
        }
        state = .ended
        waiting.removeAll()
        log(Messages.close(client))
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isEnded else { return }
        waiting.append(.line(unwrapInboundIn(data), isLast: false))
        answerWaiting(context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event, !isEnded {
            endInput()
            answerWaiting(context: context)
        } else if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, !isEnded {
            // Silent for the idle timeout: the client is told why, after what is already written.
            server.counters?.idleDisconnects.increment()
            end(context: context, farewell: Messages.idleReply(server.limits.idleTimeout))
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !isEnded else { return }
        switch error {
        case let leftover as NIOExtrasErrors.LeftOverBytesError:
            // EOF after a line without its newline: answer it, like readline.
            waiting.append(.line(leftover.leftOverBytes, isLast: true))
        case is ByteToMessageDecoderError.PayloadTooLargeError:
            waiting.append(.tooLong)
        case is TelnetInterrupt:
            // TelnetFilter closes the connection.
            state = .ended
            return
        default:
            log(Messages.error(client, error))
            end(context: context)
            return
        }
        answerWaiting(context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        channelIsWritable = context.channel.isWritable
        if channelIsWritable { writeAnswer(context: context) }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        switch state {
        case .ended: break
        case .open(let answering, _) where answering != nil || !waiting.isEmpty:
            state = .open(answering: answering, readHeld: true)
        case .inputEnded(let answering) where answering != nil || !waiting.isEmpty: break
        case .open, .inputEnded: context.read()
        }
    }

    /// Acts on the waiting input in order, while no answer is being written.
    private func answerWaiting(context: ChannelHandlerContext) {
        guard !inAnswerLoop else { return }
        inAnswerLoop = true
        defer { inAnswerLoop = false }
        while !isEnded, answering == nil, let input = waiting.popFirst() {
            handle(input, context: context)
        }
        guard answering == nil, waiting.isEmpty else { return }
        switch state {
        case .inputEnded: end(context: context)
        case .open(nil, readHeld: true):
            state = .open(answering: nil, readHeld: false)
            context.read()
        case .open, .ended: break
        }
    }

    /// The session rules of the chapter for one line.
    private func handle(_ input: Input, context: ChannelHandlerContext) {
        guard case .line(let line, let isLast) = input, line.readableBytes <= server.limits.maxLineLength else {
            // A whole line can arrive in one read, past the decoder's buffer limit.
            log(Messages.lineTooLong(client))
            server.counters?.linesTooLong.increment()
            end(context: context, farewell: Messages.lineTooLongReply(limit: server.limits.maxLineLength))
            return
        }
        if isLast { endInput() }
        guard let query = TCPServer.query(from: line) else {
            log(Messages.from(linePrefixes, query: "\u{0}"))
            end(context: context)
            return
        }
        log(Messages.from(linePrefixes, query: query))
        if query.isEmpty {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: Messages.prompt)), promise: nil)
        } else if let first = query.unicodeScalars.first, first.value < 0x20 {
            end(context: context)
        } else {
            answering = Answering(server.answer(to: query), timed: server.counters != nil)
            writeAnswer(context: context)
        }
    }

    /// Writes the answer's chunks while the channel takes them. The answer is
    /// done once its last chunk is handed to the channel and the channel still
    /// takes more, as an asyncio `drain()` returns: a client that reads
    /// slowly holds it until the channel is writable again.
    private func writeAnswer(context: ChannelHandlerContext) {
        guard !isEnded, let current = answering else { return }
        while channelIsWritable, let chunk = current.chunks.next() {
            context.write(wrapOutboundOut(chunk), promise: nil)
        }
        context.flush()
        // A failed write closes the channel, and `channelInactive` reports it.
        if current.chunks.isFinished, channelIsWritable { answered(context: context) }
    }

    private func answered(context: ChannelHandlerContext) {
        guard !isEnded, let done = answering else { return }
        answering = nil
        if let counters = server.counters, let started = done.started {
            counters.queryLatency.record(ContinuousClock.now - started)
            counters.queriesAnswered.increment()
        }
        log(Messages.to(linePrefixes, count: done.chunks.count))
        answerWaiting(context: context)
    }

    /// Logs `line` at info level: built only when the level lets it through,
    /// and handed on as it is rather than copied by an interpolation.
    private func log(_ line: @autoclosure () -> String) {
        guard logsInfo else { return }
        logHandler.log(
            event: LogEvent(
                level: .info, message: Logger.Message(stringLiteral: line()), metadata: nil, source: nil,
                file: #fileID, function: #function, line: #line))
    }

    /// Ends the session: writes `farewell`, if any, after what is already
    /// written, then closes.
    private func end(context: ChannelHandlerContext, farewell: String? = nil) {
        guard !isEnded else { return }
        state = .ended
        waiting.removeAll()
        let last = ByteBuffer(string: farewell ?? "")
        context.writeAndFlush(wrapOutboundOut(last)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

/// Tells a client over the connection limit why, then closes.
final class BusyRefusal: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let reply: String
    let place: ConnectionCount.Place
    let onRefuse: (String) -> Void

    init(reply: String, place: ConnectionCount.Place, onRefuse: @escaping (_ client: String) -> Void) {
        self.reply = reply
        self.place = place
        self.onRefuse = onRefuse
    }

    func channelActive(context: ChannelHandlerContext) {
        onRefuse(describe(context.remoteAddress))
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        place.giveBack()
        context.fireChannelInactive()
    }

    /// Whatever the client sends is ignored.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
