import NIOCore
import NIOPosix
import Testing

// snippet: continuation
/// The bottom of an `await` chain is not an async function but a
/// continuation, resumed by whoever has the answer: here a timer on a NIO
/// event loop, as `EventLoopFuture.get()` is resumed by the future.
func answer(after delay: TimeAmount, on loop: any EventLoop) async -> String {
    await withCheckedContinuation { continuation in
        loop.scheduleTask(in: delay) { continuation.resume(returning: "answered") }
    }
}
// end-snippet

// snippet: actor-on-event-loop
/// An actor whose code runs on one NIO event loop instead of the cooperative
/// pool: the loop is its serial executor.
actor LoopBound {
    let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.executor.asUnownedSerialExecutor() }

    func runsOnItsLoop() -> Bool { loop.inEventLoop }
}
// end-snippet

@Suite("guide: event loops, futures and executors", .timeLimit(.minutes(1)))
struct RuntimeGuideTests {
    @Test func continuationEndsTheAwaitChain() async {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        #expect(await answer(after: .milliseconds(10), on: loop) == "answered")
    }

    @Test func futuresBridgeBothWays() async throws {
        // snippet: event-loop-future
        // NIO's callback world: an `EventLoopFuture` is a result that will be
        // ready on an event loop. `.get()` awaits it, and `makeFutureWithTask`
        // turns async code back into a future.
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let future: EventLoopFuture<Int> = loop.submit { 6 * 7 }
        #expect(try await future.get() == 42)
        let fromTask = loop.makeFutureWithTask { await probe("for.dev", in: ["for.dev"]) }
        #expect(try await fromTask.map { $0.found ? "+" : "-" }.get() == "+")
        // end-snippet
    }

    @Test func actorRunsOnTheEventLoop() async {
        // snippet: actor-on-event-loop-use
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        #expect(await LoopBound(loop: loop).runsOnItsLoop())
        #expect(!loop.inEventLoop)  // this test's own code runs on the cooperative pool
        // end-snippet
    }
}
