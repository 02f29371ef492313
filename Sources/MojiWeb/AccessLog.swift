import Hummingbird
import Logging

/// One line per request once it is answered, with its status and how long it
/// took, as the access logs of uvicorn and nginx have them:
/// `"GET /search?q=cat%20face HTTP/1.1" 200 0.42 ms`.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, since: start)
            return response
        } catch {
            log(request, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        let hundredths = (seconds * 100_000 + attoseconds / 10_000_000_000_000)
        let milliseconds = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        logger.info("\"\(request.method) \(request.uri) HTTP/1.1\" \(status) \(milliseconds) ms")
    }
}
