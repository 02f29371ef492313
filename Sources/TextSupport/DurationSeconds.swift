extension Duration {
    /// This duration in seconds, for reports and JSON.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// `seconds` as a duration, clamped to `0...limit`; NaN gives zero.
    /// `Duration.seconds(_:)` traps on NaN, infinity and huge values, and a
    /// user or a server can send any of them, so every tool converts here.
    public static func seconds(clamping seconds: Double, to limit: Duration = .seconds(86_400)) -> Duration {
        guard seconds > 0 else { return .zero }
        guard seconds < limit.inSeconds else { return limit }
        return .seconds(seconds)
    }
}
