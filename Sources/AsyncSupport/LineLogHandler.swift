import Logging

/// A swift-log handler that writes just the message, one line per event, as
/// the chapter's servers `print` their log lines. Every server logs through
/// it; tests pass `write` to collect the lines instead.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let write: @Sendable (String) -> Void

    public init(
        level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void = { writeUnbuffered($0 + "\n") }
    ) {
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(event.message.description)
    }
}

extension Logger {
    /// A logger that writes plain message lines through `LineLogHandler`.
    public static func lines(
        label: String, level: Logger.Level = .info,
        write: @escaping @Sendable (String) -> Void = { writeUnbuffered($0 + "\n") }
    ) -> Logger {
        Logger(label: label) { _ in LineLogHandler(level: level, write: write) }
    }
}
