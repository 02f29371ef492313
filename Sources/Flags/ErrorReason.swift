import NIOCore
import NIOPosix
import _NIOFileSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// Why something failed, in a user's words: the system's reason ("No space
/// left on device (open)", "connection refused", "unknown host example.invalid")
/// rather than the whole text of NIO's error types.
func reason(_ error: any Error) -> String {
    switch error {
    case let error as FileSystemError:
        guard let call = error.cause as? FileSystemError.SystemCallError else { return "\(error)" }
        return "\(call.errno) (\(call.systemCall))"
    case let error as NIOConnectionError:
        // Set when the name did not resolve, for either address family.
        if error.dnsAError != nil || error.dnsAAAAError != nil { return "unknown host \(error.host)" }
        // One reason per address tried, usually one for all.
        var reasons: [String] = []
        for failure in error.connectionErrors {
            let text = reason(failure.error)
            if !reasons.contains(text) { reasons.append(text) }
        }
        return reasons.isEmpty ? "could not connect to \(error.host):\(error.port)" : reasons.joined(separator: "; ")
    case let error as SocketAddressError.UnknownHost:
        return "unknown host \(error.host)"
    case let error as IOError:
        // "Connection refused" → "connection refused", as the chapter's reports read.
        let text = String(cString: strerror(error.errnoCode))
        return text.prefix(1).lowercased() + text.dropFirst()
    default:
        return "\(error)"
    }
}
