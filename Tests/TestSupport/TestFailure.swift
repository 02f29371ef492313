/// The one error a test throws for a failure of its own making: a missing
/// program, a time limit, an unexpected answer. Its text is the whole report.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
