import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import TextSupport

/// Hummingbird answers a request it cannot parse (for example raw non-ASCII
/// bytes in the request target, which RFC 9112 forbids) with an empty `400`
/// and closes the connection. This handler gives that answer a JSON body like
/// every other error of the service; other responses pass through untouched.
final class ParseErrorBodyHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Set once the decoder has failed: the next 400 head is Hummingbird's answer to it.
    private var parseError: HTTPParserError?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError { parseError = error }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard let error = parseError, case .head(var head) = unwrapOutboundIn(data), head.status == .badRequest else {
            context.write(data, promise: promise)
            return
        }
        parseError = nil
        let message =
            "Bad Request: not a valid HTTP/1.1 request (\(error)); bytes outside ASCII in the URL must be percent-encoded"
        let body = ByteBuffer(string: "{\"detail\":\(JSONString.literal(message))}")
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = "\(body.readableBytes)"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: promise)
    }
}
