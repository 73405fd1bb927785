import Foundation
import Testing

@testable import TokenPaceCore

/// The batch task: the queue's schedule (slots, queueing, per-slot rate), the figures a batch pane
/// shows, a live batch filled in by its requests, and the batch sample format.
@Suite struct BatchTests {
    static func job(_ n: Int, prompt: Int = 0) -> BatchPlanner.Job {
        BatchPlanner.Job(tokens: (0..<n).map { Token("t\($0) ") }, promptTokens: prompt)
    }

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) < tolerance
    }

    /// 5 items of 3 tokens, 2 slots, 1 s to the first token, 10 tok/s, no slow-down with slots:
    /// slot 1 runs items 1, 3, 5 (ending 1.2, 2.4, 3.6 s), slot 2 items 2 and 4 (1.2, 2.4 s).
    @Test func slotsTakeTheNextItemAsSoonAsTheyFinishOne() {
        let profile = Profile(rate: 10, firstToken: .fixed(1))
        let plan = BatchPlanner.plan(
            jobs: [Self.job(3)], count: 5, slots: 2, profile: profile, scaling: .perDoubling(1), seed: 1)
        let b = plan.progress
        #expect(plan.tokens.count == 15)
        #expect(plan.times == plan.times.sorted())
        #expect(b.runs.map(\.slot) == [0, 1, 0, 1, 0])
        let ends = b.runs.map { $0.endedAt ?? -1 }
        for (end, expected) in zip(ends, [1.2, 1.2, 2.4, 2.4, 3.6]) { #expect(Self.close(end, expected)) }
        let starts = b.runs.map(\.startedAt)
        for (start, expected) in zip(starts, [0, 0, 1.2, 1.2, 2.4]) { #expect(Self.close(start, expected)) }
        #expect(Self.close(plan.times.last, 3.6))
        // Every token belongs to its item, in order.
        for (item, run) in b.runs.enumerated() {
            #expect(run.indices.count == 3)
            #expect(run.indices.allSatisfy { plan.tokens[Int($0)].step == item })
        }
        #expect(b.done(at: 1.19) == 0)
        #expect(b.done(at: 1.3) == 2)
        #expect(b.started(at: 1.3) == 4)
        #expect(b.complete)
        // Items wait in the queue: with one slot the same five take five times as long as one.
        let one = BatchPlanner.plan(
            jobs: [Self.job(3)], count: 5, slots: 1, profile: profile, scaling: .perDoubling(1), seed: 1)
        #expect(Self.close(one.times.last, 6))
    }

    /// At 2 active slots and half the rate per doubling each slot decodes at 5 tok/s (0.2 s a token);
    /// once one slot is idle the other is back at 10 tok/s.
    @Test func perSlotRateFallsWithTheSlotsDecodingTogether() {
        let profile = Profile(rate: 10, firstToken: .fixed(1))
        let plan = BatchPlanner.plan(
            jobs: [Self.job(3), Self.job(5)], count: 2, slots: 2, profile: profile, scaling: .perDoubling(0.5),
            seed: 1)
        let short = plan.progress.runs[0].indices.map { plan.times[Int($0)] }
        let long = plan.progress.runs[1].indices.map { plan.times[Int($0)] }
        for (t, e) in zip(short, [1.0, 1.2, 1.4]) { #expect(Self.close(t, e)) }
        // Item 2's gaps: 0.2, 0.2 while item 1 runs, then 0.1 each once item 1 ended at 1.4 s (its
        // third token's gap was set at 1.2 s, with both slots busy).
        for (t, e) in zip(long, [1.0, 1.2, 1.4, 1.5, 1.6]) { #expect(Self.close(t, e)) }
        #expect(BatchScaling.perDoubling(0.9).factor(active: 4) == 0.9 * 0.9)
        #expect(BatchScaling.table([1, 0.9, 0.8]).factor(active: 2) == 0.9)
        #expect(BatchScaling.table([1, 0.9, 0.8]).factor(active: 16) == 0.8)
        #expect(BatchScaling.default.factor(active: 1) == 1)
    }

    @Test func moreSlotsThanItemsStartEveryItemAtOnce() {
        let plan = BatchPlanner.plan(
            jobs: [Self.job(2)], count: 3, slots: 8, profile: Profile(rate: 10, firstToken: .fixed(1)),
            scaling: .default, seed: 1)
        #expect(plan.progress.runs.map(\.startedAt) == [0, 0, 0])
        #expect(plan.progress.runs.map(\.slot) == [0, 1, 2])
    }

    /// The figures at 1.5 s of the 5-item plan: two done, both took 1.2 s; ETA 1.5 ÷ 2 × 3 = 2.25 s.
    @Test func figuresAreTheQueueSoFar() {
        let profile = Profile(rate: 10, firstToken: .fixed(1))
        var pane = PaneState(
            id: 0, profile: profile, seed: 1, tokens: [], promptTokens: 0, task: .batch, origin: 0)
        pane.batchSlots = 2
        pane.batchScaling = .perDoubling(1)
        pane.cost = .api(APIPrice(inputPerM: 1, outputPerM: 2))
        pane.startBatch(jobs: [Self.job(3, prompt: 100)], count: 5, now: 0)
        let f = pane.batchFigures(elapsed: 1.5)!
        #expect(f.done == 2 && f.failed == 0 && f.started == 4 && f.items == 5 && f.slots == 2)
        #expect(Self.close(f.latencyP50, 1.2) && Self.close(f.latencyP90, 1.2))
        #expect(Self.close(f.eta, 2.25))
        #expect(f.generated == 6)
        #expect(Self.close(f.aggregateRate, 6 / 1.5))
        // So far: 4 prompts of 100 tokens and 6 tokens generated; projected: 2 items of 100 + 3 → ×5.
        let soFar: Double = (400 * 1 + 6 * 2) / 1e6
        let projected: Double = (100 * 1 + 3 * 2) / 1e6 * 5
        #expect(Self.close(f.cost?.usd, soFar))
        #expect(Self.close(f.projectedUSD, projected))
        // The first useful output is the first finished item.
        #expect(Self.close(pane.milestones.useful.map { pane.schedule.times[$0] }, 1.2))
        #expect(pane.batchFigures(elapsed: 0.5)?.eta == nil)
        #expect(pane.batchFigures(elapsed: 0.5)?.latencyP50 == nil)
        let end = pane.batchFigures(elapsed: 10)!
        #expect(end.done == 5 && end.eta == nil && end.fraction == 1)
        // After the end the figures are those of the end: 15 tokens in 3.6 s, not in 10 s.
        #expect(Self.close(end.aggregateRate, 15 / 3.6))
        #expect(pane.isDone(elapsed: 3.6 + 1e-9))
    }

    @Test func slotOneIsWatchedUntilItRunsOutOfWork() {
        let plan = BatchPlanner.plan(
            jobs: [Self.job(3), Self.job(12)], count: 3, slots: 2, profile: Profile(rate: 10, firstToken: .fixed(1)),
            scaling: .perDoubling(1), seed: 1)
        let b = plan.progress
        #expect(b.watchedItem(at: 0.5) == 0)
        // Slot 1 finishes item 1 at 1.2 s and takes item 3 (short, to 2.4 s); slot 2 runs item 2
        // (12 tokens) to 2.1 s.
        #expect(b.watchedItem(at: 1.3) == 2)
        #expect(b.item(inSlot: 1, at: 1.3)?.item == 1)
        #expect(b.shownTokens(item: 1, at: 1.55, times: plan.times) == 6)
        // All over: the last item stays in view.
        #expect(b.watchedItem(at: 9) == 2)
        // Two items: once slot 1 has nothing left, the slot still working is watched.
        let two = BatchPlanner.plan(
            jobs: [Self.job(3), Self.job(12)], count: 2, slots: 2, profile: Profile(rate: 10, firstToken: .fixed(1)),
            scaling: .perDoubling(1), seed: 1)
        #expect(two.progress.watchedItem(at: 1.5) == 1)
        #expect(two.progress.item(inSlot: 0, at: 1.5)?.running == false)
    }

    /// A live batch: the requests say when each item went out, its tokens, and its end.
    @Test func aLiveBatchIsFilledInByItsRequests() {
        var pane = PaneState(
            id: 0, profile: Profile(rate: 10), seed: 1, tokens: [], promptTokens: 0, task: .batch, origin: 0,
            source: .live(name: "openai"))
        pane.batchSlots = 2
        pane.startBatch(jobs: [Self.job(2)], count: 2, now: 0)
        #expect(pane.tokens.isEmpty && pane.batch?.runs.isEmpty == true)
        pane.startItem(0, slot: 0, at: 0, promptTokens: 10)
        pane.startItem(1, slot: 1, at: 0.01, promptTokens: 10)
        func token(_ text: String, _ t: Double) -> FeedEvent { .token(TokenEvent(text: text, kind: .answer, t: t)) }
        pane.feed(item: 1, token("b", 0.5))
        pane.feed(item: 0, token("a", 0.6))
        pane.feed(item: 1, .finished(at: 0.7, reason: "stop"))
        #expect(!pane.isDone(elapsed: 10))
        #expect(pane.batch?.done(at: 1) == 1)
        #expect(Self.close(pane.milestones.useful.map { pane.schedule.times[$0] }, 0.5))
        pane.feed(item: 0, .failed(message: "HTTP 500", at: 0.9))
        #expect(pane.isDone(elapsed: 10))
        #expect(pane.live.ended && pane.live.failure == nil)
        #expect(pane.batch?.failed(at: 1) == 1)
        #expect(pane.batch?.runs[0].failure == "HTTP 500")
        #expect(pane.tokens.map(\.text) == ["b", "a"])

        var failing = pane
        failing.startBatch(jobs: [Self.job(2)], count: 1, now: 0)
        failing.startItem(0, slot: 0, at: 0, promptTokens: 10)
        failing.feed(item: 0, .failed(message: "connection refused", at: 0.1))
        #expect(failing.live.failure == "every item failed: connection refused")
    }

    /// An item running long has already cost more than the finished items' mean: the projection
    /// never falls below the bill so far.
    @Test func theProjectionIsNeverBelowTheBillSoFar() throws {
        var pane = PaneState(
            id: 0, profile: Profile(rate: 10), seed: 1, tokens: [], promptTokens: 0, task: .batch, origin: 0,
            source: .live(name: "openai"))
        pane.batchSlots = 2
        pane.cost = .api(APIPrice(inputPerM: 1, outputPerM: 2))
        pane.startBatch(jobs: [Self.job(1)], count: 2, now: 0)
        pane.startItem(0, slot: 0, at: 0, promptTokens: 100)
        pane.startItem(1, slot: 1, at: 0, promptTokens: 100)
        pane.feed(item: 0, .token(TokenEvent(text: "a", kind: .answer, t: 0.1)))
        pane.feed(item: 0, .finished(at: 0.1, reason: "stop"))
        for k in 0..<10 { pane.feed(item: 1, .token(TokenEvent(text: "b", kind: .answer, t: 0.2 + Double(k) / 10))) }
        let f = try #require(pane.batchFigures(elapsed: 2))
        // So far 2 prompts of 100 and 11 tokens; the mean finished item (100 + 1 token) × 2 is less.
        let soFar: Double = (200 * 1 + 11 * 2) / 1e6
        #expect(Self.close(f.cost?.usd, soFar))
        #expect(Self.close(f.projectedUSD, soFar))
        #expect((100 + 1 * 2) / 1e6 * 2 < soFar)
    }

    /// A mirror of a live batch waits for the whole batch, then replays the answers the backend gave
    /// (the failed item left out) at its own pace and slots, and finishes.
    @Test func aMirrorReplaysItsLiveBatchOnceTheBatchIsOver() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        let sample = try #require(library.samples(for: .batch).first)
        var state = AppState(
            setups: [
                PaneSetup(profile: Profile(rate: 10), source: .live(name: "openai")),
                PaneSetup(profile: Profile(rate: 10, firstToken: .fixed(1)), source: .mirror(of: 0)),
            ], sample: sample, library: library.samples, seed: 1, batchItems: 3, now: 0)
        #expect(state.panes[1].tokens.isEmpty && !state.panes[1].isDone(elapsed: 100))
        let gen = state.panes[0].generation
        func send(_ item: Int, _ feed: ItemFeed, at now: Double) {
            reduce(&state, .feedItem(paneID: 0, generation: gen, item: item, feed: feed), now: now)
        }
        func token(_ text: String, _ t: Double) -> ItemFeed {
            .event(.token(TokenEvent(text: text, kind: .answer, t: t)))
        }
        for item in 0..<3 { send(item, .sent(slot: item, at: 0, promptTokens: 50 + item), at: 0) }
        send(0, token("yes ", 0.5), at: 0.5)
        send(0, token("no", 0.6), at: 0.6)
        send(0, .event(.finished(at: 0.7, reason: "stop")), at: 0.7)
        send(2, token("maybe", 0.8), at: 0.8)
        send(2, .event(.finished(at: 0.9, reason: "stop")), at: 0.9)
        #expect(state.panes[1].tokens.isEmpty && !state.panes[1].live.ended)
        send(1, .event(.failed(message: "HTTP 500", at: 1.0)), at: 5)
        let mirror = state.panes[1]
        #expect(mirror.live.ended && mirror.live.failure == nil)
        #expect(mirror.origin == 5)
        #expect(mirror.batch?.itemCount == 2)
        #expect(mirror.tokens.map(\.text).sorted() == ["maybe", "no", "yes "])
        #expect(mirror.batch?.runs.map(\.promptTokens) == [50, 52])
        // 1 s to the first token, then 10 tok/s × 0.88 (two slots decoding): item 1's second token
        // comes 1 ÷ 8.8 s later; item 2 (one token) ends at 1 s.
        let end = 1 + 1 / (10 * 0.88)
        #expect(Self.close(mirror.schedule.times.last, end))
        #expect(!mirror.isDone(elapsed: end - 0.01) && mirror.isDone(elapsed: end))

        // Every item failed: nothing to replay, and the mirror says why.
        reduce(&state, .scaleSlots(2), now: 6)
        #expect(state.panes[1].tokens.isEmpty && !state.panes[1].live.ended)
        let again = state.panes[0].generation
        for item in 0..<3 {
            reduce(
                &state,
                .feedItem(paneID: 0, generation: again, item: item, feed: .sent(slot: 0, at: 0, promptTokens: 5)),
                now: 6)
            reduce(
                &state,
                .feedItem(paneID: 0, generation: again, item: item, feed: .event(.failed(message: "refused", at: 0.1))),
                now: 6)
        }
        #expect(state.panes[1].live.failure == "A failed: nothing to replay")
    }

    @Test func kDoublesAndShiftKHalvesTheSelectedPanesSlots() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        let sample = try #require(library.samples(for: .batch).first)
        var state = AppState(
            profiles: [Profile(rate: 40), Profile(rate: 40)], sample: sample, library: library.samples, seed: 1,
            now: 0)
        #expect(state.panes.allSatisfy { $0.batch?.itemCount == sample.items.count })
        #expect(state.panes[0].batch?.slots == 4)
        let before = state.panes[0].schedule.times.last!
        reduce(&state, Action.from(key: .char("k"), helpVisible: false)!, now: 2)
        #expect(state.panes[0].batchSlots == 8 && state.panes[0].batch?.slots == 8)
        #expect(state.panes[0].origin == 2)
        #expect(state.panes[0].schedule.times.last! < before)
        #expect(state.panes[1].batchSlots == 4)
        for _ in 0..<6 { reduce(&state, .scaleSlots(0.5), now: 3) }
        #expect(state.panes[0].batchSlots == 1)
        // One answer's levers do not apply to a queue: they say so and change nothing.
        let queued = state.panes[0]
        #expect(reduce(&state, .saveTraces, now: 3).isEmpty)
        reduce(&state, .cyclePresentation, now: 3)
        #expect(state.panes[0] == queued)
        #expect(state.notice(at: 3)?.contains("presentations are for one answer") == true)
        // Another task: the keys say what they are for.
        reduce(&state, .nextTask, now: 4)
        #expect(state.panes[0].batch == nil)
        reduce(&state, .scaleSlots(2), now: 4)
        #expect(state.notice(at: 4)?.contains("batch") == true)
        // --items: the queue cycles through the sample's items.
        state.batchItems = 100
        reduce(&state, .previousTask, now: 5)
        #expect(state.panes[0].batch?.itemCount == 100)
        #expect(state.panes[0].batch?.runs.count == 100)
    }

    /// A trace recorded one request: switched to the batch task it keeps playing that.
    @Test func aTracePaneKeepsItsRecordingInTheBatchTask() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        let sample = try #require(library.samples(for: .batch).first)
        let trace = PaneSetup(
            profile: Profile(rate: 10), source: .replay(name: "t"), tokens: [Token("a"), Token("b")], times: [0.5, 0.6])
        let state = AppState(
            setups: [PaneSetup(profile: Profile(rate: 10)), trace], sample: sample, library: library.samples, seed: 1,
            now: 0)
        #expect(state.panes[0].batch != nil)
        #expect(state.panes[1].batch == nil)
        #expect(state.panes[1].schedule.times == [0.5, 0.6])
    }

    @Test func shippedBatchSamplesAreQueuesOfRealItems() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        let batches = library.samples(for: .batch)
        #expect(batches.count >= 2)
        for s in batches {
            #expect(s.items.count >= 10, "\(s.id)")
            #expect(s.items.allSatisfy { !$0.input.isEmpty && !$0.answer.isEmpty })
            #expect(s.itemPrompt(0).hasPrefix(s.prompt + "\n\n"))
        }
        let tickets = try #require(library.sample(named: "batch-support-tickets"))
        #expect(tickets.items.count == 40)
        #expect(tickets.items.allSatisfy { $0.answer.hasPrefix("Label: ") })
    }

    @Test func batchSampleErrorsNameTheLine() {
        func error(_ body: String) -> String {
            do {
                _ = try SampleFile.parse("---\ntask: batch\nprompt: Label it.\n---\n" + body, path: "b.md", id: "b")
                return "no error"
            } catch { return error.description }
        }
        #expect(error("::: item\nA\n::: answer\nB\n") == "no error")
        #expect(
            error("::: answer\nB\n")
                == "b.md:5: an answer needs its item before it: add '::: item' and the item's input")
        #expect(error("::: item\nA\n::: item\nB\n") == "b.md:7: item 1 has no answer: add '::: answer' after it")
        #expect(error("::: item\nA\n") == "b.md:5: item 1 has no answer: add '::: answer' after it")
        #expect(error("::: item\n\n::: answer\nB\n") == "b.md:5: empty 'item' section")
        #expect(error("::: item\nA\n::: answer\n\n") == "b.md:7: empty 'answer' section")
        #expect(error("::: item\nA\n::: reasoning\nB\n").hasPrefix("b.md:7: unknown section marker '::: reasoning'"))
        #expect(error("hello\n::: item\nA\n::: answer\nB\n").hasPrefix("b.md:5: text before the first section marker"))
        #expect(error("").hasPrefix("b.md:4: a batch sample needs items"))
    }
}
