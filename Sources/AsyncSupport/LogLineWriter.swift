import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// The servers' log sink: a caller only appends its line to a bounded buffer
/// and returns, and one dedicated thread does the blocking writes. A stdout
/// that nobody reads then stalls only that thread, never a request or a
/// session. When the buffer is full, lines are dropped and counted, and the
/// count is written as a line of its own once the writer catches up. Lines
/// keep their order and are written whole.
public final class LogLineWriter: Sendable {
    /// The process-wide writer to standard output that `LineLogHandler` uses.
    public static let standardOutput = LogLineWriter(descriptor: STDOUT_FILENO)

    /// At most this many lines wait; about 1 MB of typical log lines.
    public static let defaultCapacity = 10_000
    /// At most this many bytes wait, whatever the number of lines. Twice
    /// this much memory is set aside at the start (callers fill one half
    /// while the thread writes the other); pages are taken as lines fill them.
    public static let defaultByteCapacity = 4 << 20
    /// After each write the thread waits this long before it takes the next batch.
    static let batchWindowMicroseconds: UInt32 = 1000

    private struct Buffer {
        /// The half of `halves` that appends fill.
        var current = 0
        /// How many bytes of it wait: the lines, each with its newline,
        /// copied once, when appended, and written as they are.
        var used = 0
        var lines = 0
        /// Lines refused since the buffer filled; reported after the lines before them.
        var dropped = 0
        var writerIdle = false
        var writing = false
    }

    private let descriptor: Int32
    private let capacity: Int
    private let byteCapacity: Int
    private let buffer = Mutex(Buffer())
    /// Memory set aside once, two halves of `byteCapacity` bytes: callers
    /// fill one while the writer thread writes the other. An array's count,
    /// which the other core had written last, cost an append a third of its
    /// time. Unchecked, and safe: the pointers never change; appends touch
    /// the half `buffer` names, under its lock; the writer thread touches
    /// only the half it took from `buffer` under that lock, and hands it back
    /// the same way once it is written.
    private nonisolated(unsafe) let halves: (UnsafeMutableRawPointer, UnsafeMutableRawPointer)
    /// Wakes the writer thread; `signal()` never blocks.
    private let wake = DispatchSemaphore(value: 0)

    /// Starts the writer thread; it lives as long as the process.
    /// `byteCapacity` is at most 1 GiB: twice that is set aside.
    public init(
        descriptor: Int32, capacity: Int = LogLineWriter.defaultCapacity,
        byteCapacity: Int = LogLineWriter.defaultByteCapacity
    ) {
        self.descriptor = descriptor
        self.capacity = max(1, capacity)
        self.byteCapacity = min(max(1, byteCapacity), 1 << 30)
        halves = (
            .allocate(byteCount: self.byteCapacity, alignment: 1), .allocate(byteCount: self.byteCapacity, alignment: 1)
        )
        startThread { [self] in drainForever() }
    }

    /// Queues `line` (without its newline) and returns at once.
    /// Returns false when the line was dropped because the buffer is full.
    @discardableResult
    public func append(_ line: String) -> Bool {
        var line = line
        // Copied as one block of bytes: appending the UTF-8 view byte by byte
        // held the lock several times as long on a busy server's profile.
        return line.withUTF8 { append(bytes: $0) }
    }

    private func append(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let size = bytes.count + 1
        let (accepted, wakeWriter) = buffer.withLock { buffer -> (Bool, Bool) in
            // Once dropping starts it goes on until the writer empties the
            // buffer, so the count lands exactly where the lines were lost.
            guard buffer.dropped == 0, buffer.lines < capacity, size <= byteCapacity - buffer.used else {
                buffer.dropped += 1
                // A line too big for an empty buffer must still get its count written.
                let wasIdle = buffer.writerIdle
                buffer.writerIdle = false
                return (false, wasIdle)
            }
            let start = half(buffer.current) + buffer.used
            if let source = bytes.baseAddress { start.copyMemory(from: source, byteCount: bytes.count) }
            start.storeBytes(of: UInt8(ascii: "\n"), toByteOffset: bytes.count, as: UInt8.self)
            buffer.used += size
            buffer.lines += 1
            let wasIdle = buffer.writerIdle
            buffer.writerIdle = false
            return (true, wasIdle)
        }
        if wakeWriter { wake.signal() }
        return accepted
    }

    /// Waits until every queued line is written, for at most `limit`: a
    /// server calls it before it exits. Returns false if lines still wait
    /// (stdout is not being read).
    @discardableResult
    public func flush(within limit: Duration = .seconds(2)) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let done = buffer.withLock { $0.used == 0 && $0.dropped == 0 && !$0.writing }
            if done { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return false
    }

    private func half(_ index: Int) -> UnsafeMutableRawPointer { index == 0 ? halves.0 : halves.1 }

    /// The writer thread: takes everything queued, writes it in one go, sleeps when idle.
    private func drainForever() -> Never {
        while true {
            let (taken, used, dropped) = buffer.withLock { buffer in
                let taken = (buffer.current, buffer.used, buffer.dropped)
                // Appends go on in the other half.
                buffer.current = 1 - buffer.current
                buffer.writing = buffer.used > 0 || buffer.dropped > 0
                buffer.writerIdle = !buffer.writing
                buffer.used = 0
                buffer.dropped = 0
                buffer.lines = 0
                return taken
            }
            if used == 0, dropped == 0 {
                wake.wait()
                continue
            }
            writeUnbuffered(UnsafeRawBufferPointer(start: half(taken), count: used), to: descriptor)
            // The count comes after the lines before the loss.
            if dropped > 0 { writeUnbuffered(Self.droppedLine(dropped) + "\n", to: descriptor) }
            buffer.withLock { $0.writing = false }
            // Lines that come meanwhile wake no one: under load one wake-up
            // writes many lines. Woken per line, the thread switches cost a
            // busy TCP server a fifth of its CPU.
            usleep(Self.batchWindowMicroseconds)
        }
    }

    /// The line that stands for `count` lost lines.
    public static func droppedLine(_ count: Int) -> String {
        "... \(count) log line\(count == 1 ? "" : "s") dropped (output was not being read)"
    }
}

/// Runs `body` on a new detached thread of its own, outside Swift's
/// cooperative pool and any event loop, so it may block.
private func startThread(_ body: @escaping @Sendable () -> Void) {
    final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    var thread = pthread_t()
    let started = pthread_create(
        &thread, nil,
        { context in
            guard let context else { return nil }
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
    if started == 0 {
        pthread_detach(thread)
    } else {
        // No thread: run nothing rather than block callers; the lines just queue and drop.
        Unmanaged<Body>.fromOpaque(context).release()
    }
}
