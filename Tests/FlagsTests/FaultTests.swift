import Flags
import FlagsServer
import Foundation
import Hummingbird
import NIOPosix
import TestSupport
import Testing

/// Values from a server or a user that must never trap or lose a result.
@Suite("flags: untrusted values and Ctrl-C", .timeLimit(.minutes(1)))
struct FaultTests {
    @Test func retryDelayIsTheServersNumberOrTheBackoffAndNeverAbove30Seconds() {
        let settings = DownloadSettings(baseURL: "")
        #expect(settings.retryDelay(afterAttempt: 1, retryAfter: nil) == .milliseconds(500))
        #expect(settings.retryDelay(afterAttempt: 3, retryAfter: nil) == .seconds(2))
        #expect(settings.retryDelay(afterAttempt: 1, retryAfter: "2") == .seconds(2))
        #expect(settings.retryDelay(afterAttempt: 1, retryAfter: "0") == .zero)
        // Capped: a huge number of seconds, and a long run of doublings.
        #expect(settings.retryDelay(afterAttempt: 1, retryAfter: "999999999999999999999999") == .seconds(30))
        #expect(settings.retryDelay(afterAttempt: 10, retryAfter: nil) == .seconds(30))
        #expect(settings.retryDelay(afterAttempt: Int.max, retryAfter: nil) == .seconds(30))
        // Not delay-seconds (RFC 9110): the backoff applies.
        for text in ["nan", "inf", "-5", "1e300", "1.5", "", "Wed, 21 Oct 2015 07:28:00 GMT"] {
            #expect(settings.retryDelay(afterAttempt: 1, retryAfter: text) == .milliseconds(500), "\(text)")
        }
    }

    /// Nothing listens: each code gets the system's short reason, not NIO's
    /// description of its error types, by address and by name.
    @Test func aRefusedConnectionIsReportedAsSuch() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(listener.localAddress?.port)
        try await listener.close()
        for host in ["127.0.0.1", "localhost"] {
            let results = try await downloadAll(
                ["AD", "BR"],
                settings: DownloadSettings(baseURL: "http://\(host):\(port)/flags", destination: dir.path),
                maxRequests: 2)
            #expect(counts(results) == [.error: 2])
            // By name, an address family the machine lacks may add its own reason.
            let details = errorDetails(results)
            #expect(host == "localhost" ? details.contains("connection refused") : details == "connection refused")
            #expect(!details.contains("errno") && !details.contains("Connection errors"), "\(details)")
        }
    }

    /// A live server sends the hostile headers; the download retries and succeeds.
    @Test(arguments: ["nan", "inf", "1e300", "-1", "99999999999999999999999999999"])
    func hostileRetryAfterIsRetriedWithoutTrapping(retryAfter: String) async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let server = try await startFlakyServer(failures: 1, retryAfter: retryAfter)
        let results = try await downloadAll(
            ["BR"],
            settings: DownloadSettings(
                baseURL: server.baseURL, destination: dir.path, retries: 1, retryBaseDelay: 0.01,
                maxRetryDelay: 0.05),
            maxRequests: 1)
        await server.stop()
        #expect(results.map(\.status) == [.ok])
        #expect(server.requests == 2)
    }

    /// Ctrl-C after a flag arrived but before its metadata request started:
    /// the code is reported as cancelled, not dropped from the results.
    @Test func countryNamesCancelledBetweenFlagAndMetadataCountsAsCancelled() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        // No race with the clock: AD's flag is answered only once ZZ's result
        // is being handled, and that handling waits until AD's flag is sent.
        let zzHandled = Counter()
        let adFlagSent = Counter()
        let server = try await TestHTTPServer.start { path, _ in
            if path.hasPrefix("/flags/ad/ad.gif") {
                while zzHandled.value.load(ordering: .acquiring) == 0 { try await Task.sleep(for: .milliseconds(10)) }
                adFlagSent.value.store(1, ordering: .releasing)
            }
            return path.hasSuffix("metadata.json")
                ? Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"country":"Andorra"}"#)))
                : flagResponse(path)
        }
        // In a task of its own, which the callback below cancels as Ctrl-C would.
        let download = Task {
            try await withFlagsClient(maxRequests: 2) { client in
                try await supervisor(
                    codes: ["ZZ", "AD"], client: client,
                    settings: DownloadSettings(
                        baseURL: server.baseURL, destination: dir.path, countryNames: true, flagTimeout: 60,
                        metadataTimeout: 60),
                    maxRequests: 2
                ) { result in
                    guard result.code == "ZZ" else { return }
                    // Holds the supervisor's loop (suspended, not blocking a thread),
                    // so AD's flag arrives before the cancellation that Ctrl-C
                    // would bring; its metadata step is queued.
                    zzHandled.value.store(1, ordering: .releasing)
                    let deadline = ContinuousClock.now + .seconds(20)
                    while adFlagSent.value.load(ordering: .acquiring) == 0, ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(10))
                    }
                    try? await Task.sleep(for: .milliseconds(500))  // for the client to read it
                    withUnsafeCurrentTask { $0?.cancel() }
                }
            }
        }
        let results = try await download.value
        await server.stop()
        #expect(results.map(\.code).sorted() == ["AD", "ZZ"])
        let andorra = try #require(results.first { $0.code == "AD" })
        #expect(andorra.status == .cancelled)
        #expect(andorra.requests == 1)
        #expect(results.first { $0.code == "ZZ" }?.status == .notFound)
        #expect(try files(in: dir).isEmpty)
    }
}
