import ArgumentParser
import DomainProbe
import NIOPosix
import TextSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Python's `keyword.kwlist` (3.11/3.12), kept as data as the chapter's
/// `from keyword import kwlist` does.
public let pythonKeywords: [String] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
]

/// The chapter's blog names: keywords of at most 4 characters, lowercased.
public let shortKeywords: [String] = pythonKeywords.filter { $0.count <= 4 }.map { $0.lowercased() }

/// `name.tld` for every name, with dots stripped from both ends of the TLD.
public func domains(_ names: [String], tld: String) -> [String] {
    let suffix = tld.trimming { $0 == "." }
    return names.map { suffix.isEmpty ? $0 : "\($0).\(suffix)" }
}

/// Refuses a TLD that no name could end in (`bad tld`, `a..b`) before any
/// probe goes out: a usage error naming what is wrong.
public func checkTLD(_ tld: String) throws {
    let suffix = tld.trimming { $0 == "." }
    guard !suffix.isEmpty else { return }
    do {
        _ = try DomainName("name.\(suffix)")
    } catch {
        throw ValidationError("'\(tld)' is not a top-level domain: \(error)")
    }
}

/// Reads one name per line from a file, or from standard input for `-`,
/// on the blocking pool. Blank lines and `#` comments are skipped.
public func readNames(from path: String) async throws(UsageError) -> [String] {
    let text: String
    do {
        text = try await NIOThreadPool.singleton.runIfActive { () throws(UsageError) -> String in
            let fd = path == "-" ? 0 : open(path, O_RDONLY)
            guard fd >= 0 else {
                throw UsageError("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            defer { if fd != 0 { close(fd) } }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(fd, &chunk, chunk.count)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw UsageError("cannot read \(path): \(String(cString: strerror(errno)))")
                }
                bytes.append(contentsOf: chunk[..<count])
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    } catch let error as UsageError {
        throw error
    } catch {
        throw UsageError("cannot read \(path): \(error)")
    }
    return text.split(whereSeparator: \.isNewline)
        .map { String($0.trimming(\.isWhitespace)) }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
}
