import HTTPTypes
import Hummingbird

extension Router {
    /// HTTP's answers for the methods a path does not declare, as clients and
    /// checkers such as schemathesis expect: `HEAD` works wherever `GET` does
    /// (create the router with `.autoGenerateHeadEndpoints`), and every other
    /// standard method on a declared path gets 405 Method Not Allowed with an
    /// `Allow` header listing what the path does accept. Unknown paths stay 404.
    /// Call it after the last route is added.
    public func answerUndeclaredMethods() {
        var declared: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            declared[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        for (path, methods) in declared.values {
            var allowed = methods
            if allowed.contains(.get) { allowed.insert(.head) }
            let allow = allowHeader(allowed)
            for method in standardMethods where !allowed.contains(method) {
                on(path, method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: allow])
                }
            }
        }
    }
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
