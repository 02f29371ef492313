#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// A program installed in the same folder as the running one, run in its
/// place, git-style: a small command can hand a subcommand to a larger
/// program without loading it for every other subcommand.
public struct SiblingProgram: Sendable {
    /// The program's file name, such as `mojifinder-server`.
    public let name: String

    public init(_ name: String) {
        self.name = name
    }

    /// Where the program is: next to the executable of this process (its real
    /// path, so a symlink to the command on PATH still finds it).
    public var path: String? {
        guard let executable = Self.ownExecutable(), let slash = executable.lastIndex(of: "/") else { return nil }
        return String(executable[...slash]) + name
    }

    /// Replaces this process with the program, given `arguments` after its
    /// path: the process id, the standard streams, the environment and the
    /// signal dispositions stay what they are, so the program's exit status and
    /// its answer to SIGINT and SIGTERM are the command's. Call it from the main
    /// thread: a thread of the concurrency pool blocks signals, and a program
    /// started from it would inherit that mask. Returns only by throwing.
    public func replaceProcess(arguments: [String]) throws -> Never {
        guard let path else { throw Failure(message: "cannot find the folder of this program to run \(name)") }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        _ = execv(path, argv)
        let reason = String(cString: strerror(errno))
        for pointer in argv { free(pointer) }
        throw Failure(message: "cannot run \(path): \(reason)")
    }

    /// Why the program could not be run.
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    private static func ownExecutable() -> String? {
        #if os(Linux)
            let capacity = Int(PATH_MAX)
            var buffer = [UInt8](repeating: 0, count: capacity)
            let length = buffer.withUnsafeMutableBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    characters.baseAddress.map { readlink("/proc/self/exe", $0, capacity) } ?? -1
                }
            }
            guard length > 0 else { return nil }
            return String(decoding: buffer[..<length], as: UTF8.self)
        #else
            var size: UInt32 = 0
            _ = _NSGetExecutablePath(nil, &size)
            var buffer = [CChar](repeating: 0, count: Int(size) + 1)
            guard _NSGetExecutablePath(&buffer, &size) == 0, let resolved = realpath(buffer, nil) else { return nil }
            defer { free(resolved) }
            return String(cString: resolved)
        #endif
    }
}
