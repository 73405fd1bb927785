/// Plans a simulated batch: N items worked through by K slots, each slot taking the next item as
/// soon as it finishes one. A slot's item waits its prefill (the profile's TTFT for the item's
/// prompt), then decodes at the profile's rate times the batch factor for the slots decoding at that
/// moment — so the tail of a batch, with fewer slots busy, speeds up as a real server does.
///
/// A pure function of its inputs; a seed repeats a plan exactly.
public enum BatchPlanner {
    /// One distinct item: the tokens of its answer and its prompt's size.
    public struct Job: Sendable, Equatable {
        public var tokens: [Token]
        public var promptTokens: Int

        public init(tokens: [Token], promptTokens: Int) {
            self.tokens = tokens
            self.promptTokens = promptTokens
        }
    }

    public struct Plan: Sendable, Equatable {
        /// Every item's tokens in the order they arrive (a token's `step` is its item number).
        public var tokens: [Token]
        /// Their arrival times, ascending.
        public var times: [Double]
        public var progress: BatchProgress
    }

    /// Most items a batch pane takes: every token of a planned batch is kept in memory.
    public static let maxItems = 20_000
    /// Most slots (requests in flight at once).
    public static let maxSlots = 256

    /// Items of the queue are `jobs` in order, repeated until there are `count` of them.
    public static func plan(
        jobs: [Job], count: Int, slots: Int, profile: Profile, scaling: BatchScaling, seed: UInt64
    ) -> Plan {
        var progress = BatchProgress(itemCount: count, slots: slots)
        var tokens: [Token] = []
        var times: [Double] = []
        guard !jobs.isEmpty, count > 0, slots > 0 else { return Plan(tokens: [], times: [], progress: progress) }

        struct Running {
            var item: Int
            var job: Int
            var next = 0
            var context: Int
            var shape: GapShape
        }
        var running: [Int: Running] = [:]
        var heap = TimeHeap()
        var nextItem = 0

        func begin(slot: Int, at t: Double) {
            guard nextItem < count else { return }
            let item = nextItem
            nextItem += 1
            let job = (item % jobs.count)
            let j = jobs[job]
            progress.start(slot: slot, at: t, promptTokens: j.promptTokens, expectedTokens: j.tokens.count)
            running[slot] = Running(
                item: item, job: job, context: j.promptTokens + profile.systemTokens,
                shape: GapShape(
                    count: j.tokens.count, jitter: profile.jitter, stallChance: profile.stallChance,
                    seed: seed &+ UInt64(item) &* 0x9E37_79B9))
            heap.push(t + profile.ttft(promptTokens: j.promptTokens), slot)
        }

        for s in 0..<min(slots, count) { begin(slot: s, at: 0) }
        while let (t, slot) = heap.pop() {
            guard var r = running[slot] else { continue }
            let job = jobs[r.job]
            var token = job.tokens[r.next]
            token.step = r.item
            progress.append(item: r.item, index: tokens.count)
            tokens.append(token)
            times.append(t)
            r.next += 1
            r.context += 1
            if r.next == job.tokens.count {
                progress.finish(item: r.item, at: t)
                running[slot] = nil
                begin(slot: slot, at: t)
                continue
            }
            let rate = profile.decodeRate(context: r.context) * scaling.factor(active: running.count)
            var gap = r.shape.multipliers[r.next] / max(rate, 1e-9)
            if r.shape.stalls[r.next] { gap += profile.stallSeconds }
            running[slot] = r
            heap.push(t + gap, slot)
        }
        return Plan(tokens: tokens, times: times, progress: progress)
    }
}

/// A min-heap of (time, slot), earliest first; ties go to the lower slot so plans repeat exactly.
struct TimeHeap {
    private var items: [(t: Double, slot: Int)] = []

    private func less(_ a: (t: Double, slot: Int), _ b: (t: Double, slot: Int)) -> Bool {
        a.t < b.t || (a.t == b.t && a.slot < b.slot)
    }

    mutating func push(_ t: Double, _ slot: Int) {
        items.append((t, slot))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < items.count, less(items[l], items[m]) { m = l }
                if r < items.count, less(items[r], items[m]) { m = r }
                guard m != i else { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return (top.t, top.slot)
    }
}
