import NIOCore
import NIOPosix
import Synchronization
import Testing
import _NIOFileSystem

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Both tests hold every `.background` thread of the cooperative pool for a
/// while (the other priorities have threads of their own on Linux), so they
/// take turns.
@Suite("guide: the all-or-nothing problem", .serialized, .timeLimit(.minutes(1)))
struct AllOrNothingTests {
    /// More tasks than the pool has threads, whatever the core count.
    let blockers = 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) + 2

    @Test func blockingCallsStallTheCooperativePool() async throws {
        let latch = BlockingLatch()
        let running = Counter()
        let log = Log()
        let watcher = NIOThreadPool(numberOfThreads: 1)
        watcher.start()
        // snippet: blocking-stalls
        // Left out: `blockers`, 2 * cores + 2; `running`, a `Counter`; `log`, a `Log`; `latch`, whose
        // `waitBlocking()` holds its thread until `open()`; `watcher`, a started one-thread `NIOThreadPool`.
        // A task that makes a blocking call keeps its thread of the pool, so
        // with more such tasks than threads, a task that is ready to run waits
        // behind them (on Linux, until libdispatch adds threads).
        for _ in 0..<blockers {
            Task.detached(priority: .background) {
                running.increment()
                latch.waitBlocking()  // a blocking call: this thread of the pool is held
            }
        }
        let ready = Task.detached(priority: .background) { log.add("ready task ran") }
        // From a thread outside the pool: give the ready task a second, then release.
        let runningAtRelease = try await watcher.runIfActive {
            sleep(1)
            log.add("blocking calls released")
            latch.open()
            return running.value
        }
        await ready.value
        #expect(log.all == ["blocking calls released", "ready task ran"])
        #expect(runningAtRelease < blockers)  // the others were queued: every thread was held
        // end-snippet
        try await watcher.shutdownGracefully()
    }

    @Test func blockingCallsOnAThreadPoolLeaveThePoolFree() async throws {
        let latch = BlockingLatch()
        let blocked = Counter()
        let log = Log()
        // snippet: blocking-fix
        // Left out: `blockers`, `latch` and `log`, as above; `blocked`, a `Counter`.
        // The fix: the blocking calls run on NIO's thread pool, and the tasks
        // that wait for them suspend instead of holding a thread.
        let pool = NIOThreadPool(numberOfThreads: blockers)
        pool.start()
        for _ in 0..<blockers {
            Task.detached(priority: .background) {
                try? await pool.runIfActive {
                    blocked.increment()
                    latch.waitBlocking()
                }
            }
        }
        #expect(await eventually { blocked.value == blockers })  // all blocked at once
        let ready = Task.detached(priority: .background) { log.add("ready task ran") }
        await ready.value
        log.add("blocking calls released")
        latch.open()
        #expect(log.all == ["ready task ran", "blocking calls released"])
        try await pool.shutdownGracefully()
        // end-snippet
    }
}

@Suite("guide: delegating to executors", .timeLimit(.minutes(1)))
struct ExecutorGuideTests {
    @Test func toThread() async throws {
        try await FileSystem.shared.withTemporaryDirectory { _, directory in
            let path = directory.appending("br.gif").string
            // snippet: to-thread
            // Left out: `path`, a path string in a temporary directory; `SaveError`, an `Error` with an `errno`.
            // `await asyncio.to_thread(save_flag, image, path)`: the blocking
            // system calls run on a thread of NIO's pool while the task waits.
            let image: [UInt8] = [0x47, 0x49, 0x46]
            try await NIOThreadPool.singleton.runIfActive {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard fd >= 0 else { throw SaveError(errno: errno) }
                defer { close(fd) }
                let written = image.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard written == image.count else { throw SaveError(errno: errno) }
            }
            // end-snippet
            let saved = try await [UInt8](contentsOf: FilePath(path), maximumSizeAllowed: .bytes(1024))
            #expect(saved == [0x47, 0x49, 0x46])
        }
    }

    @Test func runInExecutor() async throws {
        // snippet: run-in-executor
        // Left out: `BlockingBarrier`, whose `arriveAndWait()` blocks until all `parties` arrive or 30 s pass.
        // `loop.run_in_executor(executor, fn)`: a pool of one's own, sized for
        // the work, as `runProbes` sizes one for `getaddrinfo`. These four
        // blocking calls return only if all four run at the same time.
        let executor = NIOThreadPool(numberOfThreads: 4)
        executor.start()
        let meeting = BlockingBarrier(parties: 4)
        let met = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask { try await executor.runIfActive { meeting.arriveAndWait() } }
            }
            return try await group.reduce(0) { count, met in met ? count + 1 : count }
        }
        #expect(met == 4)
        try await executor.shutdownGracefully()
        // end-snippet
    }

    @Test func filesThroughNIOFileSystem() async throws {
        try await FileSystem.shared.withTemporaryDirectory { _, directory in
            // snippet: nio-filesystem
            // Left out: `directory`, the `FilePath` of a temporary directory.
            // For files, `_NIOFileSystem` makes the blocking calls on its own
            // threads. As in `Downloader.save`, the new file gets its name only
            // once every byte is written.
            let image = ByteBuffer(bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])
            let path = directory.appending("br.gif")
            try await FileSystem.shared.withFileHandle(forWritingAt: path, options: .newFile(replaceExisting: true)) {
                handle in
                _ = try await handle.write(contentsOf: image, toAbsoluteOffset: 0)
            }
            let saved = try await [UInt8](contentsOf: path, maximumSizeAllowed: .bytes(1024))
            #expect(saved == Array(image.readableBytesView))
            // end-snippet
        }
    }
}

struct SaveError: Error {
    var errno: Int32
}

/// A blocking wait for plain threads: `waitBlocking()` sleeps in short steps
/// until `open()`, holding its thread the whole time.
private final class BlockingLatch: Sendable {
    private let opened = Atomic<Bool>(false)

    func open() { opened.store(true, ordering: .releasing) }

    func waitBlocking() {
        while !opened.load(ordering: .acquiring) { usleep(10_000) }
    }
}

/// `parties` threads meet here: each waits, blocking, until all have arrived
/// (true) or 30 seconds have passed (false).
private final class BlockingBarrier: Sendable {
    private let arrived = Atomic<Int>(0)
    private let parties: Int

    init(parties: Int) { self.parties = parties }

    func arriveAndWait() -> Bool {
        arrived.wrappingAdd(1, ordering: .acquiringAndReleasing)
        for _ in 0..<3000 {
            if arrived.load(ordering: .acquiring) >= parties { return true }
            usleep(10_000)
        }
        return false
    }
}
