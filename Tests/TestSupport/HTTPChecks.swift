import Foundation

/// The sum of the samples of `name` in a Prometheus text exposition whose
/// labels include every one of `labels` (`key="value"`); nil when there is none.
public func metricValue(_ exposition: String, _ name: String, _ labels: [String] = []) -> Double? {
    var total: Double?
    for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
        guard line.hasPrefix(name), let space = line.lastIndex(of: " "),
            let value = Double(line[line.index(after: space)...])
        else { continue }
        let series = line[..<space]
        let rest = series.dropFirst(name.count)
        guard rest.isEmpty || rest.hasPrefix("{") else { continue }
        guard labels.allSatisfy({ series.contains($0) }) else { continue }
        total = (total ?? 0) + value
    }
    return total
}

/// GETs every one of `urls` at once from one curl process (its start-up is
/// slow on a loaded machine; the requests should overlap): curl's exit code
/// (0; 7 when a connection is refused; 52 or 56 when one is closed without an
/// answer; 28 at `maxTime`) and the HTTP statuses in completion order, 0 for
/// a request without an answer.
public func curlParallel(_ urls: [String], maxTime: Int = 30) async throws -> (exitCode: Int32?, statuses: [Int]) {
    let curl = try requireProgram("curl", package: "curl")
    var arguments = ["-s", "--parallel", "--parallel-immediate", "--parallel-max", "100"]
    arguments += ["-w", "%{http_code}\\n", "--max-time", "\(maxTime)"]
    for url in urls { arguments += ["-o", "/dev/null", url] }
    let result = try await runProcess(curl, arguments, timeout: .seconds(maxTime + 10))
    return (result.exitCode, result.standardOutput.split(separator: "\n").map { Int($0) ?? 0 })
}

/// GET `url` with curl; the body, or a failure naming the status.
public func curlGet(_ url: String) async throws -> String {
    let curl = try requireProgram("curl", package: "curl")
    let result = try await runProcess(curl, ["-sS", "--fail", "--max-time", "20", url], timeout: .seconds(30))
    guard result.exitCode == 0 else { throw TestFailure("curl \(url): \(result.combinedOutput)") }
    return result.standardOutput
}
