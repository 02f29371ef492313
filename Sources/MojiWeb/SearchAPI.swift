import CharIndex
import OpenAPIRuntime

/// The handlers of `openapi.yaml`, type-checked against the generated
/// `APIProtocol`. `QueryValidationMiddleware` has already checked `q`.
struct SearchAPI: APIProtocol {
    let finder: Finder

    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        let words = Finder.words(input.query.q)
        let etag = finder.etag(words: words)
        if SearchCaching.isNotModified(ifNoneMatch: input.headers.ifNoneMatch, etag: etag) {
            return .notModified(.init(headers: .init(eTag: etag, cacheControl: SearchCaching.cacheControl)))
        }
        let found = finder.search(words: words).map { scalar in
            Components.Schemas.CharName(char: String(Character(scalar)), name: scalar.properties.name ?? "")
        }
        return .ok(.init(headers: .init(eTag: etag, cacheControl: SearchCaching.cacheControl), body: .json(found)))
    }
}
