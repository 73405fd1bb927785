import Testing
import TokenPaceCore

@Suite struct ReduceTests {
    func state(rates: [Double] = [10, 21, 60], now: Double = 0) -> AppState {
        AppState(
            profiles: rates.map { Profile(rate: $0, firstToken: .fixed(0.5)) }, sample: Fixtures.chat,
            library: [Fixtures.chat, Fixtures.code, Fixtures.agent], seed: 1, now: now)
    }

    func act(_ s: inout AppState, _ key: Key, now: Double = 1) -> [Effect] {
        guard let a = Action.from(key: key, helpVisible: s.helpVisible) else { return [] }
        return reduce(&s, a, now: now)
    }

    @Test func selectionKeys() {
        var s = state()
        _ = act(&s, .tab)
        #expect(s.selected == 1)
        _ = act(&s, .backTab)
        _ = act(&s, .backTab)
        #expect(s.selected == 2)
        _ = act(&s, .char("1"))
        #expect(s.selected == 0)
        _ = act(&s, .char("9"))
        #expect(s.selected == 0)
    }

    @Test func rateKeysScaleSelectedOrAll() {
        var s = state()
        _ = act(&s, .char("+"))
        #expect(abs(s.panes[0].profile.rate - 12.5) < 1e-9)
        #expect(s.panes[1].profile.rate == 21)
        _ = act(&s, .char("-"))
        #expect(abs(s.panes[0].profile.rate - 10) < 1e-9)
        _ = act(&s, .char("*"))
        #expect(abs(s.panes[2].profile.rate - 75) < 1e-9)
        _ = act(&s, .char("/"))
        #expect(abs(s.panes[2].profile.rate - 60) < 1e-9)
    }

    @Test func ratesStayInRange() {
        var s = state(rates: [4900, 0.11])
        _ = act(&s, .char("*"))
        _ = act(&s, .char("*"))
        #expect(s.panes[0].profile.rate == 5000)
        _ = act(&s, .char("/"))
        _ = act(&s, .char("/"))
        _ = act(&s, .char("/"))
        #expect(s.panes[1].profile.rate == 0.1)
    }

    @Test func rateChangeKeepsShownTokens() {
        var s = state()
        let before = s.panes[0].schedule.times
        // At 1.0 s pane A (10 tok/s, TTFT 0.5) has shown 6 tokens.
        _ = act(&s, .char("+"), now: 1.0)
        let after = s.panes[0].schedule.times
        #expect(Array(after.prefix(6)) == Array(before.prefix(6)))
        #expect(after.last! < before.last!)
    }

    @Test func ttftKeysStepThroughValues() {
        var s = state()
        _ = act(&s, .char("]"), now: 0.1)
        #expect(s.panes[0].profile.firstToken == .fixed(0.75))
        _ = act(&s, .char("["), now: 0.1)
        _ = act(&s, .char("["), now: 0.1)
        #expect(s.panes[0].profile.firstToken == .fixed(0.3))
        #expect(abs(s.panes[0].schedule.times[0] - 0.3) < 1e-9)
    }

    @Test func taskKeysCycleAndRestart() {
        var s = state()
        _ = act(&s, .char("t"), now: 3)
        #expect(s.task == .code)
        #expect(s.sample.id == "fixture-code")
        #expect(s.panes.allSatisfy { $0.origin == 3 })
        _ = act(&s, .char("T"), now: 4)
        #expect(s.task == .chat)
        _ = act(&s, .char("T"), now: 4)
        // No reasoning sample in the library: the current sample stays, the task name moves on.
        #expect(s.task == .agent)
    }

    @Test func spacePausesAndResumesShiftingOrigins() {
        var s = state()
        _ = act(&s, .char(" "), now: 1)
        #expect(s.paused)
        #expect(s.elapsed(s.panes[0], now: 5) == 1)
        _ = act(&s, .char(" "), now: 5)
        #expect(!s.paused)
        #expect(s.panes[0].origin == 4)
        #expect(s.elapsed(s.panes[0], now: 6) == 2)
        #expect(s.nextWake(after: 4.2) != nil)
    }

    @Test func pausedRaceHasNoWake() {
        var s = state()
        _ = act(&s, .char(" "), now: 1)
        #expect(s.nextWake(after: 1) == nil)
    }

    @Test func restartSendsAgain() {
        var s = state()
        let gen = s.panes[0].generation
        _ = act(&s, .char("r"), now: 7)
        #expect(s.panes.allSatisfy { $0.origin == 7 })
        #expect(s.panes[0].generation == gen + 1)
    }

    @Test func addAndRemovePanes() {
        var s = state()
        _ = act(&s, .char("a"), now: 2)
        #expect(s.panes.count == 4)
        #expect(s.selected == 1)
        #expect(s.panes[1].profile.rate == 10)
        #expect(s.panes[1].label == "D")
        _ = act(&s, .char("x"))
        #expect(s.panes.count == 3)
        for _ in 0..<10 { _ = act(&s, .char("a")) }
        #expect(s.panes.count == 9)
        for _ in 0..<10 { _ = act(&s, .char("x")) }
        #expect(s.panes.count == 1)
    }

    @Test func jitterCycles() {
        var s = state()
        _ = act(&s, .char("j"))
        #expect(s.panes.allSatisfy { $0.profile.jitter == 0.10 })
        _ = act(&s, .char("j"))
        _ = act(&s, .char("j"))
        _ = act(&s, .char("j"))
        #expect(s.jitterIndex == 0)
        #expect(s.panes[0].profile.jitter == 0)
    }

    @Test func reasoningAndHelpToggles() {
        var s = state()
        _ = act(&s, .char("s"))
        #expect(!s.showReasoning)
        _ = act(&s, .char("?"))
        #expect(s.helpVisible)
        _ = act(&s, .down)
        _ = act(&s, .down)
        #expect(s.helpScroll == 2)
        // While help is open, keys do not reach the panes.
        _ = act(&s, .char("+"))
        #expect(s.panes[0].profile.rate == 10)
        _ = act(&s, .escape)
        #expect(!s.helpVisible)
    }

    @Test func quitKeys() {
        var s = state()
        #expect(act(&s, .char("q")) == [.quit])
        #expect(act(&s, .ctrlC) == [.quit])
        _ = act(&s, .char("?"))
        #expect(act(&s, .ctrlC) == [.quit])
    }

    @Test func standingsRankByDoneTime() {
        let s = state()
        let end = s.panes.map { $0.e2e! }.max()! + 1
        let places = s.panes.map { s.standing(of: $0, now: end)!.place }
        #expect(places == [3, 2, 1])
        let behind = s.standing(of: s.panes[0], now: end)!.behind
        #expect(abs(behind - (s.panes[0].e2e! - s.panes[2].e2e!)) < 1e-9)
        #expect(s.standing(of: s.panes[0], now: 0.1) == nil)
    }

    @Test func nextWakeIsNextTokenOrClockTick() {
        let s = state(rates: [1000])
        // TTFT 0.5: before it the clock ticks every 0.1 s.
        #expect(abs(s.nextWake(after: 0.05)! - 0.1) < 1e-9)
        // While streaming at 1000 tok/s the next token comes first.
        #expect(abs(s.nextWake(after: 0.5005)! - 0.501) < 1e-9)
    }

    @Test func aTickJustBeforeATokenWaitsForTheToken() throws {
        // At 7 tok/s the tokens fall at every offset from the 0.1 s ticks in turn.
        let s = state(rates: [7])
        let times = s.panes[0].schedule.times
        let i = try #require(
            times.indices.dropFirst().first { i in
                let tick = (times[i] / 0.1).rounded(.down) * 0.1
                return times[i] - tick > 1e-6 && times[i] - tick < 0.02 && times[i - 1] < tick - 0.001
            })
        let tick = (times[i] / 0.1).rounded(.down) * 0.1
        #expect(abs(s.nextWake(after: tick - 0.001)! - times[i]) < 1e-9)
        // Far from the next token, the tick still comes.
        let j = try #require(
            times.indices.dropFirst().first { j in
                let tick = (times[j] / 0.1).rounded(.down) * 0.1
                return times[j] - tick > 0.05 && times[j - 1] < tick - 0.001
            })
        let farTick = (times[j] / 0.1).rounded(.down) * 0.1
        #expect(abs(s.nextWake(after: farTick - 0.001)! - farTick) < 1e-9)
    }
}
