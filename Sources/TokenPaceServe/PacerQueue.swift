/// The waits of every stream, earliest first: which are due at an instant and when the next one
/// falls. Pure (time is passed in), so the pacer's order and coalescing are tested without a clock.
///
/// Removal is lazy: a cancelled wait leaves its heap entry behind, skipped when it comes up. A wait
/// cancelled before it was added is remembered, so its `add` refuses it.
struct PacerQueue<Deadline: Comparable, Waiter> {
    private var heap: [(deadline: Deadline, id: UInt64)] = []
    private var waiters: [UInt64: Waiter] = [:]
    private var cancelledEarly: Set<UInt64> = []

    var isEmpty: Bool { waiters.isEmpty }

    /// Adds a wait; false when it was cancelled already (the caller ends it at once). `earliest`
    /// says whether it now comes first, so a sleeping pacer must wake earlier.
    mutating func add(id: UInt64, deadline: Deadline, _ waiter: Waiter) -> (added: Bool, earliest: Bool) {
        if cancelledEarly.remove(id) != nil { return (false, false) }
        let earliest = next.map { deadline < $0 } ?? true
        waiters[id] = waiter
        heap.append((deadline, id))
        siftUp(heap.count - 1)
        return (true, earliest)
    }

    /// Takes a wait out (it was cancelled); nil when it is not here yet or already done.
    mutating func remove(id: UInt64) -> Waiter? {
        if let waiter = waiters.removeValue(forKey: id) { return waiter }
        cancelledEarly.insert(id)
        return nil
    }

    /// Forgets an early cancellation that will never be matched (its wait ended another way).
    mutating func forget(id: UInt64) { cancelledEarly.remove(id) }

    /// Every wait due at `now`, earliest first: all of them go in one wake-up.
    mutating func due(at now: Deadline) -> [Waiter] {
        var out: [Waiter] = []
        while let top = heap.first, top.deadline <= now {
            popTop()
            if let waiter = waiters.removeValue(forKey: top.id) { out.append(waiter) }
        }
        return out
    }

    /// The earliest deadline still waited for.
    var next: Deadline? {
        mutating get {
            while let top = heap.first, waiters[top.id] == nil { popTop() }
            return heap.first?.deadline
        }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1
            let r = l + 1
            var m = i
            if l < heap.count, heap[l].deadline < heap[m].deadline { m = l }
            if r < heap.count, heap[r].deadline < heap[m].deadline { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }

    private mutating func siftUp(_ index: Int) {
        var i = index
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].deadline < heap[parent].deadline else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }
}
