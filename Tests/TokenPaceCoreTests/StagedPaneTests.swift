import Testing

@testable import TokenPaceCore

/// Staged live and trace panes: a live pane's real outline request and its clocks, a recorded
/// stage, and an outline timed from a trace's own pace.
@Suite struct StagedPaneTests {
    /// A chat answer with the outline "It is.".
    static let sample = PresentationTests.sample

    static func token(_ text: String, _ t: Double) -> TokenEvent { TokenEvent(text: text, kind: .answer, t: t) }

    func live(_ p: Presentation) -> AppState {
        var setup = PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol"))
        setup.presentation = p
        return AppState(setups: [setup], sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
    }

    /// Outline pieces at 0.30, 0.35, 0.40 s, its request done at 0.45 s, the answer's at 0.70–0.80 s.
    static func feedStaged(_ s: inout AppState, generation: Int = 0) {
        for (text, t) in [("It", 0.30), (" is", 0.35), (".", 0.40)] {
            reduce(&s, .feed(paneID: 0, generation: generation, event: .stageToken(token(text, t))), now: t)
        }
        reduce(&s, .feed(paneID: 0, generation: generation, event: .stageEnded(at: 0.45, usageTokens: 3)), now: 0.45)
        for (text, t) in [("Because", 0.70), (" it", 0.75), (" is.", 0.80)] {
            reduce(&s, .feed(paneID: 0, generation: generation, event: .token(token(text, t))), now: t)
        }
        reduce(&s, .feed(paneID: 0, generation: generation, event: .finished(at: 0.80, reason: "stop")), now: 0.9)
    }

    @Test func stagedLivePaneJoinsItsTwoRequestsWithTheSimulatedClocks() {
        var s = live(.staged)
        #expect(s.liveRun(for: s.panes[0]) == LiveRun(paneID: 0, generation: 0, staged: true))
        Self.feedStaged(&s)
        reduce(&s, .feed(paneID: 0, generation: 0, event: .usage(completionTokens: 3, promptTokens: 9)), now: 0.9)
        let pane = s.panes[0]
        #expect(pane.stageSource == .request)
        #expect(pane.stageCount == 3)
        #expect(pane.tokens.map(\.text) == ["It", " is", ".", "Because", " it", " is."])
        // TTFT = the outline's first token; done = the answer's last; useful (chat: the first answer
        // token) = the outline's first, as a simulated staged pane counts it.
        #expect(pane.schedule.times.first == 0.30)
        #expect(pane.e2e == 0.80)
        #expect(pane.milestones.useful == 0)
        #expect(pane.visibleTime(of: pane.milestones.useful) == 0.30)
        #expect(pane.live.stageEndedAt == 0.45 && pane.live.stageUsageTokens == 3)
        let explain = Explain.lines(for: s.panes[0], in: s, now: 1).joined(separator: "\n")
        #expect(explain.contains("a real outline request first"))
        #expect(explain.contains("3 pieces, done and the answer request sent at 0.45 s"))
        #expect(explain.contains("+ the outline request's 3"))
    }

    @Test func switchingALivePaneTakesEffectAtTheNextRequest() {
        var s = live(.stream)
        #expect(!s.liveRun(for: s.panes[0]).staged)
        // p three times: stream → blocking → progress → staged, while the unstaged request runs.
        for _ in 0..<3 { reduce(&s, .cyclePresentation, now: 0.2) }
        #expect(s.panes[0].presentation == .staged)
        #expect(s.panes[0].stageSource == nil)
        reduce(&s, .feed(paneID: 0, generation: 0, event: .token(Self.token("Because", 0.3))), now: 0.3)
        #expect(s.panes[0].stageCount == 0)
        #expect(
            Explain.lines(for: s.panes[0], in: s, now: 0.4).joined().contains("the next request (r) sends one first"))
        // The retry sends the outline request first.
        let effects = reduce(&s, .restart, now: 1)
        #expect(effects == [.startStreams([LiveRun(paneID: 0, generation: 1, staged: true)])])
        Self.feedStaged(&s, generation: 1)
        #expect(s.panes[0].stageCount == 3)
        // And back: the running request keeps its outline; the next one is sent without.
        reduce(&s, .cyclePresentation, now: 2)
        #expect(s.panes[0].stageCount == 3)
        #expect(reduce(&s, .restart, now: 3) == [.startStreams([LiveRun(paneID: 0, generation: 2)])])
    }

    @Test func aFailedOutlineRequestIsThePanesFailure() {
        var s = live(.staged)
        reduce(
            &s, .feed(paneID: 0, generation: 0, event: .failed(message: "outline request: HTTP 503", at: 0.2)), now: 0.2
        )
        #expect(s.panes[0].live.failure == "outline request: HTTP 503")
        #expect(s.panes[0].isDone(elapsed: 0.3))
    }

    /// Two requests, two bills: the outline request's prompt and tokens count with the answer's.
    @Test func aStagedLivePanesCostHasBothRequests() throws {
        var s = live(.staged)
        s.panes[0].cost = .api(APIPrice(inputPerM: 3, outputPerM: 15))
        Self.feedStaged(&s)
        reduce(&s, .feed(paneID: 0, generation: 0, event: .usage(completionTokens: 3, promptTokens: 9)), now: 0.9)
        let instruction = Tokenizer.count("\n\n" + StageRequest.instruction)
        let bill = try #require(s.panes[0].taskCost(shown: 6, elapsed: 5))
        // The outline's prompt was not reported: the answer's 9 and the instruction, counted here.
        #expect(bill.tokens.input == 9 + 9 + instruction)
        #expect(bill.tokens.generated == 3 + 3)
        #expect(abs(bill.usd! - (Double(18 + instruction) * 3 + 6 * 15) / 1e6) < 1e-15)
        #expect(
            Explain.lines(for: s.panes[0], in: s, now: 5).contains {
                $0.contains("the outline request's \(9 + instruction) prompt tokens (counted here) and its 3 tokens")
            })

        // The server counted the outline request (25 prompt tokens) and its 4 tokens.
        var counted = live(.staged)
        counted.panes[0].cost = .api(APIPrice(inputPerM: 3, outputPerM: 15))
        for (text, t) in [("It", 0.30), (" is", 0.35), (".", 0.40)] {
            reduce(&counted, .feed(paneID: 0, generation: 0, event: .stageToken(Self.token(text, t))), now: t)
        }
        reduce(
            &counted, .feed(paneID: 0, generation: 0, event: .stageEnded(at: 0.45, usageTokens: 4, promptTokens: 25)),
            now: 0.45)
        reduce(&counted, .feed(paneID: 0, generation: 0, event: .token(Self.token("Yes", 0.7))), now: 0.7)
        reduce(&counted, .feed(paneID: 0, generation: 0, event: .usage(completionTokens: 1, promptTokens: 9)), now: 0.8)
        reduce(&counted, .feed(paneID: 0, generation: 0, event: .finished(at: 0.8, reason: "stop")), now: 0.8)
        let second = try #require(counted.panes[0].taskCost(shown: 4, elapsed: 5))
        #expect(second.tokens.input == 9 + 25 && second.tokens.generated == 1 + 4)
        // An unstaged live pane pays for one request.
        var plain = live(.stream)
        plain.panes[0].cost = .api(APIPrice(inputPerM: 3, outputPerM: 15))
        reduce(&plain, .feed(paneID: 0, generation: 0, event: .token(Self.token("Yes", 0.7))), now: 0.7)
        reduce(&plain, .feed(paneID: 0, generation: 0, event: .usage(completionTokens: 1, promptTokens: 9)), now: 0.8)
        reduce(&plain, .feed(paneID: 0, generation: 0, event: .finished(at: 0.8, reason: "stop")), now: 0.8)
        let one = try #require(plain.panes[0].taskCost(shown: 1, elapsed: 5))
        #expect(one.tokens.input == 9 && one.tokens.generated == 1)
    }

    static func trace() -> (tokens: [Token], times: [Double]) {
        (["Because", " it", " is", ".", " Here"].map { Token($0, kind: .answer) }, [0.5, 0.6, 0.7, 0.8, 0.9])
    }

    func replay(_ p: Presentation, stagePieces: Int? = nil, failure: Double? = nil) -> AppState {
        let (tokens, times) = Self.trace()
        var setup = PaneSetup(
            profile: Profile(rate: 21), source: .replay(name: "t"), tokens: tokens, times: times,
            failure: failure.map { ("HTTP 500: gone", $0) })
        setup.presentation = p
        setup.stagePieces = stagePieces
        return AppState(setups: [setup], sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
    }

    /// A trace with no stage, TTFT 0.5 s and 5 pieces over 0.4 s (10 tok/s): the sample's 3-token
    /// outline at 0.5, 0.6, 0.7 s; the recorded answer (and its end) 3 ÷ 10 = 0.3 s later.
    @Test func anUnstagedTraceWritesTheOutlineAtItsOwnPace() throws {
        #expect(Self.sample.outlineTokens().map(\.text) == ["It", " is", "."])
        var s = replay(.staged, failure: 1.0)
        let pane = s.panes[0]
        #expect(pane.stageCount == 3)
        #expect(pane.tokens.map(\.text) == ["It", " is", ".", "Because", " it", " is", ".", " Here"])
        let expected = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]
        #expect(pane.schedule.times.count == expected.count)
        for (a, b) in zip(pane.schedule.times, expected) { #expect(abs(a - b) < 1e-9) }
        #expect(abs(pane.live.endedAt! - 1.3) < 1e-9)
        guard case .traceRate(let ttft, let rate, let shift)? = pane.stageSource else {
            Issue.record("expected a stage timed from the trace, got \(String(describing: pane.stageSource))")
            return
        }
        #expect(ttft == 0.5 && abs(rate - 10) < 1e-9 && abs(shift - 0.3) < 1e-9)
        let explain = Explain.lines(for: s.panes[0], in: s, now: 2).joined(separator: "\n")
        #expect(explain.contains("timed from the trace's rate, not recorded"))
        // Back to stream: the recording as it was.
        reduce(&s, .cyclePresentation, now: 2)
        #expect(s.panes[0].stageCount == 0 && s.panes[0].stageSource == nil)
        #expect(s.panes[0].schedule.times.count == 5)
        for (a, b) in zip(s.panes[0].schedule.times, Self.trace().times) { #expect(abs(a - b) < 1e-9) }
        #expect(abs(s.panes[0].live.endedAt! - 1.0) < 1e-9)
    }

    /// `n` brings another sample: the outline written at the trace's pace becomes that sample's
    /// (what `e` names), and the recording moves by the new outline's length ÷ rate.
    @Test func anotherSampleWritesItsOwnOutlineIntoAStagedTrace() {
        var other = Self.sample
        other.id = "s2"
        other.outline = "Two words."
        let (tokens, times) = Self.trace()
        var setup = PaneSetup(profile: Profile(rate: 21), source: .replay(name: "t"), tokens: tokens, times: times)
        setup.presentation = .staged
        var s = AppState(setups: [setup], sample: Self.sample, library: [Self.sample, other], seed: 1, now: 0)
        #expect(s.panes[0].stageCount == 3)
        reduce(&s, .nextSample, now: 5)
        let pane = s.panes[0]
        let outline = other.outlineTokens()
        #expect(outline.map(\.text) != Self.sample.outlineTokens().map(\.text))
        #expect(pane.stageCount == outline.count)
        #expect(pane.tokens.map(\.text) == outline.map(\.text) + tokens.map(\.text))
        let shift = Double(outline.count) / 10
        for (a, b) in zip(pane.schedule.times.dropFirst(outline.count), times) { #expect(abs(a - (b + shift)) < 1e-9) }
        #expect(pane.origin == 5)
    }

    @Test func aRecordedStageKeepsItsRealTimes() {
        let s = replay(.staged, stagePieces: 2)
        let pane = s.panes[0]
        #expect(pane.stageSource == .recorded && pane.stageCount == 2)
        #expect(pane.schedule.times == Self.trace().times)
        #expect(
            Explain.lines(for: s.panes[0], in: s, now: 2).joined().contains(
                "the trace recorded an outline request first"))
    }

    @Test func noOutlineAnywhereSaysWhy() {
        var sample = Self.sample
        sample.outline = nil
        var setup = PaneSetup(
            profile: Profile(rate: 21), source: .replay(name: "t"), tokens: Self.trace().tokens,
            times: Self.trace().times)
        setup.presentation = .staged
        let s = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0)
        #expect(s.panes[0].stageSource == nil && s.panes[0].tokens.count == 5)
        #expect(
            Explain.lines(for: s.panes[0], in: s, now: 2).joined().contains(
                "no outline: the trace recorded no first stage and the sample has no ::: outline"))
    }
}
