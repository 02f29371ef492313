import HTTPTypes
import Hummingbird
import TextSupport

/// Gives every error answer a JSON body, FastAPI style (`{"detail":"Not Found"}`).
struct BadRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            let status = error.status
            if status.code < 500 {
                var response = Self.detail(status, error.status.reasonPhrase)
                // The `Allow` of a 405, for one.
                if let error = error as? HTTPError { response.headers.append(contentsOf: error.headers) }
                return response
            }
            throw error
        }
    }

    static func detail(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"detail\":\(JSONString.literal(message))}"))
        )
    }
}
