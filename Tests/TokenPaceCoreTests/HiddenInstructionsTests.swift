import Testing

@testable import TokenPaceCore

/// `--system-tokens`: the prefill hidden instructions add, and the prompt cache that saves it.
@Suite struct HiddenInstructionsTests {
    static let sample = Sample(
        id: "s", title: "s", task: .chat, prompt: "Why?", segments: [Sample.Segment(kind: .answer, text: "Because.")])

    func race(system: Int, cache: Bool = true) -> AppState {
        var p = Profile(rate: 20, firstToken: .prefill(rate: 1000, overhead: 0.3), promptCache: cache)
        p.systemTokens = system
        return AppState(profiles: [p], sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
    }

    @Test func theFirstRequestPaysAndARestartWithTheCacheDoesNot() {
        var s = race(system: 1800)
        let prompt = Double(s.panes[0].promptTokens)
        // prompt ÷ 1000 + 0.3 + 1800 ÷ 1000
        #expect(abs(s.panes[0].schedule.times[0] - (prompt / 1000 + 0.3 + 1.8)) < 1e-9)
        reduce(&s, .restart, now: 10)
        #expect(s.panes[0].profile.systemCached)
        #expect(abs(s.panes[0].schedule.times[0] - (prompt / 1000 + 0.3)) < 1e-9)
        let explain = Explain.lines(for: s.panes[0], in: s, now: 10)
        // "Why?" is 2 tokens: 0.002 + 0.3 + 1.8 s.
        #expect(prompt == 2)
        #expect(explain.contains { $0.hasPrefix("hidden instructions 1.80 s of a 2.10 s TTFT; cached 0.30 s") })
    }

    @Test func withoutTheCacheEveryRequestPays() {
        var s = race(system: 1800, cache: false)
        reduce(&s, .restart, now: 10)
        #expect(!s.panes[0].profile.systemCached)
        #expect(
            abs(s.panes[0].schedule.times[0] - s.panes[0].profile.ttft(promptTokens: s.panes[0].promptTokens)) < 1e-9)
        #expect(s.panes[0].profile.systemPrefill == 1.8)
    }

    @Test func keyIStepsTheSizeAndANewSizeIsNotCached() {
        var s = race(system: 0)
        #expect(Action.from(key: .char("i"), helpVisible: false) == .stepSystemTokens)
        reduce(&s, .stepSystemTokens, now: 5)
        #expect(s.systemTokens == 500)
        #expect(s.panes[0].profile.systemTokens == 500)
        #expect(!s.panes[0].profile.systemCached)
        #expect(s.panes[0].origin == 5)
        reduce(&s, .restart, now: 9)
        #expect(s.panes[0].profile.systemCached)
        for _ in 0..<5 { reduce(&s, .stepSystemTokens, now: 10) }
        #expect(s.systemTokens == 0)
    }

    @Test func liveRequestsCarryTheSystemPrompt() {
        let setups = [PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol"))]
        var s = AppState(setups: setups, sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
        let effects = reduce(&s, .stepSystemTokens, now: 1)
        #expect(effects == [.startStreams([LiveRun(paneID: 0, generation: 1, systemTokens: 500)])])
    }

    @Test func theSystemTextHasAboutTheTokensAskedFor() {
        #expect(HiddenInstructions.text(tokens: 0) == nil)
        for n in [500, 2000] {
            let count = Tokenizer.count(HiddenInstructions.text(tokens: n)!)
            #expect(count >= n && count < n + 40, "\(n): \(count)")
        }
    }
}
