import Foundation

/// One timer for every stream the server sends: a thread that sleeps until the earliest token is
/// due and then wakes every stream due by then at once.
///
/// A `Task.sleep` per token costs a timer of its own in Dispatch's manager thread (a queue push,
/// an eventfd write and a thread switch each); at 256 streams × 50 tok/s that machinery took about
/// a fifth of the server's CPU. Here a wait is a lock, a heap entry and, only when it becomes the
/// earliest, a signal.
final class Pacer: @unchecked Sendable {
    static let shared = Pacer()

    private typealias Waiter = CheckedContinuation<Void, any Error>
    private let condition = NSCondition()
    private var queue = PacerQueue<ContinuousClock.Instant, Waiter>()
    private var nextID: UInt64 = 0
    private var started = false

    /// Returns at `deadline` (at once when it has passed); throws `CancellationError` as soon as
    /// the task is cancelled.
    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try Task.checkCancellation()
        guard deadline > ContinuousClock.now else { return }
        let id = newID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (waiter: Waiter) in
                if !add(id: id, deadline: deadline, waiter) { waiter.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            condition.withLock { queue.remove(id: id) }?.resume(throwing: CancellationError())
        }
        // A cancellation that came after the wait ended left its id behind.
        if Task.isCancelled { condition.withLock { queue.forget(id: id) } }
    }

    private func newID() -> UInt64 {
        condition.withLock {
            nextID &+= 1
            if !started {
                started = true
                let thread = Thread { [self] in loop() }
                thread.name = "tokenpace-pacer"
                thread.qualityOfService = .userInteractive
                thread.start()
            }
            return nextID
        }
    }

    private func add(id: UInt64, deadline: ContinuousClock.Instant, _ waiter: Waiter) -> Bool {
        condition.withLock {
            let (added, earliest) = queue.add(id: id, deadline: deadline, waiter)
            if earliest { condition.signal() }
            return added
        }
    }

    private func loop() {
        while true {
            condition.lock()
            var ready: [Waiter] = []
            while true {
                let now = ContinuousClock.now
                ready = queue.due(at: now)
                if !ready.isEmpty { break }
                if let next = queue.next {
                    _ = condition.wait(until: Date(timeIntervalSinceNow: (next - now).seconds))
                } else {
                    condition.wait()
                }
            }
            condition.unlock()
            for waiter in ready { waiter.resume() }
        }
    }
}
