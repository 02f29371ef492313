import CharIndex
import CharIndexData
import MojiAnswers
import NIOCore
import NIOExtras
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The floors of the TCP benchmark: the least a NIO line server can do per
/// query. It frames lines like `mojifinder tcp`, answers each one on the
/// event loop with precomputed bytes, and flushes once per read. The bytes
/// are one fixed answer shaped like a real one (so the load client accepts
/// it), or, for the queries of the load's mix, the very answers of
/// `mojifinder tcp`, so that the floor sends the same payload as the server.
enum FixedAnswerServer {
    /// 20 result lines, the status line and the prompt: about 1.8 kB.
    static let answer: ByteBuffer = {
        let line = "U+1F431\t🐱\tSMILING CAT FACE WITH A NAME PADDED TO A TYPICAL RESULT LINE LENGTH\r\n"
        let status = String(repeating: "\u{2500}", count: 66) + " 20 found\r\n"
        return ByteBuffer(string: String(repeating: line, count: 20) + status + "?> ")
    }()

    /// `answers` by query; any other line gets `answer`.
    static func serve(host: String, port: Int, answers: [String: ByteBuffer]) async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1024)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(FixedAnswerHandler(answers: answers))
                }
            }
            .bind(to: try SocketAddress(ipAddress: host, port: port)).get()
        print("Serving on \(host):\(channel.localAddress?.port ?? port). Kill to stop.")
        fflush(nil)  // the benchmark script waits for this line in a file
        try await channel.closeFuture.get()
    }
}

/// Sends the prompt, then an answer made before for every line.
final class FixedAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let answers: [String: ByteBuffer]

    init(answers: [String: ByteBuffer]) { self.answers = answers }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "?> ")), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var answer = FixedAnswerServer.answer
        if !answers.isEmpty {
            // The decoder strips the line ending, `\n` or `\r\n`.
            answer = answers[String(buffer: unwrapInboundIn(data))] ?? answer
        }
        context.write(wrapOutboundOut(answer), promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }
}

extension MojiTCPLoad {
    /// What `mojifinder tcp` sends for each query of the mix: its result
    /// lines, the status line and the prompt.
    static func mixAnswers() throws -> [String: ByteBuffer] {
        var answers: [String: ByteBuffer] = [:]
        for query in words {
            let text = SearchReport.text(for: InvertedIndex.unicode.search(try Query(query)), lineEnding: "\r\n")
            answers[query] = ByteBuffer(string: text + "?> ")
        }
        return answers
    }
}
