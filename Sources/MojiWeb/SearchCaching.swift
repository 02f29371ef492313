/// `/search`'s HTTP caching, decided here once for the generated handler and
/// for the answer cache, so the two can never answer a request differently.
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
            var tag = candidate.trimmingPrefixAndSuffixSpaces()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag == etag[...]
        }
    }
}
