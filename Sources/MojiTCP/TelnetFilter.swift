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

    private var parser = TelnetParser()
    var state: TelnetParser.State { parser.state }
    typealias State = TelnetParser.State

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let input = Self.unwrapInboundIn(data)
        // Most reads hold no Telnet command: they go on as they are, uncopied.
        if parser.state == .data, !input.readableBytesView.contains(TelnetParser.iac) {
            if input.readableBytes > 0 { context.fireChannelRead(data) }
            return
        }
        var output = context.channel.allocator.buffer(capacity: input.readableBytes)
        let interrupted = parser.feed(input.readableBytesView) { output.writeInteger($0) }
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
