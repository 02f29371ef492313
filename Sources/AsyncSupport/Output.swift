#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// Writes `text` to `descriptor` at once, unbuffered, in as few `write` calls
/// as the kernel allows: a reader of a pipe sees each line as it happens, and
/// lines written whole from many tasks never interleave. A closed pipe ends
/// the output quietly.
public func writeUnbuffered(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
    writeUnbuffered(Array(text.utf8), to: descriptor)
}

/// Writes all of `bytes`, as `writeUnbuffered(_:to:)` writes a text.
public func writeUnbuffered(_ bytes: [UInt8], to descriptor: Int32) {
    var bytes = bytes[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
