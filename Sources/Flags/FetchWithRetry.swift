import AsyncHTTPClient
import NIOCore
import TextSupport

/// What a request came back with, after retries.
enum FetchOutcome: Sendable {
    case body(ByteBuffer)
    case notFound(url: String)
    case failed(String)
    case cancelled
}

/// No flag or metadata file comes near this; a bigger answer is an error, not a file.
let maximumBodyBytes = 16 << 20

/// Statuses worth another try, as curl's `--retry` has them.
let transientStatuses: Set<UInt> = [408, 429, 500, 502, 503, 504]

extension Downloader {
    /// GET with status classification (the part httpx does with
    /// `raise_for_status`) and opt-in retries with exponential backoff.
    func fetch(_ url: String, timeout: Double) async -> (FetchOutcome, requests: Int) {
        var attempt = 0
        while true {
            attempt += 1
            var retryAfter: String?
            let failure: String
            let transient: Bool
            do {
                let response = try await client.execute(
                    HTTPClientRequest(url: url), timeout: TimeAmount(Duration.seconds(clamping: timeout)))
                let code = response.status.code
                if (200..<300).contains(code) {
                    return (.body(try await response.body.collect(upTo: maximumBodyBytes)), attempt)
                }
                // Read the short error body so the connection can be reused.
                _ = try? await response.body.collect(upTo: 1 << 20)
                if code == 404 { return (.notFound(url: url), attempt) }
                failure = "HTTP error \(code) - \(response.status.reasonPhrase)"
                transient = transientStatuses.contains(code)
                retryAfter = response.headers.first(name: "retry-after")
            } catch is NIOTooManyBytesError {
                return (.failed("the answer is over the \(maximumBodyBytes >> 20) MiB limit"), attempt)
            } catch {
                if Task.isCancelled { return (.cancelled, attempt) }
                if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout {
                    failure = "timed out after \(timeout)s"
                    transient = true
                } else {
                    failure = reason(error)
                    transient = false
                }
            }
            guard transient, attempt <= settings.retries else { return (.failed(failure), attempt) }
            do {
                try await Task.sleep(for: settings.retryDelay(afterAttempt: attempt, retryAfter: retryAfter))
            } catch {
                return (.cancelled, attempt)
            }
        }
    }
}
