/// Runs `work` on every element with at most `limit` calls in flight, and hands
/// each output to `handle` in completion order, on the caller's task.
///
/// This is the project's one replacement for an `asyncio.Semaphore` guarding
/// `as_completed`: it starts `limit` child tasks, then adds one each time one
/// finishes, so no task ever waits on a permit and at most `limit` exist.
///
/// `handle` may return follow-up elements (for example a second request of
/// the same job); they run before the remaining inputs, each in a slot of its
/// own, so a slot is held only for one step of a job.
///
/// When the calling task is cancelled, no new element is started; the ones
/// in flight see the cancellation, and their outputs are still handled.
/// A `limit` below 1 counts as 1.
public func forEachConcurrently<Element: Sendable, Output: Sendable>(
    _ elements: some Sequence<Element>,
    limit: Int,
    work: @escaping @Sendable (Element) async -> Output,
    handle: (Output) async -> [Element]
) async {
    // A limit below 1 (a caller's mistake) runs one at a time rather than trapping.
    let limit = max(1, limit)
    await withTaskGroup(of: Output.self) { group in
        var pending = elements.makeIterator()
        var followUps: [Element] = []
        var running = 0

        func startNext() -> Bool {
            guard !Task.isCancelled, let element = followUps.popLast() ?? pending.next() else { return false }
            group.addTask { await work(element) }
            running += 1
            return true
        }

        while running < limit, startNext() {}
        while let output = await group.next() {
            running -= 1
            followUps.append(contentsOf: await handle(output).reversed())
            while running < limit, startNext() {}
        }
    }
}

/// `forEachConcurrently` for jobs of a single step.
public func forEachConcurrently<Element: Sendable, Output: Sendable>(
    _ elements: some Sequence<Element>,
    limit: Int,
    work: @escaping @Sendable (Element) async -> Output,
    handle: (Output) async -> Void
) async {
    await forEachConcurrently(elements, limit: limit, work: work) { (output: Output) -> [Element] in
        await handle(output)
        return []
    }
}

/// The outputs of `work` over `elements` as an async sequence in completion
/// order, with at most `limit` in flight: the Swift form of an async
/// generator driven by `as_completed`. Ending the iteration early cancels the
/// work still in flight.
public func completionOrder<Element: Sendable, Output: Sendable>(
    _ elements: some Sequence<Element> & Sendable,
    limit: Int,
    work: @escaping @Sendable (Element) async -> Output
) -> AsyncStream<Output> {
    let (stream, continuation) = AsyncStream.makeStream(of: Output.self)
    let producer = Task {
        await forEachConcurrently(elements, limit: limit, work: work) { (output: Output) in
            continuation.yield(output)
        }
        continuation.finish()
    }
    continuation.onTermination = { _ in producer.cancel() }
    return stream
}
