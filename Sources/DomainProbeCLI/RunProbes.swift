import DomainProbe
import NIOCore
import NIOPosix
import TextSupport

/// Threads for blocking getaddrinfo calls, at most.
private let maxSystemThreads = 64

/// Probes `domains` and writes one formatted line per result, in completion
/// order. Returns whether any probe ended in an error.
public func runProbes(
    _ domains: [String],
    options: ProbeOptions,
    style: ProbeReport.Style,
    write: (String) -> Void
) async throws(UsageError) -> Bool {
    var nameserver: NameserverResolver?
    if let text = options.nameserver {
        let address: SocketAddress
        do {
            address = try NameserverResolver.address(text)
        } catch {
            throw UsageError("\(error)")
        }
        do {
            nameserver = try await NameserverResolver.connect(
                to: address, timeout: .seconds(clamping: options.timeout), retries: options.retries,
                maxInFlight: options.limit)
        } catch {
            throw UsageError("\(DomainProbeError.badNameserver("cannot open a UDP socket for \(text): \(error)"))")
        }
    }
    // getaddrinfo blocks a thread per lookup, so the system resolver gets a
    // pool of its own sized for the limit instead of NIO's small shared one.
    var pool: NIOThreadPool?
    if nameserver == nil {
        let threads = NIOThreadPool(numberOfThreads: min(max(1, options.limit), maxSystemThreads))
        threads.start()
        pool = threads
    }
    let resolver: any DomainProbe.Resolver = nameserver ?? SystemResolver(pool: pool ?? .singleton)
    var anyError = false
    for line in ProbeReport.header(style) { write(line) }
    for await result in multiProbe(domains, limit: options.limit, using: resolver) {
        anyError = anyError || result.isError
        write(ProbeReport.line(result, style: style))
    }
    await nameserver?.close()
    try? await pool?.shutdownGracefully()
    return anyError
}
