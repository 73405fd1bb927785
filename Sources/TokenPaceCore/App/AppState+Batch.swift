/// Batch panes: when the sample is a batch (`task: batch`), every pane works through its queue.
extension AppState {
    /// Items a batch pane works through: `--items`, else the sample's own count.
    public var batchItemCount: Int { batchItems ?? max(1, sample.items.count) }

    /// The distinct requests of the sample's queue as `pane` cuts them (its tokenizer, if any).
    func batchJobs(for pane: PaneState) -> [BatchPlanner.Job] {
        let tokenizer = pane.tokenizer
        return sample.items.indices.map { i in
            let answer = Sample(
                id: sample.id, title: sample.title, task: .batch, prompt: "",
                segments: [Sample.Segment(kind: .answer, text: sample.items[i].answer)])
            let prompt = Sample(
                id: sample.id, title: sample.title, task: .batch, prompt: sample.itemPrompt(i), segments: [])
            return BatchPlanner.Job(
                tokens: answer.tokens(using: tokenizer), promptTokens: prompt.promptTokenCount(using: tokenizer))
        }
    }

    /// Starts pane `i`'s batch over at `now` (its profile, slots and scaling as they are now).
    mutating func startBatch(pane i: Int, now: Double) {
        guard sample.task == .batch, !sample.items.isEmpty else { return }
        // A trace recorded one request: it keeps playing that, rather than a queue made up for it.
        guard !panes[i].source.isReplay else { return }
        let jobs = batchJobs(for: panes[i])
        panes[i].startBatch(jobs: jobs, count: batchItemCount, now: now)
    }

    /// Starts every pane's batch (a batch sample was loaded).
    mutating func startBatches(now: Double, paused: Double?) {
        guard sample.task == .batch else { return }
        for i in panes.indices {
            startBatch(pane: i, now: panes[i].source.isLive ? now : (paused ?? now))
        }
    }

    /// The request a live pane sends: one prompt (after a real outline request when the pane is
    /// staged), or its batch's queue; the hidden instructions with each.
    public func liveRun(for pane: PaneState) -> LiveRun {
        var run = LiveRun(
            paneID: pane.id, generation: pane.generation, systemTokens: systemTokens,
            staged: pane.stageSource == .request)
        if sample.task == .batch, !sample.items.isEmpty {
            let jobs = batchJobs(for: pane)
            run.batch = BatchRequests(
                prompts: sample.items.indices.map(sample.itemPrompt), promptTokens: jobs.map(\.promptTokens),
                count: batchItemCount, slots: pane.batchSlots)
        }
        return run
    }
}
