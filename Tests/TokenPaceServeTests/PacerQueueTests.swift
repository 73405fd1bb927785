import Testing

@testable import TokenPaceServe

@Suite struct PacerQueueTests {
    @Test func dueWaitsComeOutTogetherEarliestFirst() {
        var q = PacerQueue<Double, String>()
        #expect(q.add(id: 1, deadline: 0.30, "c") == (true, true))
        #expect(q.add(id: 2, deadline: 0.10, "a") == (true, true))
        // Not the earliest: a sleeping pacer need not wake for it.
        #expect(q.add(id: 3, deadline: 0.20, "b") == (true, false))
        #expect(q.add(id: 4, deadline: 0.20, "b2") == (true, false))
        #expect(q.next == 0.10)
        #expect(q.due(at: 0.05).isEmpty)
        #expect(q.due(at: 0.20).sorted() == ["a", "b", "b2"])
        #expect(q.next == 0.30)
        #expect(q.due(at: 1) == ["c"])
        #expect(q.next == nil && q.isEmpty)
    }

    @Test func aCancelledWaitIsSkippedAndOneCancelledBeforeItsAddIsRefused() {
        var q = PacerQueue<Double, String>()
        _ = q.add(id: 1, deadline: 0.1, "a")
        _ = q.add(id: 2, deadline: 0.2, "b")
        #expect(q.remove(id: 1) == "a")
        #expect(q.next == 0.2)
        #expect(q.due(at: 0.15).isEmpty)
        // Cancelled before it was added: its add is refused, and only once.
        #expect(q.remove(id: 7) == nil)
        #expect(q.add(id: 7, deadline: 0.3, "late") == (false, false))
        #expect(q.add(id: 7, deadline: 0.3, "again").added)
        #expect(q.due(at: 1) == ["b", "again"])
    }

    @Test func manyWaitsComeOutInDeadlineOrder() {
        var q = PacerQueue<Int, Int>()
        let deadlines = [5, 3, 9, 1, 7, 2, 8, 6, 4, 0]
        for (i, d) in deadlines.enumerated() { _ = q.add(id: UInt64(i), deadline: d, d) }
        #expect(q.due(at: 100) == deadlines.sorted())
    }
}
