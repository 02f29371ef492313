#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// The standard streams, so that a tool names them without importing the C library.
public enum StandardStream {
    public static let output = STDOUT_FILENO
    public static let error = STDERR_FILENO

    /// Whether `descriptor` is a terminal, where a progress bar may be drawn.
    public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

/// Writes `text` to `descriptor` at once, unbuffered, in as few `write` calls
/// as the kernel allows: a reader of a pipe sees each line as it happens, and
/// lines written whole from many tasks never interleave. A closed pipe ends
/// the output quietly.
public func writeUnbuffered(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
    writeUnbuffered(Array(text.utf8), to: descriptor)
}

/// Writes all of `bytes`, as `writeUnbuffered(_:to:)` writes a text.
public func writeUnbuffered(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { writeUnbuffered($0, to: descriptor) }
}

/// Writes all of `bytes`, as `writeUnbuffered(_:to:)` writes a text.
func writeUnbuffered(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) {
    var rest = bytes
    while !rest.isEmpty {
        let written = write(descriptor, rest.baseAddress, rest.count)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        rest = UnsafeRawBufferPointer(rebasing: rest[written...])
    }
}
