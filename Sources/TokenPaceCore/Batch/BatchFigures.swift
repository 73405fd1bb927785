/// What a batch pane shows at a moment: the queue, the pace, the ETA and the bill.
public struct BatchFigures: Sendable, Equatable {
    public var items: Int
    public var slots: Int
    public var done: Int
    public var failed: Int
    /// Items whose request went out.
    public var started: Int
    /// Item latency (request → last token) over the items done so far.
    public var latencyP50: Double?
    public var latencyP90: Double?
    /// Tokens generated so far over the time since the batch started: the batch's throughput.
    public var aggregateRate: Double?
    public var generated: Int
    /// The server's own decode rate (median over the items done that reported timings).
    public var serverRate: Double?
    /// Seconds left, from the pace items have finished at (nil before the first, and when over).
    public var eta: Double?
    /// The bill so far (every prompt sent, every token generated; a box: its hours so far).
    public var cost: TaskCost?
    /// The whole batch's bill as projected from the items finished so far: their mean × every item,
    /// or, when more, the bill so far + their mean × the items not yet sent.
    public var projectedUSD: Double?

    /// Share of the queue finished (with an answer or failed).
    public var fraction: Double { items == 0 ? 1 : Double(done + failed) / Double(items) }
}

extension PaneState {
    /// The batch pane's figures at `elapsed` seconds since its batch started; nil for other panes.
    public func batchFigures(elapsed: Double) -> BatchFigures? {
        guard let b = batch else { return nil }
        // Once the batch is over its figures stay those of its end.
        let end = isDone(elapsed: elapsed) ? e2e ?? live.endedAt : nil
        let t = min(max(0, elapsed), end ?? .infinity)
        let shown = shownCount(elapsed: t)
        let done = b.done(at: t)
        let failed = b.failed(at: t)
        let started = b.started(at: t)
        let latency = b.latencies(at: t)
        var figures = BatchFigures(
            items: b.itemCount, slots: b.slots, done: done, failed: failed, started: started,
            latencyP50: latency.p50, latencyP90: latency.p90,
            aggregateRate: t > 0 && shown > 0 ? Double(shown) / t : nil, generated: shown,
            serverRate: b.serverDecodeRate(at: t), eta: b.eta(at: t))
        if let cost {
            let system = profile.systemTokens
            let prompts = (0..<started).reduce(0) { $0 + itemPromptTokens($1, system: system) }
            // With the prompt cache on, the hidden instructions are read once and cached after.
            let cached = profile.promptCache && started > 1 ? (started - 1) * system : 0
            let over = end != nil
            figures.cost = cost.cost(
                of: TaskTokens(input: prompts, cached: cached, generated: shown), seconds: over ? e2e ?? t : t)
            switch cost {
            case .api:
                let finished = b.endedItems.prefix(done)
                if !finished.isEmpty {
                    let sum = finished.reduce(0.0) { total, item in
                        let tokens = TaskTokens(
                            input: itemPromptTokens(item, system: system), cached: profile.promptCache ? system : 0,
                            generated: b.runs[item].reportedTokens ?? b.runs[item].indices.count)
                        return total + (cost.cost(of: tokens, seconds: nil).usd ?? 0)
                    }
                    // Never below what is spent: an item running long costs more than the mean.
                    let mean = sum / Double(finished.count)
                    figures.projectedUSD = max(
                        mean * Double(b.itemCount), (figures.cost?.usd ?? 0) + mean * Double(b.itemCount - started))
                }
            case .box:
                if over {
                    figures.projectedUSD = figures.cost?.usd
                } else if let eta = figures.eta {
                    figures.projectedUSD = cost.cost(of: TaskTokens(input: 0, generated: 0), seconds: t + eta).usd
                }
            }
        }
        return figures
    }

    /// Prompt tokens item `item` was billed for: as its backend reported, else estimated, with the
    /// hidden instructions.
    private func itemPromptTokens(_ item: Int, system: Int) -> Int {
        guard let run = batch?.runs[item] else { return 0 }
        return run.reportedPromptTokens ?? (run.promptTokens + system)
    }
}
