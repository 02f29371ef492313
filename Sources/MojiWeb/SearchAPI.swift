import CharIndex
import OpenAPIRuntime

/// The handlers of `openapi.yaml`, type-checked against the generated
/// `APIProtocol`. `QueryValidationMiddleware` has already checked the parameters.
struct SearchAPI: APIProtocol {
    let finder: Finder

    func search(_ input: Operations.Search.Input) async throws -> Operations.Search.Output {
        let search: SearchRequest
        do {
            search = try SearchRequest(
                q: input.query.q, prefix: input.query.prefix ?? false, details: input.query.fields == .details)
        } catch {
            // Unreachable: QueryValidationMiddleware answers a bad query first.
            return .unprocessableContent(.init(body: .json(.init(detail: []))))
        }
        let etag = finder.etag(key: search.answerKey)
        if SearchCaching.isNotModified(ifNoneMatch: input.headers.ifNoneMatch, etag: etag) {
            return .notModified(.init(headers: .init(eTag: etag, cacheControl: SearchCaching.cacheControl)))
        }
        let found = finder.search(search.query).map { scalar in
            guard search.details else {
                return Components.Schemas.CharName(char: String(Character(scalar)), name: scalar.displayName)
            }
            let details = ScalarDetails(scalar)
            return Components.Schemas.CharName(
                char: details.char, name: details.name, code: details.code, category: details.category,
                age: details.age, utf8: details.utf8, html: details.html)
        }
        return .ok(.init(headers: .init(eTag: etag, cacheControl: SearchCaching.cacheControl), body: .json(found)))
    }
}
