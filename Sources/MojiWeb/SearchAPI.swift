import CharIndex
import OpenAPIRuntime

/// The handlers of `openapi.yaml`, type-checked against the generated
/// `APIProtocol`. `QueryValidationMiddleware` has already checked `q`.
struct SearchAPI: APIProtocol {
    let finder: Finder

    /// Results change only with a new binary, and the ETag changes with it,
    /// so caches may keep them for a day and then revalidate cheaply.
    static let cacheControl = "public, max-age=86400"

    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        let words = Finder.words(input.query.q)
        let etag = finder.etag(words: words)
        if let header = input.headers.ifNoneMatch, Finder.ifNoneMatch(header, matches: etag) {
            return .notModified(.init(headers: .init(eTag: etag, cacheControl: Self.cacheControl)))
        }
        let found = finder.search(words: words).map { scalar in
            Components.Schemas.CharName(char: String(Character(scalar)), name: scalar.properties.name ?? "")
        }
        return .ok(.init(headers: .init(eTag: etag, cacheControl: Self.cacheControl), body: .json(found)))
    }
}
