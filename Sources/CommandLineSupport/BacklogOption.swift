import ArgumentParser

/// `--backlog N`, the same on every server: how many connections the kernel
/// queues until the server accepts them.
public struct BacklogOption: ParsableArguments, Sendable {
    /// The usual Linux cap (net.core.somaxconn): a crowd that connects at
    /// once waits in the queue instead of having its SYNs dropped and sent
    /// again a second or more later.
    public static let standard = 4096
    /// Older kernels kept the queue's length in 16 bits.
    public static let range = 1...65535

    @Option(
        parsing: .unconditional,
        help:
            "Connections the kernel queues until the server accepts them (the listen backlog), 1-65,535; the kernel caps it at net.core.somaxconn."
    )
    public var backlog = BacklogOption.standard

    public init() {}

    public func validate() throws { try OptionRange.check("--backlog", backlog, in: Self.range) }
}
