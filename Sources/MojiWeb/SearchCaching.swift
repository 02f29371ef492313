import TextSupport

/// `/search`'s HTTP caching, decided here once for answers searched anew and
/// answers from the caches, so the two can never answer a request differently.
enum SearchCaching {
    /// Results change only with a new binary, and the ETag changes with it,
    /// so caches may keep them for a day and then revalidate cheaply.
    static let cacheControl = "public, max-age=86400"

    /// Whether the copy a client names in `If-None-Match` is the answer
    /// tagged `etag`, so a 304 with no body does (weak comparison, as RFC 9110
    /// asks for `If-None-Match`).
    static func isNotModified(ifNoneMatch header: String?, etag: String) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { candidate in
            var tag = candidate.trimming(isHeaderSpace)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag == etag[...]
        }
    }

    /// The ETag of an answer's gzip form: another representation, so another
    /// tag, `"…-gzip"`, and `If-None-Match` tells the two apart.
    static func gzipETag(_ etag: String) -> String {
        etag.hasSuffix("\"") ? String(etag.dropLast()) + "-gzip\"" : etag + "-gzip"
    }

    /// Answers smaller than this are sent as they are: gzip would save little.
    static let smallestCompressed = 1024

    /// Whether `Accept-Encoding` allows gzip (`gzip`, `x-gzip` or `*`, with a
    /// q-value above 0; an explicit `gzip` wins over `*`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        var gzip: Bool?
        var any: Bool?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimming(isHeaderSpace).lowercased() }
            guard let coding = parts.first else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            if coding == "gzip" || coding == "x-gzip" {
                gzip = weight > 0
            } else if coding == "*" {
                any = weight > 0
            }
        }
        return gzip ?? any ?? false
    }
}
