/// The `--backlog` of every server: how many connections the kernel queues
/// until the server accepts them.
public enum ListenBacklog {
    /// The usual Linux cap (net.core.somaxconn): a crowd that connects at
    /// once waits in the queue instead of having its SYNs dropped and sent
    /// again a second or more later.
    public static let standard = 4096
    /// Older kernels kept the queue's length in 16 bits.
    public static let range = 1...65535
}
