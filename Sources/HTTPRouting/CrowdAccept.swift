import Logging
import NIOCore

/// Lets a Hummingbird server accept a crowd as fast as it connects.
///
/// Hummingbird's accept loop is one task among the connections' tasks, and
/// it reads accepted connections from a stream that stops accepting once 10
/// wait (NIO's default watermarks), 4 per wake-up. Under thousands of busy
/// connections that task runs a few times a second, so clients that connect
/// meanwhile wait seconds in the kernel's queue: measured, 2,000 of 5,000
/// still unaccepted after 10 s. First in the listening channel's pipeline,
/// this handler asks for the next accepts after every batch, past that
/// stop: the connections wait in the stream instead, and the loop takes
/// them all at its next turn.
public enum CrowdAccept {
    /// Connections accepted per wake-up of the event loop: a full queue of
    /// 4,096 drains in 8 (64 still left time-outs at 10,000 clients).
    public static let batch = 512

    /// Installs on a server's listening channel (Hummingbird's `onServerRunning`
    /// hands it over); should that fail, the server still serves, and says so.
    public static func install(on listeningChannel: any Channel, logger: Logger) async {
        do {
            // `Channel` has only the future form; waiting on it keeps its error.
            try await listeningChannel.setOption(.maxMessagesPerRead, value: UInt(batch)).get()
            try await listeningChannel.pipeline.addHandler(AcceptAfterEveryBatch(), position: .first)
        } catch {
            logger.warning("accepting in batches is off: \(error)")
        }
    }
}

/// Asks the listening socket for more after each batch of accepts, whatever
/// the handlers after it say; holds no state.
final class AcceptAfterEveryBatch: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
        context.read()
    }
}
