import AsyncSupport

/// Checks one name: invalid names are an error and send nothing.
public func probe(_ domain: String, using resolver: any Resolver = SystemResolver()) async -> ProbeResult {
    let name: DomainName
    do {
        name = try DomainName(domain)
    } catch {
        return ProbeResult(domain: domain, status: .error(error.description))
    }
    return ProbeResult(domain: domain, status: await resolver.resolve(name))
}

/// The chapter's `multi_probe` async generator: results in completion order,
/// at most `limit` lookups in flight. Stopping the iteration early cancels
/// the lookups still running.
public func multiProbe(
    _ domains: [String],
    limit: Int,
    using resolver: any Resolver = SystemResolver()
) -> AsyncStream<ProbeResult> {
    completionOrder(domains, limit: max(1, limit)) { domain in
        await probe(domain, using: resolver)
    }
}
