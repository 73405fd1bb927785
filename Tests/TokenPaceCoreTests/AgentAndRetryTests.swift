import Testing
import TokenPaceCore

@Suite struct AgentAndRetryTests {
    let agent = [
        Token("call", kind: .toolCall, step: 1), Token(" a", kind: .toolCall, step: 1),
        Token("out", kind: .toolResult, step: 1, toolLatency: 2),
        Token("call2", kind: .toolCall, step: 2),
        Token("out2", kind: .toolResult, step: 2, toolLatency: 1),
        Token("Done", kind: .answer, step: 3), Token(".", kind: .answer, step: 3),
    ]

    @Test func phasesFollowTheLoop() {
        let at = { (shown: Int) in AgentProgress(tokens: self.agent, shown: shown, done: false) }
        #expect(at(0).phase == .prefill)
        #expect(at(0).steps == 3)
        #expect(at(1).phase == .toolCall)
        #expect(at(1).step == 1)
        #expect(at(2).phase == .waitingOnTool)
        #expect(at(3).phase == .prefill)
        #expect(at(4).step == 2)
        #expect(at(4).phase == .waitingOnTool)
        #expect(at(6).phase == .answer)
        #expect(at(6).step == 3)
        #expect(AgentProgress(tokens: agent, shown: 7, done: true).phase == .done)
    }

    @Test func contextGrowsAndCacheOffCostsMore() {
        let cached = Schedule.make(
            profile: Profile(rate: 10, firstToken: .prefill(rate: 100, overhead: 0)), tokens: agent, promptTokens: 500,
            seed: 1)
        var p = Profile(rate: 10, firstToken: .prefill(rate: 100, overhead: 0))
        p.promptCache = false
        let uncached = Schedule.make(profile: p, tokens: agent, promptTokens: 500, seed: 1)
        #expect(cached.times[2] == uncached.times[2])
        // Step 2 reads 1 new token with the cache, the whole 503-token context without.
        #expect(abs((uncached.times[3] - uncached.times[2]) - (cached.times[3] - cached.times[2]) - 502.0 / 100) < 1e-9)
    }

    @Test func cacheKeyRetimesEveryPane() {
        let sample = Sample(
            id: "a", title: "a", task: .agent, prompt: "p",
            segments: [
                .init(kind: .toolCall, text: "look(x)", step: 1),
                .init(kind: .toolResult, text: "x is 1", step: 1, toolLatency: 1),
                .init(kind: .answer, text: "It is 1.", step: 2),
            ])
        var s = AppState(
            profiles: [Profile(rate: 20), Profile(rate: 40)], sample: sample, library: [sample], seed: 1, now: 0)
        let before = s.panes[0].schedule.times.last!
        reduce(&s, Action.from(key: .char("c"), helpVisible: false)!, now: 0)
        #expect(s.panes.allSatisfy { !$0.profile.promptCache })
        #expect(s.panes[0].schedule.times.last! > before)
    }

    @Test func attemptsAreSeededAndBounded() {
        #expect(Attempts.draw(successRate: 1, maxAttempts: 3, seed: 5) == (1, true))
        var counts = [0, 0, 0, 0]
        var rejected = 0
        for seed in 0..<2000 {
            let d = Attempts.draw(successRate: 0.6, maxAttempts: 3, seed: UInt64(seed))
            counts[d.count] += 1
            if !d.accepted { rejected += 1 }
        }
        // P(1) = .6, P(2) = .24, P(3) = .16 (accepted .096 + never .064).
        #expect(abs(Double(counts[1]) / 2000 - 0.6) < 0.04)
        #expect(abs(Double(counts[2]) / 2000 - 0.24) < 0.04)
        #expect(abs(Double(rejected) / 2000 - 0.064) < 0.02)
        #expect(
            Attempts.draw(successRate: 0.6, maxAttempts: 3, seed: 9)
                == Attempts.draw(successRate: 0.6, maxAttempts: 3, seed: 9))
    }

    @Test func retriesRepeatTheAnswerAfterARePrompt() {
        let answer = [Token("A"), Token(" b"), Token(" c")]
        let tokens = Attempts.tokens(answer, count: 2)
        #expect(tokens.count == 6)
        #expect(tokens[3].attempt == 1)
        let p = Profile(rate: 10, firstToken: .prefill(rate: 100, overhead: 0), stepOverhead: 0)
        let s = Schedule.make(profile: p, tokens: tokens, promptTokens: 100, seed: 1)
        // Re-prompt: previous try (3 tokens) + 30 feedback tokens at 100 tok/s, then the first token.
        #expect(abs(s.times[3] - (s.times[2] + 33.0 / 100)) < 1e-9)
        #expect(Attempts.expectedTimeToUsable(singleE2E: 10, successRate: 0.5) == 20)
    }

    @Test func agentStepsCountOnlyTheCurrentTry() {
        let tokens = Attempts.tokens(agent, count: 2)
        let perTry = agent.count
        // Second try, just after its first tool call: step 1, not the first try's calls again.
        let p = AgentProgress(tokens: tokens, shown: perTry + 2, done: false)
        #expect(p.step == 1)
        #expect(p.steps == AgentProgress(tokens: agent, shown: 0, done: false).steps)
        #expect(p.phase == .waitingOnTool)
    }

    @Test(arguments: [(0.015, "1.5%"), (0.125, "12.5%"), (0.6, "60%")])
    func explainShowsATimeToUsableWhoseArithmeticHolds(rate: Double, shown: String) throws {
        let s = AppState(
            profiles: [Profile(rate: 300, successRate: rate)], sample: Fixtures.chat, library: [Fixtures.chat], seed: 1,
            now: 0)
        let line = try #require(Explain.lines(for: s.panes[0], in: s, now: 100).first { $0.hasPrefix("expected time") })
        let sum = try #require(line.split(separator: "=").last).split(separator: " ")
        // "… = 1.268 s ÷ 1.5% = 84.5 s": the quotient of the shown figures rounds to the shown result.
        let parts = line.split(separator: "=")[2].split(separator: " ")
        #expect(parts[3] == Substring(shown))
        let single = try #require(Double(parts[0]))
        let result = try #require(Double(sum[0]))
        let quotient = single / (try #require(Double(shown.dropLast())) / 100)
        #expect(abs(quotient - result) <= (result >= 100 ? 0.5 : 0.05) + 1e-9, "\(line)")
    }

    @Test func aRepromptHasItsOwnTimeToFirstToken() {
        let tokens = [Token("a"), Token("b"), Token("c")]
        let profile = Profile(
            rate: 10, firstToken: .prefill(rate: 100, overhead: 0), stepOverhead: 0, successRate: 0.01, maxAttempts: 2)
        let pane = PaneState(
            id: 0, profile: profile, seed: 1, tokens: tokens, promptTokens: 100, task: .chat, origin: 0)
        #expect(pane.attempts.count == 2)
        #expect(pane.tokensPerTry == 3)
        // The rejected try (3 tokens) and 30 feedback tokens read at 100 tok/s.
        #expect(abs(pane.retryTTFT(attempt: 1)! - 0.33) < 1e-9)
        #expect(pane.retryTTFT(attempt: 0) == nil)
        #expect(pane.currentAttempt(shown: 4) == 1)
        #expect(abs(pane.singleTryE2E - pane.schedule.times[2]) < 1e-12)
    }

    @Test func toolWaitsAreNeitherStallsNorDecodeRate() {
        let tokens = [
            Token("a", kind: .toolCall, step: 1), Token("b", kind: .toolCall, step: 1),
            Token("out", kind: .toolResult, step: 1, toolLatency: 2), Token("out2", kind: .toolResult, step: 1),
            Token("c", kind: .answer), Token("d", kind: .answer),
        ]
        let times = [0.1, 0.2, 2.2, 2.2, 2.4, 2.5]
        let m = StreamMetrics(tokens: tokens, times: times, task: .agent, finished: true)
        #expect(m.stallCount == 0)
        #expect(m.tokens == 4)
        // In the last second before 2.5 s: 2 tool-result tokens and 2 generated ones; only the latter count.
        #expect(StreamMetrics.liveRate(tokens: tokens, times: times, shown: 6, elapsed: 2.5) == 2)
    }

    @Test func speculativeSpeedsCodeMoreThanChat() {
        var p = Profile(rate: 20)
        p.speculativeDraft = 4
        let code = p.tuned(for: .code)
        let chat = p.tuned(for: .chat)
        #expect(code.effectiveRate > chat.effectiveRate)
        #expect(chat.effectiveRate > 20)
        var off = code
        off.speculativeDraft = 0
        #expect(off.tuned(for: .code).effectiveRate == 20)
    }

    @Test func draftAcceptanceDecidesWhetherSpeculationPays() {
        var p = Profile(rate: 20)
        p.speculativeDraft = 4
        // Defaults: 4 drafts, each 0.1 of a step: code ×2.40, summaries and tool calls ×1.98, chat ×1.38.
        #expect(abs(p.tuned(for: .code).speedup - 2.401) < 0.001)
        #expect(abs(p.tuned(for: .agent).speedup - 1.981) < 0.001)
        #expect(abs(p.tuned(for: .chat).speedup - 1.384) < 0.001)
        let creative = p.tuned(for: .chat, acceptance: SpeculativeDecoding.creativeAcceptance)
        #expect(creative.speedup < 1)
        #expect(creative.draftAcceptance == 0.25)
        #expect(creative.draftCost == Profile.draftCost)
    }

    @Test func aSampleCanSetItsOwnDraftAcceptance() throws {
        let text = "---\ntask: chat\nprompt: Write a poem.\ndraft_acceptance: 0.3\n---\nRoses are red.\n"
        let sample = try SampleFile.parse(text, path: "poem.md", id: "poem")
        #expect(sample.draftAcceptance == 0.3)
        let bad = "---\ntask: chat\nprompt: x\ndraft_acceptance: 2\n---\nx\n"
        #expect(throws: SampleError.self) { try SampleFile.parse(bad, path: "bad.md", id: "bad") }
        var profile = Profile(rate: 20)
        profile.speculativeDraft = 4
        let s = AppState(profiles: [profile], sample: sample, library: [sample], seed: 1, now: 0)
        #expect(s.panes[0].profile.draftAcceptance == 0.3)
    }
}
