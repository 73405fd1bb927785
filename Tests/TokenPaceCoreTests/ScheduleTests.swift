import Testing
import TokenPaceCore

@Suite struct ScheduleTests {
    @Test func firstTokenAtTTFTThenEvenGaps() {
        let s = Schedule.make(
            profile: Profile(rate: 20, firstToken: .fixed(0.5)), tokens: Fixtures.tokens(5), promptTokens: 10, seed: 1)
        #expect(s.times.count == 5)
        for (i, t) in s.times.enumerated() {
            #expect(abs(t - (0.5 + Double(i) * 0.05)) < 1e-9)
        }
    }

    @Test func prefillTTFTGrowsWithPrompt() {
        let p = Profile(rate: 20, firstToken: .prefill(rate: 1000, overhead: 0.1))
        let short = Schedule.make(profile: p, tokens: Fixtures.tokens(2), promptTokens: 100, seed: 1)
        let long = Schedule.make(profile: p, tokens: Fixtures.tokens(2), promptTokens: 2500, seed: 1)
        #expect(abs(short.times[0] - 0.2) < 1e-9)
        #expect(abs(long.times[0] - 2.6) < 1e-9)
    }

    @Test func jitterKeepsTheMeanAndVariesGaps() {
        let p = Profile(rate: 50, firstToken: .fixed(0), jitter: 0.25)
        let s = Schedule.make(profile: p, tokens: Fixtures.tokens(1001), promptTokens: 0, seed: 7)
        let gaps = zip(s.times.dropFirst(), s.times).map { $0 - $1 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        #expect(abs(mean - 0.02) < 1e-9)
        #expect(Set(gaps.map { Int($0 * 1e6) }).count > 100)
        #expect(gaps.allSatisfy { $0 > 0 })
    }

    @Test func sameSeedRepeatsDifferentSeedDiffers() {
        let p = Profile(rate: 50, jitter: 0.5, stallChance: 0.05)
        let a = Schedule.make(profile: p, tokens: Fixtures.tokens(200), promptTokens: 0, seed: 3)
        let b = Schedule.make(profile: p, tokens: Fixtures.tokens(200), promptTokens: 0, seed: 3)
        let c = Schedule.make(profile: p, tokens: Fixtures.tokens(200), promptTokens: 0, seed: 4)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func stallsAddTheirLength() {
        let base = Schedule.make(
            profile: Profile(rate: 10, firstToken: .fixed(0)), tokens: Fixtures.tokens(300), promptTokens: 0, seed: 9)
        let stalled = Schedule.make(
            profile: Profile(rate: 10, firstToken: .fixed(0), stallChance: 0.1, stallSeconds: 1),
            tokens: Fixtures.tokens(300),
            promptTokens: 0, seed: 9)
        let extra = stalled.times.last! - base.times.last!
        #expect(extra >= 10 && extra <= 60)
        #expect(abs(extra - extra.rounded()) < 1e-6)
    }

    @Test func slowdownStretchesLateGaps() {
        let p = Profile(rate: 100, firstToken: .fixed(0), slowdownPer1k: 1)
        let s = Schedule.make(profile: p, tokens: Fixtures.tokens(3), promptTokens: 1000, seed: 1)
        // At ~1000 tokens of context the rate halves: gaps ≈ 1/50 s.
        #expect(abs((s.times[1] - s.times[0]) - 1.0 / (100 / (1 + 1001.0 / 1000))) < 1e-9)
    }

    @Test func dueCountAndNextTime() {
        let s = Schedule(times: [0.5, 0.6, 0.6, 0.9])
        #expect(s.dueCount(at: 0.4) == 0)
        #expect(s.dueCount(at: 0.6) == 3)
        #expect(s.dueCount(at: 2) == 4)
        #expect(s.nextTime(after: 0.6) == 0.9)
        #expect(s.nextTime(after: 0.9) == nil)
    }

    @Test func retimeKeepsShownTokensAndChangesTheRest() {
        let tokens = Fixtures.tokens(10)
        let slow = Profile(rate: 10, firstToken: .fixed(0.5))
        let s = Schedule.make(profile: slow, tokens: tokens, promptTokens: 0, seed: 1)
        // At 0.75 s, tokens 0, 1, 2 are shown (0.5, 0.6, 0.7).
        let fast = Profile(rate: 100, firstToken: .fixed(0.5))
        let r = s.retimed(shown: 3, elapsed: 0.75, profile: fast, tokens: tokens, promptTokens: 0, seed: 1)
        #expect(Array(r.times[0..<3]) == Array(s.times[0..<3]))
        // Next token would be due at 0.71 (0.70 + 0.01), already past: it comes now, then 10 ms gaps.
        #expect(abs(r.times[3] - 0.75) < 1e-9)
        #expect(abs(r.times[9] - 0.81) < 1e-9)
    }

    @Test func retimeBeforeFirstTokenUsesNewTTFT() {
        let tokens = Fixtures.tokens(3)
        let s = Schedule.make(
            profile: Profile(rate: 10, firstToken: .fixed(2)), tokens: tokens, promptTokens: 0, seed: 1)
        let r = s.retimed(
            shown: 0, elapsed: 0.3, profile: Profile(rate: 10, firstToken: .fixed(1)), tokens: tokens, promptTokens: 0,
            seed: 1)
        #expect(abs(r.times[0] - 1) < 1e-9)
        let r2 = s.retimed(
            shown: 0, elapsed: 1.5, profile: Profile(rate: 10, firstToken: .fixed(1)), tokens: tokens, promptTokens: 0,
            seed: 1)
        #expect(abs(r2.times[0] - 1.5) < 1e-9)
    }

    @Test func agentToolResultWaitsForToolThenPrefill() {
        let tokens = [
            Token("call", kind: .toolCall), Token(" x", kind: .toolCall),
            Token("res", kind: .toolResult, toolLatency: 1.5), Token(" ult", kind: .toolResult),
            Token("done", kind: .answer, step: 1),
        ]
        let p = Profile(rate: 10, firstToken: .fixed(0.5), stepOverhead: 0.05)
        let s = Schedule.make(profile: p, tokens: tokens, promptTokens: 100, seed: 1)
        #expect(abs(s.times[1] - 0.6) < 1e-9)
        #expect(abs(s.times[2] - 2.1) < 1e-9)  // tool ran 1.5 s
        #expect(s.times[3] == s.times[2])  // a tool's output appears at once
        // Prefill of the 2 new tokens at 200 tok/s (20× decode) + 0.05 overhead, then one decode gap.
        #expect(abs(s.times[4] - (2.1 + 2.0 / 200 + 0.05 + 0.1)) < 1e-9)
        var uncached = p
        uncached.promptCache = false
        let u = Schedule.make(profile: uncached, tokens: tokens, promptTokens: 100, seed: 1)
        #expect(abs(u.times[4] - (2.1 + 104.0 / 200 + 0.05 + 0.1)) < 1e-9)
    }
}
