/// Batch panes: when the sample is a batch (`task: batch`), every pane works through its queue.
extension AppState {
    /// Items a batch pane works through: `--items`, else the sample's own count.
    public var batchItemCount: Int { batchItems ?? max(1, sample.items.count) }

    /// The distinct requests of the sample's queue as `pane` cuts them (its tokenizer, if any).
    func batchJobs(for pane: PaneState) -> [BatchPlanner.Job] {
        zip(sample.items, batchPromptTokens(for: pane)).map { item, prompt in
            let answer = Sample(
                id: sample.id, title: sample.title, task: .batch, prompt: "",
                segments: [Sample.Segment(kind: .answer, text: item.answer)])
            return BatchPlanner.Job(tokens: answer.tokens(using: pane.tokenizer), promptTokens: prompt)
        }
    }

    /// Each distinct item's request size in tokens, as `pane` counts them.
    func batchPromptTokens(for pane: PaneState) -> [Int] {
        sample.items.indices.map { i in
            Sample(id: sample.id, title: sample.title, task: .batch, prompt: sample.itemPrompt(i), segments: [])
                .promptTokenCount(using: pane.tokenizer)
        }
    }

    /// Starts pane `i`'s batch over at `now` (its profile, slots and scaling as they are now).
    mutating func startBatch(pane i: Int, now: Double) {
        guard sample.task == .batch, !sample.items.isEmpty else { return }
        // A trace recorded one request: it keeps playing that, rather than a queue made up for it.
        guard !panes[i].source.isReplay else { return }
        if case .mirror(let id) = panes[i].source {
            startMirrorBatch(pane: i, of: id, now: now)
            return
        }
        let jobs = batchJobs(for: panes[i])
        panes[i].startBatch(jobs: jobs, count: batchItemCount, now: now)
        // Its mirrors wait for the new batch.
        startMirrors(of: i, now: now)
    }

    /// A mirror of a live batch replays the answers the backend really gave, once its whole batch
    /// is over: every answered item, at the mirror's own pace and slots, from `now`. Until then it
    /// waits, and it fails when every item failed.
    mutating func startMirrorBatch(pane i: Int, of id: Int, now: Double) {
        let source = panes.first { $0.id == id }
        let answers = source.flatMap { $0.live.ended ? $0.batchAnswers : nil } ?? []
        panes[i].startBatch(jobs: answers, count: answers.isEmpty ? batchItemCount : answers.count, now: now)
        if !answers.isEmpty {
            panes[i].live.ended = true
        } else if let source, source.live.failure != nil {
            panes[i].live.failure = "\(source.label) failed: nothing to replay"
            panes[i].live.ended = true
        }
    }

    /// Starts the batches of pane `i`'s mirrors over: waiting while its batch runs, replaying it
    /// once it is over.
    mutating func startMirrors(of i: Int, now: Double) {
        for m in panes.indices where panes[m].source == .mirror(of: panes[i].id) {
            startMirrorBatch(pane: m, of: panes[i].id, now: now)
        }
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
            run.batch = BatchRequests(
                prompts: sample.items.indices.map(sample.itemPrompt), promptTokens: batchPromptTokens(for: pane),
                count: batchItemCount, slots: pane.batchSlots)
        }
        return run
    }
}
