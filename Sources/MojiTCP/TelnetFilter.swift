import NIOCore

/// Removes Telnet negotiation (IAC sequences) from the byte stream before
/// line framing, so it can never become part of a query. Telnet's Ctrl-C
/// (IAC IP) closes the connection, the way a control character does.
///
/// It sits before the line decoder because IAC sequences may arrive in the
/// middle of a line, and may be split across reads: the parser keeps its state
/// between reads.
final class TelnetFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let iac: UInt8 = 255
    static let interruptProcess: UInt8 = 244
    static let subnegotiationBegin: UInt8 = 250
    static let subnegotiationEnd: UInt8 = 240
    /// WILL, WONT, DO, DONT take one option byte.
    static let optionVerbs: ClosedRange<UInt8> = 251...254

    enum State {
        case data
        case command  // after IAC
        case option  // after IAC WILL/WONT/DO/DONT
        case subnegotiation  // inside IAC SB … IAC SE
        case subnegotiationCommand  // IAC inside a subnegotiation
    }

    private(set) var state = State.data

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let input = Self.unwrapInboundIn(data)
        var output = context.channel.allocator.buffer(capacity: input.readableBytes)
        var interrupted = false
        for byte in input.readableBytesView {
            switch (state, byte) {
            case (.data, Self.iac): state = .command
            case (.data, _): output.writeInteger(byte)
            case (.command, Self.iac):
                // IAC IAC is a literal 255 byte, never valid UTF-8: the session
                // rules close on it, as on any invalid input.
                output.writeInteger(byte)
                state = .data
            case (.command, Self.interruptProcess):
                interrupted = true
                state = .data
            case (.command, Self.subnegotiationBegin): state = .subnegotiation
            case (.command, Self.optionVerbs): state = .option
            case (.command, _): state = .data  // two-byte commands: NOP, AYT, GA…
            case (.option, _): state = .data
            case (.subnegotiation, Self.iac): state = .subnegotiationCommand
            case (.subnegotiation, _): break
            case (.subnegotiationCommand, Self.subnegotiationEnd): state = .data
            case (.subnegotiationCommand, _): state = .subnegotiation
            }
            if interrupted { break }
        }
        if interrupted {
            // The unfinished line is dropped; the session sees the interrupt as
            // an error, and the close stops an answer that is being written.
            context.fireErrorCaught(TelnetInterrupt())
            context.close(promise: nil)
            return
        }
        if output.readableBytes > 0 {
            context.fireChannelRead(Self.wrapInboundOut(output))
        }
    }
}

/// Telnet's "interrupt process" (IAC IP), sent when the user hits Ctrl-C.
struct TelnetInterrupt: Error {}

/// Closes a connection that has sent nothing for the idle timeout, after
/// telling the client why. It reacts to `IdleStateHandler`'s read event.
final class IdleCloser: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let notice: String
    let onIdle: @Sendable () -> Void

    init(notice: String, onIdle: @escaping @Sendable () -> Void = {}) {
        self.notice = notice
        self.onIdle = onIdle
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            onIdle()
            let buffer = context.channel.allocator.buffer(string: notice)
            let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(NIOAny(buffer)).whenComplete { _ in
                loopBoundContext.value.close(promise: nil)
            }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
