import NIOCore
import NIOExtras
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The floor of the TCP benchmark: the least a NIO line server can do per
/// query. It frames lines like `mojifinder tcp`, answers each one on the
/// event loop with the same precomputed bytes (shaped like an answer, so the
/// load client accepts it), and flushes once per read.
enum FixedAnswerServer {
    /// 20 result lines, the status line and the prompt: about 1.8 kB.
    static let answer: ByteBuffer = {
        let line = "U+1F431\t🐱\tSMILING CAT FACE WITH A NAME PADDED TO A TYPICAL RESULT LINE LENGTH\r\n"
        let status = String(repeating: "\u{2500}", count: 66) + " 20 found\r\n"
        return ByteBuffer(string: String(repeating: line, count: 20) + status + "?> ")
    }()

    static func serve(host: String, port: Int) async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(FixedAnswerHandler())
                }
            }
            .bind(to: try SocketAddress(ipAddress: host, port: port)).get()
        print("Serving on \(host):\(channel.localAddress?.port ?? port). Kill to stop.")
        fflush(nil)  // the benchmark script waits for this line in a file
        try await channel.closeFuture.get()
    }
}

/// Sends the prompt, then the fixed answer for every line.
final class FixedAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "?> ")), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(wrapOutboundOut(FixedAnswerServer.answer), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}
