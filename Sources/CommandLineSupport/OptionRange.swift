import ArgumentParser

/// The one check of a numeric option against its documented range, used by
/// every command's `validate()`: a value outside it (NaN included) is a usage
/// error that names the option, so it exits 64 instead of trapping later.
public enum OptionRange {
    public static func check<Value: Comparable & CustomStringConvertible>(
        _ option: String, _ value: Value, in range: ClosedRange<Value>
    ) throws {
        // `contains` is false for NaN, so NaN is refused too.
        guard range.contains(value) else {
            throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound); got \(value)")
        }
    }
}
