#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A server's open-file limit: every client is a file descriptor, and the
/// soft limit a shell or service manager sets (often 1,024) would refuse a
/// crowd long before the machine runs short. Like nginx's
/// `worker_rlimit_nofile` and Go's runtime, a server raises its soft limit to
/// the hard one, which only the operator can change.
public enum OpenFileLimit {
    /// Raises the soft limit to the hard limit and returns the new soft
    /// limit; leaves it as it is when that fails.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(openFiles, &limit) == 0 else { return -1 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(openFiles, &raised) == 0 { limit = raised }
        }
        return Int(clamping: limit.rlim_cur)
    }

    #if canImport(Glibc)
        private static let openFiles = Int32(RLIMIT_NOFILE.rawValue)
    #else
        private static let openFiles = RLIMIT_NOFILE
    #endif
}
