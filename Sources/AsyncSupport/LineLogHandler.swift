import Logging

/// A swift-log handler that writes just the message, one line per event, as
/// the chapter's servers `print` their log lines. Every server logs through
/// it; by default the lines go to `LogLineWriter.standardOutput`, which never
/// blocks the logging task; tests pass `write` to collect the lines instead.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let write: @Sendable (String) -> Void

    public init(
        level: Logger.Level = .info,
        write: @escaping @Sendable (String) -> Void = { LogLineWriter.standardOutput.append($0) }
    ) {
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The message, then any metadata as sorted `key=value` pairs (Hummingbird's
    /// request log carries the method and path there).
    public func log(event: LogEvent) {
        // Most lines carry no metadata: no merged dictionary for them.
        if metadata.isEmpty, event.metadata?.isEmpty ?? true { return write(event.message.description) }
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        guard !all.isEmpty else { return write(event.message.description) }
        let pairs = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        write(([event.message.description] + pairs).joined(separator: " "))
    }
}

extension Logger {
    /// A logger that writes plain message lines through `LineLogHandler`.
    public static func lines(
        label: String, level: Logger.Level = .info,
        write: @escaping @Sendable (String) -> Void = { LogLineWriter.standardOutput.append($0) }
    ) -> Logger {
        Logger(label: label) { _ in LineLogHandler(level: level, write: write) }
    }
}
