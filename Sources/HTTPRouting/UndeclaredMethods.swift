import HTTPTypes
import Hummingbird

extension Router {
    /// HTTP's answers for the methods a path does not declare, as clients and
    /// checkers such as schemathesis expect: `HEAD` works wherever `GET` does
    /// (create the router with `.autoGenerateHeadEndpoints`), and any other
    /// method on a declared path, standard or not, gets 405 Method Not Allowed
    /// with an `Allow` header listing what the path accepts. Unknown paths
    /// stay 404. Call it after the last route is added: the middleware it
    /// adds then wraps only the router's not-found answer.
    public func answerUndeclaredMethods() {
        var declared: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            declared[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        let allowed = declared.values.map { path, methods in
            (path: path, allow: allowHeader(methods.contains(.get) ? methods.union([.head]) : methods))
        }
        add(middleware: MethodNotAllowedMiddleware<Context>(declared: allowed))
    }
}

/// Turns the router's 404 for a declared path into a 405 with `Allow`.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let declared: [(path: RouterPath, allow: String)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let components = request.uri.path.split(separator: "/")
            guard let match = declared.first(where: { matches($0.path, components) }) else { throw error }
            throw HTTPError(.methodNotAllowed, headers: [.allow: match.allow])
        }
    }
}

/// Whether the request path's components fit a route's path: literal or
/// capture elements one for one, `**` for one or more trailing components.
func matches(_ path: RouterPath, _ components: [Substring]) -> Bool {
    for (index, element) in path.components.enumerated() {
        if element == .recursiveWildcard { return components.count > index }
        guard index < components.count, element ~= components[index] else { return false }
    }
    return components.count == path.components.count
}

/// The methods of RFC 9110 and PATCH, in the order an `Allow` header lists them.
private let standardMethods: [HTTPRequest.Method] = [
    .get, .head, .post, .put, .patch, .delete, .options, .trace, .connect,
]

/// `GET, HEAD, POST`: standard methods first in their usual order, then any others by name.
func allowHeader(_ methods: Set<HTTPRequest.Method>) -> String {
    let known = standardMethods.filter(methods.contains)
    let others = methods.subtracting(standardMethods).map(\.rawValue).sorted()
    return (known.map(\.rawValue) + others).joined(separator: ", ")
}
