import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

/// Screens as text: every task type at fixed times, at 120×40 and 40×12, plus style grids where
/// colour carries meaning.
@Suite struct DashboardSnapshotTests {
    static let library: SampleLibrary = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try! SampleLibrary(directory: root.appendingPathComponent("Samples").path)
    }()

    func state(task: TaskKind, rates: [Double] = [10, 21, 60], ttft: Profile.FirstToken = .fixed(0.5)) -> AppState {
        let sample = Self.library.samples(for: task)[0]
        return AppState(
            profiles: rates.map { Profile(rate: $0, firstToken: ttft) }, sample: sample,
            library: Self.library.samples, seed: 1, now: 0)
    }

    static let sizes = [Size(width: 120, height: 40), Size(width: 40, height: 12)]

    @Test(arguments: TaskKind.allCases)
    func everyTaskMidStream(task: TaskKind) {
        let s = state(task: task)
        for size in Self.sizes {
            for now in [0.3, 4.0] {
                let b = Dashboard.render(s, size: size, now: now)
                assertSnapshot(b.text, named: "\(task.rawValue)-\(size.width)x\(size.height)-t\(now)")
            }
        }
    }

    /// A priced batch: the queue mid-run (slot strip, ETA, cost so far and projected) and over.
    @Test func batchQueueMidRunAndDone() {
        var s = state(task: .batch, rates: [20, 60])
        for i in s.panes.indices { s.panes[i].cost = .api(APIPrice(inputPerM: 3, outputPerM: 15)) }
        s.panes[1].batchSlots = 16
        s.sample = Self.library.sample(named: "batch-support-tickets")!
        reduce(&s, .restart, now: 0)
        let end = s.panes.compactMap(\.e2e).max()! + 0.5
        for size in Self.sizes {
            for now in [6.0, end] {
                let b = Dashboard.render(s, size: size, now: now)
                assertSnapshot(b.text, named: "batch-priced-\(size.width)x\(size.height)-\(now == end ? "done" : "t6")")
            }
        }
        let over = Dashboard.render(s, size: Size(width: 120, height: 40), now: end).text
        #expect(over.contains("40/40 items"))
        #expect(over.contains("✓ 1st · leader"))
        #expect(over.contains("an item"))
    }

    /// A mirror of a live batch says what it waits for, at both sizes.
    @Test func aMirrorOfALiveBatchSaysItWaits() {
        let sample = Self.library.sample(named: "batch-support-tickets")!
        let s = AppState(
            setups: [
                PaneSetup(profile: Profile(rate: 10), source: .live(name: "openai")),
                PaneSetup(profile: Profile(rate: 40), source: .mirror(of: 0)),
            ], sample: sample, library: Self.library.samples, seed: 1, batchItems: 4, now: 0)
        let wide = Dashboard.render(s, size: Size(width: 120, height: 40), now: 2).text
        #expect(wide.contains("replays A's answers once its batch is over…"))
        #expect(wide.contains("sending the first requests…"))
        let small = Dashboard.render(s, size: Size(width: 40, height: 12), now: 2).text
        #expect(small.contains("replays A's"))
    }

    @Test func chatFinishedShowsPlaces() {
        let s = state(task: .chat)
        let end = s.panes.compactMap(\.e2e).max()! + 0.5
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: end)
        #expect(b.text.contains("✓ 1st · leader"))
        #expect(b.text.contains("✓ 3rd"))
        assertSnapshot(b.text, named: "chat-finished-120x40")
    }

    @Test func agentPaneMidStepAndAtTheEnd() {
        let s = state(task: .agent, rates: [40, 90], ttft: .prefill(rate: 800, overhead: 0.2))
        let mid = Dashboard.render(s, size: Size(width: 120, height: 30), now: 6)
        #expect(mid.text.contains("step "))
        assertSnapshot(mid.text, named: "agent-120x30-mid")
        let end = s.panes.compactMap(\.e2e).max()! + 1
        let done = Dashboard.render(s, size: Size(width: 120, height: 30), now: end)
        #expect(done.text.contains("8 steps"))
        #expect(done.text.contains("✓ 1st"))
        assertSnapshot(done.text, named: "agent-120x30-end")
    }

    @Test func retriesShowTriesAndTimeToUsable() {
        let sample = Self.library.samples(for: .chat)[0]
        let profiles = [Profile(rate: 50, successRate: 0.6), Profile(rate: 15, successRate: 0.9)]
        let s = AppState(profiles: profiles, sample: sample, library: [sample], seed: 3, now: 0)
        let end = s.panes.compactMap(\.e2e).max()! + 1
        let b = Dashboard.render(s, size: Size(width: 120, height: 30), now: end)
        #expect(b.text.contains("usable "))
        #expect(b.text.contains("expected "))
        assertSnapshot(b.text, named: "retries-120x30-end")
    }

    @Test func aPaneWithEveryTryRejectedIsNotUsableAndTakesNoPlace() {
        let sample = Self.library.samples(for: .chat)[0]
        let seed = (UInt64(1)...50).first { !Attempts.draw(successRate: 0.015, maxAttempts: 3, seed: $0).accepted }!
        let s = AppState(
            profiles: [Profile(rate: 300, successRate: 0.015)], sample: sample, library: [sample], seed: seed, now: 0)
        #expect(s.panes[0].attempts == (3, false))
        let end = s.panes.compactMap(\.e2e).max()! + 1
        #expect(s.standing(of: s.panes[0], now: end) == nil)
        let b = Dashboard.render(s, size: Size(width: 120, height: 30), now: end)
        #expect(b.text.contains("usable none"))
        #expect(b.text.contains("✗ not usable"))
        #expect(!b.text.contains("✓"))
        #expect(!b.text.contains("leader"))
        let small = Dashboard.render(s, size: Size(width: 40, height: 12), now: end)
        #expect(small.text.contains("not usable"))
        #expect(!small.text.contains("✓"))
    }

    @Test func speculativeShowsTheRateStreamedInEveryTitleAndTheStatusBar() {
        let sample = Self.library.samples(for: .code)[0]
        let profiles = [10.0, 21, 60].map { Profile(rate: $0, firstToken: .fixed(0.5), speculativeDraft: 4) }
        let s = AppState(profiles: profiles, sample: sample, library: [sample], seed: 1, now: 0)
        let wide = Dashboard.render(s, size: Size(width: 120, height: 40), now: 2)
        // Code accepts α 0.8 of 4 drafts at 0.1 of a step each: ×2.40.
        #expect(wide.text.contains("A · 24.0 tok/s spec ×2.40"))
        #expect(!wide.text.contains("10.0t/s"))
        #expect(wide.text.contains("speculative ×2.40 (4 drafts)"))
        let one = AppState(profiles: [profiles[0]], sample: sample, library: [sample], seed: 1, now: 0)
        let small = Dashboard.render(one, size: Size(width: 40, height: 12), now: 2)
        #expect(small.text.contains("24.0 tok/s spec"))
        #expect(small.text.contains("spec ×2.40"))
        assertSnapshot(small.text, named: "code-speculative-40x12")
    }

    @Test func narrowTitlesKeepTheKindOfPaneAndTheRateItStreamsAt() {
        let sample = Self.library.samples(for: .chat)[0]
        let tokens = sample.tokens()
        let times = tokens.indices.map { 0.2 + Double($0) / 80 }
        let setups = [
            PaneSetup(
                profile: Profile(rate: 21), source: .replay(name: "llama-server-openai-a-long-recorded-run"),
                tokens: tokens, times: times),
            PaneSetup(profile: Profile(label: "est.", rate: 41.1)),
        ]
        let s = AppState(setups: setups, sample: sample, library: [sample], seed: 1, now: 0)
        let b = Dashboard.render(s, size: Size(width: 40, height: 12), now: 1)
        #expect(b.text.contains("A 80.0t/s trace"))
        #expect(!b.text.contains("21.0"))
        #expect(b.text.contains("B 41.1t/s est."))
        // With drafting on: the trace keeps its recorded pace, the estimate keeps both markers.
        let drafting = setups.map { setup in
            var s = setup
            s.profile.speculativeDraft = 4
            return s
        }
        let d = AppState(setups: drafting, sample: sample, library: [sample], seed: 1, now: 0)
        let t = Dashboard.render(d, size: Size(width: 40, height: 12), now: 1).text
        #expect(t.contains("A 80.0t/s trace ") && !t.contains("trace spec"))
        #expect(t.contains("B 56.9 est. spec"))
    }

    /// The status bar of a trace pane (a 2548-token prompt) beside a simulated pane playing the trace's
    /// answer, as loaded, after `t` and after `n`; and of a trace pane alone after `t`.
    @Test func statusBarNamesWhatThePanesShowAfterTaskAndSampleKeys() {
        let sample = Self.library.samples(for: .chat)[0]
        var asked = sample
        asked.id = "a-recorded-run"
        asked.recordedPromptTokens = 2548
        let tokens = sample.tokens()
        let trace = PaneSetup(
            profile: Profile(rate: 21), source: .replay(name: "a-recorded-run"), tokens: tokens,
            times: tokens.indices.map { 0.2 + Double($0) / 80 }, promptTokens: 2548)
        let size = Size(width: 120, height: 12)
        func status(_ s: AppState) -> String {
            String(Dashboard.render(s, size: size, now: 1).text.split(separator: "\n").last ?? "")
        }
        var mixed = AppState(
            setups: [trace, PaneSetup(profile: Profile(rate: 10))], sample: asked, library: Self.library.samples,
            seed: 1, now: 0)
        var lines = [status(mixed)]
        reduce(&mixed, .nextTask, now: 0)
        lines.append(status(mixed))
        reduce(&mixed, .nextSample, now: 0)
        lines.append(status(mixed))
        var alone = AppState(setups: [trace], sample: asked, library: Self.library.samples, seed: 1, now: 0)
        reduce(&alone, .nextTask, now: 0)
        lines.append(status(alone))
        #expect(lines[0].contains("a-recorded-run · prompt 2548 tok"))
        #expect(!lines[1].contains("2548") && !lines[2].contains("2548"), "the new sample's own prompt")
        #expect(lines[1].contains("\(mixed.library.first { $0.task == .chat.next() }!.id) · prompt"))
        #expect(lines[3].contains("a-recorded-run · prompt 2548 tok"))
        assertSnapshot(lines.joined(separator: "\n") + "\n", named: "status-trace-task-keys")
    }

    @Test func creativeProseGetsNoSpeedUpFromSpeculativeDecoding() {
        let story = Self.library.samples.first { $0.id == "chat-story-lighthouse" }!
        #expect(story.draftAcceptance == 0.25)
        let profile = Profile(rate: 20, firstToken: .fixed(0.5), speculativeDraft: 4)
        let s = AppState(profiles: [profile], sample: story, library: [story], seed: 1, now: 0)
        // (1 − 0.25^5) ÷ 0.75 = 1.33 tokens a step, ÷ (1 + 4 × 0.1): ×0.95, slower than without drafts.
        #expect(abs(s.panes[0].profile.speedup - 0.951) < 0.001)
        #expect(s.panes[0].profile.effectiveRate < 20)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 2)
        #expect(b.text.contains("A · 19.0 tok/s (20.0 × spec 0.95)"))
        #expect(b.text.contains("speculative ×0.95"))
    }

    @Test func aRetryShowsTheRepromptsTTFTAndKeepsItsTriesInSmallPanes() {
        let sample = Self.library.samples(for: .chat)[0]
        let seed = (UInt64(1)...50).first { Attempts.draw(successRate: 0.6, maxAttempts: 3, seed: $0).count >= 2 }!
        let profiles = [Profile(rate: 50, successRate: 0.6), Profile(rate: 15, successRate: 0.9)]
        var s = AppState(profiles: profiles, sample: sample, library: [sample], seed: seed, now: 0)
        let pane = s.panes[0]
        let t = pane.schedule.times[pane.tokensPerTry] + 0.5
        let retry = pane.retryTTFT(attempt: 1)!
        let wide = Dashboard.render(s, size: Size(width: 120, height: 40), now: t)
        #expect(wide.text.contains("· retry " + Format.duration(retry, .clock)))
        #expect(wide.text.contains("try 2/3"))
        let small = Dashboard.render(s, size: Size(width: 40, height: 12), now: t)
        #expect(small.text.contains("try 2/3"))
        assertSnapshot(small.text, named: "retries-40x12-second-try")
        reduce(&s, .toggleExplain, now: t)
        let explain = Dashboard.render(s, size: Size(width: 120, height: 40), now: t)
        let single = Format.fixed(pane.singleTryE2E, 3)
        #expect(explain.text.contains("= \(single) s ÷ 60% = "))
        #expect(explain.text.contains("re-prompt 2:"))
        assertSnapshot(explain.text, named: "explain-retry-120x40")
    }

    @Test func explainShowsTheSpeculativeInputsAndScrolls() {
        let sample = Self.library.samples(for: .code)[0]
        let profile = Profile(rate: 10, firstToken: .fixed(0.5), speculativeDraft: 4)
        var s = AppState(profiles: [profile], sample: sample, library: [sample], seed: 1, now: 0)
        reduce(&s, .toggleExplain, now: 2)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 2)
        #expect(b.text.contains("mean gap 1 ÷ 10.0 = 100 ms"))
        #expect(b.text.contains("α 0.80"))
        #expect(b.text.contains("(1 − 0.80^5) ÷ 0.20 = 3.36"))
        #expect(b.text.contains("3.36 ÷ 1.40 = ×2.40"))
        assertSnapshot(b.text, named: "explain-speculative-120x40")
        let top = Dashboard.render(s, size: Size(width: 40, height: 12), now: 2)
        #expect(top.text.contains("more j/k"))
        #expect(!top.text.contains("reading margin"))
        reduce(&s, .scrollExplain(1000), now: 2)
        let bottom = Dashboard.render(s, size: Size(width: 40, height: 12), now: 2)
        #expect(bottom.text.contains("reading"))
        #expect(bottom.text.contains("top k"))
        #expect(Action.from(key: .down, helpVisible: false, explainVisible: true) == .scrollExplain(1))
    }

    @Test func aSpeedUpPastTheRateCeilingSaysItIsCapped() {
        let sample = Self.library.samples(for: .code)[0]
        let profile = Profile(rate: 5000, firstToken: .fixed(0.5), speculativeDraft: 4)
        var s = AppState(profiles: [profile], sample: sample, library: [sample], seed: 1, now: 0)
        let p = s.panes[0].profile
        #expect(p.rate * p.speedup > 5000)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 0.1)
        #expect(b.text.contains("5000 tok/s (5000 × spec \(Format.fixed(p.speedup, 2)), capped)"))
        reduce(&s, .toggleExplain, now: 0.1)
        let explain = Dashboard.render(s, size: Size(width: 120, height: 40), now: 0.1)
        #expect(explain.text.contains("= \(Int((p.rate * p.speedup).rounded())), capped at 5000 tok/s"))
    }

    @Test func explainListsAnAgentsToolWaitsAndContext() {
        var s = state(task: .agent, rates: [40, 90], ttft: .prefill(rate: 800, overhead: 0.2))
        reduce(&s, .toggleExplain, now: 6)
        let b = Dashboard.render(s, size: Size(width: 120, height: 60), now: 6)
        #expect(b.text.contains("tool wait "))
        #expect(b.text.contains("context at the end:"))
        #expect(b.text.contains("tool-result tokens left out"))
        #expect(b.text.contains("ETA: last token at"))
        assertSnapshot(b.text, named: "explain-agent-120x60")
    }

    @Test func explainOfAHardwarePaneIsForItsOwnPromptAndContext() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let catalog = try HardwareCatalog.load(path: root.appendingPathComponent("Samples/hardware.yaml").path)
        let sample = Self.library.samples(for: .chat)[0]
        var query = try HardwareQuery.parse(spec: "hw:rtx4090/llama-3.1-8b/q4_k_m")
        query.promptTokens = sample.promptTokenCount
        query.context = sample.promptTokenCount + sample.generatedTokenCount
        let e = try catalog.estimate(query)
        let setup = PaneSetup(profile: e.profile(label: "est."), explanation: ["estimate: \(e.title)"] + e.explanation)
        var s = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0)
        let pane = s.panes[0]
        reduce(&s, .toggleExplain, now: 1)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 1)
        #expect(b.text.contains("TTFT ≈ \(sample.promptTokenCount) prompt tokens"))
        #expect(
            b.text.contains(
                "= \(Format.duration(pane.profile.ttft(promptTokens: pane.promptTokens), .clock).dropLast()) s"))
        #expect(b.text.contains("slow-down: rate ÷ (1 + "))
        assertSnapshot(b.text, named: "explain-hardware-120x40")
        let small = Dashboard.render(s, size: Size(width: 40, height: 12), now: 1)
        #expect(small.text.contains("more j/k"))
    }

    @Test func raceChartKey() {
        var s = state(task: .chat)
        reduce(&s, .toggleChart, now: 5)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 5)
        #expect(b.text.contains("tokens"))
        #expect(!b.text.contains("TTFT"))
        assertSnapshot(b.text, named: "race-key-120x40")
    }

    @Test func styleGridReasoningAndSelection() {
        let s = state(task: .reasoning)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 3.0)
        assertSnapshot(b.styleGrid, named: "reasoning-120x40-t3.0-style")
        // Thinking text is drawn as reasoning, the selected pane's border differs from the others.
        #expect(b.styleGrid.contains("r"))
        #expect(b[0, 0].role == .borderSelected)
        #expect(b[119, 0].role == .border)
    }

    @Test func codeIsHighlighted() {
        let s = state(task: .code, rates: [200])
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 60)
        let grid = b.styleGrid
        #expect(grid.contains("k"))
        #expect(grid.contains("s") || grid.contains("n"))
        assertSnapshot(grid, named: "code-120x40-done-style")
    }

    @Test func helpOverlayAndPause() {
        var s = state(task: .chat)
        reduce(&s, .togglePause, now: 2)
        reduce(&s, .toggleHelp, now: 2)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 10)
        #expect(b.text.contains("tokenpace help"))
        #expect(b.text.contains("paused"))
        assertSnapshot(b.text, named: "help-120x40")
        let small = Dashboard.render(s, size: Size(width: 40, height: 12), now: 10)
        assertSnapshot(small.text, named: "help-40x12")
    }

    @Test func tinyTerminalShowsNotice() {
        let s = state(task: .chat)
        for (w, h) in [(12, 3), (1, 1), (30, 4)] {
            let b = Dashboard.render(s, size: Size(width: w, height: h), now: 1)
            #expect(b.size == Size(width: w, height: h))
            if w >= 12 && h >= 3 { #expect(b.text.contains("small")) }
        }
    }

    @Test func cacheGivesTheSameScreenAsNoCache() {
        let s = state(task: .agent, rates: [40, 90])
        let cache = PaneTextCache()
        for now in stride(from: 0.0, through: 12, by: 0.37) {
            let cached = Dashboard.render(s, size: Size(width: 100, height: 30), now: now, cache: cache)
            let fresh = Dashboard.render(s, size: Size(width: 100, height: 30), now: now)
            #expect(cached == fresh, "differs at \(now)")
        }
    }

    @Test func wideCharactersKeepBordersAligned() {
        let cjk = Self.library.samples.first { s in
            s.segments.contains { $0.text.unicodeScalars.contains { $0.value >= 0x3040 && $0.value <= 0x9FFF } }
        }
        let sample = try! #require(cjk)
        let s = AppState(
            profiles: [Profile(rate: 30), Profile(rate: 60)], sample: sample, library: [sample], seed: 1, now: 0)
        let b = Dashboard.render(s, size: Size(width: 80, height: 20), now: 5)
        // Every row keeps its right border in the last column.
        for y in 0..<19 {
            let last = b[79, y].char
            #expect("┐┃│┘┓┛".contains(last), "row \(y): \(b.text.split(separator: "\n")[y])")
        }
        assertSnapshot(b.text, named: "cjk-80x20")
    }

    /// Two panes at 21 tok/s, one cutting the answer with a byte-level vocabulary: the same token rate
    /// is a far slower text rate there, and its title says whose tokens it counts.
    @Test func theSameTokenRateIsADifferentTextSpeedWithAnotherTokenizer() throws {
        var lines = (0..<256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }
        for (k, word) in ["he", "ll", "hell", "hello"].enumerated() {
            lines.append("\(Data(word.utf8).base64EncodedString()) \(256 + k)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-view-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("cl100k_base.tiktoken").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let tokenizer = try PaneTokenizer.load(path: path)
        let sample = Self.library.samples(for: .chat)[0]
        let s = AppState(
            setups: [
                PaneSetup(profile: Profile(rate: 21, firstToken: .fixed(0.5))),
                PaneSetup(profile: Profile(rate: 21, firstToken: .fixed(0.5)), tokenizer: tokenizer),
            ], sample: sample, library: [sample], seed: 1, now: 0)
        let b = Dashboard.render(s, size: Size(width: 120, height: 40), now: 6)
        #expect(b.text.contains("B · 21.0 tok/s of cl100k_base"))
        #expect(b.text.components(separatedBy: "text ").count == 3)
        assertSnapshot(b.text, named: "tokenizers-120x40")
    }
}
