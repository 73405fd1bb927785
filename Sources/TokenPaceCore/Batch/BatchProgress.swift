/// Where a batch pane's queue stands: which item ran in which slot, when it started and ended, and
/// which of the pane's tokens it wrote. The same record serves simulated batches (planned up front)
/// and live ones (filled in as the requests report).
///
/// Items start in queue order, so `runs[i]` is item i. Times are seconds since the batch started.
public struct BatchProgress: Sendable, Equatable {
    public struct ItemRun: Sendable, Equatable {
        public var slot: Int
        /// When the item's request was sent.
        public var startedAt: Double
        public var promptTokens: Int
        /// Indexes of the item's tokens in the pane's tokens and schedule, in order.
        public var indices: [Int32] = []
        /// When its last token arrived (or its request failed); nil while it runs.
        public var endedAt: Double?
        public var failure: String?
        /// Tokens it will write, when known in advance (simulated items).
        public var expectedTokens: Int?
        /// Tokens its backend reported generating (usage), when it said.
        public var reportedTokens: Int?
        /// Prompt tokens its backend reported, when it said.
        public var reportedPromptTokens: Int?
        /// The server's own timings for it (llama.cpp `timings`, Ollama durations), when it sent them.
        public var server: ServerFigures?

        public init(slot: Int, startedAt: Double, promptTokens: Int, expectedTokens: Int? = nil) {
            self.slot = slot
            self.startedAt = startedAt
            self.promptTokens = promptTokens
            self.expectedTokens = expectedTokens
        }
    }

    /// Items in the queue (N).
    public var itemCount: Int
    /// Requests in flight at once (K).
    public var slots: Int
    /// Started items, in queue order.
    public private(set) var runs: [ItemRun] = []
    /// End times of the items that finished with an answer, ascending, and each one's latency
    /// (request → last token) in the same order.
    public private(set) var ends: [Double] = []
    public private(set) var latencies: [Double] = []
    /// The finished item behind each entry of `ends`.
    public private(set) var endedItems: [Int] = []
    /// When failed items failed, ascending.
    public private(set) var failures: [Double] = []
    /// Start times of `runs`, ascending, and the running sum of their prompt tokens.
    private var starts: [Double] = []
    private var promptSums: [Int] = []
    /// Items that ran in each slot, in order.
    public private(set) var slotItems: [[Int]]

    public init(itemCount: Int, slots: Int) {
        self.itemCount = itemCount
        self.slots = slots
        self.slotItems = Array(repeating: [], count: max(1, slots))
    }

    // MARK: - Recording

    /// Item `runs.count` starts in `slot` at `t` (items start in queue order).
    public mutating func start(slot: Int, at t: Double, promptTokens: Int, expectedTokens: Int? = nil) {
        let item = runs.count
        let at = max(t, starts.last ?? 0)
        runs.append(ItemRun(slot: slot, startedAt: at, promptTokens: promptTokens, expectedTokens: expectedTokens))
        starts.append(at)
        promptSums.append((promptSums.last ?? 0) + promptTokens)
        if slot >= slotItems.count { slotItems += Array(repeating: [], count: slot + 1 - slotItems.count) }
        slotItems[slot].append(item)
    }

    /// Item `item` wrote the pane's token number `index`.
    public mutating func append(item: Int, index: Int) {
        runs[item].indices.append(Int32(index))
    }

    /// Item `item` finished at `t`: with its answer, or with `failure`.
    public mutating func finish(item: Int, at t: Double, failure: String? = nil) {
        guard runs[item].endedAt == nil else { return }
        if let failure {
            let at = max(t, failures.last ?? 0)
            runs[item].endedAt = at
            runs[item].failure = failure
            failures.append(at)
        } else {
            let at = max(t, ends.last ?? 0)
            runs[item].endedAt = at
            ends.append(at)
            latencies.append(at - runs[item].startedAt)
            endedItems.append(item)
        }
    }

    public mutating func report(item: Int, completionTokens: Int?, promptTokens: Int?) {
        if let completionTokens { runs[item].reportedTokens = completionTokens }
        if let promptTokens { runs[item].reportedPromptTokens = promptTokens }
    }

    public mutating func report(item: Int, server: ServerFigures) {
        runs[item].server = server
    }

    /// The median of the server's own decode rates over the items done by `t` that reported one.
    public func serverDecodeRate(at t: Double) -> Double? {
        Percentile.of(endedItems.prefix(done(at: t)).compactMap { runs[$0].server?.predictedPerSecond }, 0.5)
    }

    /// True once every item has finished (with an answer or failed).
    public var complete: Bool { ends.count + failures.count >= itemCount }

    // MARK: - What is true at a moment

    /// Items with an answer by `t`.
    public func done(at t: Double) -> Int { ends.countAtOrBefore(t) }

    /// Items whose request failed by `t`.
    public func failed(at t: Double) -> Int { failures.countAtOrBefore(t) }

    /// Items whose request was sent by `t`.
    public func started(at t: Double) -> Int { starts.countAtOrBefore(t) }

    /// Prompt tokens of the items sent by `t` (each item's prompt is prefilled once).
    public func promptTokens(at t: Double) -> Int {
        let n = started(at: t)
        return n == 0 ? 0 : promptSums[n - 1]
    }

    /// Item latency (request → last token) p50 and p90 over the items done by `t`, from one sort of
    /// them; nil before the first.
    public func latencies(at t: Double) -> (p50: Double?, p90: Double?) {
        let sorted = latencies[0..<done(at: t)].sorted()
        return (Percentile.of(sorted, 0.5), Percentile.of(sorted, 0.9))
    }

    /// Seconds left for the whole queue at `t`, from the pace items have finished at so far (what a
    /// user of a real batch sees): elapsed ÷ items finished × items left. Nil before the first item
    /// finishes, and once every item has.
    public func eta(at t: Double) -> Double? {
        let finished = done(at: t) + failed(at: t)
        guard finished > 0, finished < itemCount, t > 0 else { return nil }
        return t / Double(finished) * Double(itemCount - finished)
    }

    /// The item slot `slot` works on at `t` (the latest one it started by then) and whether it is
    /// still running; nil when the slot has not started one.
    public func item(inSlot slot: Int, at t: Double) -> (item: Int, running: Bool)? {
        guard slot < slotItems.count else { return nil }
        let items = slotItems[slot]
        var lo = 0
        var hi = items.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if runs[items[mid]].startedAt <= t { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let item = items[lo - 1]
        let running = runs[item].endedAt.map { $0 > t } ?? true
        return (item, running)
    }

    /// How many of item `item`'s tokens had arrived by `t`, given the pane's arrival times.
    public func shownTokens(item: Int, at t: Double, times: [Double]) -> Int {
        let indices = runs[item].indices
        var lo = 0
        var hi = indices.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[Int(indices[mid])] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The item a pane shows streaming at `t`: the one in slot 1, else (once slot 1 has nothing left)
    /// the last one still running, else the last one that finished.
    public func watchedItem(at t: Double) -> Int? {
        if let first = item(inSlot: 0, at: t), first.running { return first.item }
        var latest: Int?
        for s in slotItems.indices {
            guard let current = item(inSlot: s, at: t) else { continue }
            if current.running { return current.item }
            if latest.map({ current.item > $0 }) ?? true { latest = current.item }
        }
        return latest
    }
}
