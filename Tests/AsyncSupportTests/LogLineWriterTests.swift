import AsyncSupport
import Glibc
import Testing

@Suite struct LogLineWriterTests {
    /// A pipe whose read end never blocks; with `full`, its buffer is filled
    /// first, so a writer blocks on its first write until the test reads.
    final class TestPipe {
        let read: Int32
        let write: Int32
        private(set) var filler = 0

        init(full: Bool = false) throws {
            var ends: [Int32] = [0, 0]
            try #require(pipe(&ends) == 0)
            (read, write) = (ends[0], ends[1])
            _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
            guard full else { return }
            _ = fcntl(write, F_SETFL, fcntl(write, F_GETFL) | O_NONBLOCK)
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
            while case let written = chunk.withUnsafeBytes({ Glibc.write(write, $0.baseAddress, $0.count) }),
                written > 0
            {
                filler += written
            }
            _ = fcntl(write, F_SETFL, fcntl(write, F_GETFL) & ~O_NONBLOCK)
        }

        deinit {
            close(read)
            close(write)
        }
    }

    /// Reads what the pipe holds until `done` says the text is complete.
    static func readText(_ descriptor: Int32, until done: (String) -> Bool) async throws -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[..<count]
                if done(String(decoding: bytes, as: UTF8.self)) { break }
            } else {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func appendNeverBlocksAndCountsWhatItDrops() async throws {
        let pipe = try TestPipe(full: true)
        let writer = LogLineWriter(descriptor: pipe.write, capacity: 10)
        // The writer gets stuck on the full pipe with its first batch: these
        // calls must return at once, and past the capacity refuse. What must
        // come out is each accepted line in order and, where a run of calls
        // was refused, one line counting that run. The writer may take its one
        // batch before, during or after a run (slowly, under a sanitizer), and
        // a run ends exactly when it does, so the runs are read off `append`.
        var expected: [String] = []
        var dropped = 0
        var run = 0
        for number in 0..<100 {
            if writer.append("line \(number)") {
                if run > 0 { expected.append(LogLineWriter.droppedLine(run)) }
                run = 0
                expected.append("line \(number)")
            } else {
                run += 1
                dropped += 1
            }
        }
        if run > 0 { expected.append(LogLineWriter.droppedLine(run)) }
        // At most two batches of 10: the one the writer took and the one waiting.
        #expect(dropped >= 80)
        #expect(await writer.flush(within: .milliseconds(200)) == false)

        let last = (expected.last ?? "") + "\n"
        let text = try await Self.readText(pipe.read) { $0.hasSuffix(last) }
        let lines = text.dropFirst(pipe.filler).split(separator: "\n").map(String.init)
        #expect(lines == expected)

        // Space again: lines are taken and written in order.
        #expect(writer.append("after"))
        let after = try await Self.readText(pipe.read) { $0 == "after\n" }
        #expect(after == "after\n")
        #expect(await writer.flush())
    }

    @Test func aLineOverTheByteCapacityIsCountedEvenWhenIdle() async throws {
        let pipe = try TestPipe()
        let writer = LogLineWriter(descriptor: pipe.write, byteCapacity: 16)
        #expect(await writer.flush(within: .seconds(20)))
        #expect(!writer.append(String(repeating: "x", count: 100)))
        #expect(await writer.flush(within: .seconds(20)))  // "hung", not "slow"
        #expect(writer.append("ok"))
        let text = try await Self.readText(pipe.read) { $0.hasSuffix("ok\n") }
        #expect(text == LogLineWriter.droppedLine(1) + "\nok\n")
    }

    @Test func linesFromManyTasksArriveWholeAndInEachTasksOrder() async throws {
        let pipe = try TestPipe()
        let writer = LogLineWriter(descriptor: pipe.write, capacity: 100_000)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask { for number in 0..<500 { writer.append("task \(task) line \(number)") } }
            }
        }
        let text = try await Self.readText(pipe.read) { $0.split(separator: "\n").count == 4000 }
        let lines = text.split(separator: "\n")
        #expect(lines.count == 4000)
        for task in 0..<8 {
            let mine = lines.filter { $0.hasPrefix("task \(task) ") }
            #expect(mine == (0..<500).map { "task \(task) line \($0)"[...] })
        }
    }
}
