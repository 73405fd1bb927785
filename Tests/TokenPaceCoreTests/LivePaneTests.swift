import Testing
import TokenPaceCore

@Suite struct LivePaneTests {
    func race() -> AppState {
        AppState(
            setups: [
                PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai m")),
                PaneSetup(profile: Profile(rate: 10, firstToken: .fixed(0.2)), source: .mirror(of: 0)),
                PaneSetup(profile: Profile(rate: 60)),
            ], sample: Fixtures.chat, library: [Fixtures.chat], seed: 1, now: 10)
    }

    func feed(_ s: inout AppState, _ e: FeedEvent, now: Double, generation: Int = 0) {
        reduce(&s, .feed(paneID: 0, generation: generation, event: e), now: now)
    }

    @Test func liveTokensKeepTheirArrivalTimes() {
        var s = race()
        #expect(s.panes[0].tokens.isEmpty)
        #expect(!s.panes[0].isDone(elapsed: 100))
        feed(&s, .token(TokenEvent(text: "Hi", kind: .reasoning, t: 0.8)), now: 10.9)
        feed(&s, .token(TokenEvent(text: " there", kind: .answer, t: 1.1, count: 2)), now: 11.2)
        #expect(s.panes[0].schedule.times == [0.8, 1.1])
        #expect(s.panes[0].milestones.firstAnswer == 1)
        #expect(s.panes[0].live.counts == [1, 2])
        feed(&s, .usage(completionTokens: 3, promptTokens: 12), now: 11.3)
        feed(&s, .finished(at: 1.2), now: 11.3)
        #expect(s.panes[0].isDone(elapsed: 1.2))
        #expect(s.panes[0].e2e == 1.1)
        #expect(s.panes[0].live.usageTokens == 3)
    }

    @Test func mirrorsReplayTheLiveAnswerOnceComplete() {
        var s = race()
        feed(&s, .token(TokenEvent(text: "A", kind: .answer, t: 0.5)), now: 10.5)
        #expect(s.panes[1].tokens.isEmpty)
        #expect(!s.panes[1].isDone(elapsed: 5))
        feed(&s, .token(TokenEvent(text: " b", kind: .answer, t: 0.6)), now: 10.6)
        feed(&s, .finished(at: 0.6), now: 10.7)
        #expect(s.panes[1].tokens.map(\.text) == ["A", " b"])
        #expect(s.panes[1].origin == 10.7)
        #expect(abs(s.panes[1].schedule.times[0] - 0.2) < 1e-9)
        #expect(abs(s.panes[1].schedule.times[1] - 0.3) < 1e-9)
    }

    @Test func failuresStayInTheirPane() {
        var s = race()
        feed(&s, .failed(message: "HTTP 401: bad key", at: 0.3), now: 10.3)
        #expect(s.panes[0].live.failure == "HTTP 401: bad key")
        #expect(s.panes[0].isDone(elapsed: 0.3))
        #expect(s.panes[0].e2e == nil)
        #expect(s.panes[1].live.failure != nil)
        #expect(s.panes[2].live.failure == nil)
        #expect(s.panes[2].schedule.count > 0)
    }

    @Test func restartResendsAndDropsOldReports() {
        var s = race()
        feed(&s, .token(TokenEvent(text: "old", kind: .answer, t: 0.5)), now: 10.5)
        let effects = reduce(&s, .restart, now: 20)
        #expect(effects == [.startStreams([LiveRun(paneID: 0, generation: 1)])])
        #expect(s.panes[0].tokens.isEmpty)
        feed(&s, .token(TokenEvent(text: "late", kind: .answer, t: 0.9)), now: 20.1, generation: 0)
        #expect(s.panes[0].tokens.isEmpty)
        feed(&s, .token(TokenEvent(text: "new", kind: .answer, t: 0.4)), now: 20.4, generation: 1)
        #expect(s.panes[0].tokens.map(\.text) == ["new"])
    }

    @Test func rateKeysLeaveLivePanesAlone() {
        var s = race()
        reduce(&s, .scaleAllRates(2), now: 10)
        #expect(s.panes[0].profile.rate == 21)
        #expect(s.panes[2].profile.rate == 120)
    }

    @Test func failedReplayShowsItsReasonAndFailsAgainOnRestart() {
        var s = AppState(
            setups: [
                PaneSetup(
                    profile: Profile(rate: 21), source: .replay(name: "err"), tokens: [], times: [],
                    failure: ("HTTP 400: too long", 0.022)),
                PaneSetup(profile: Profile(rate: 60)),
            ], sample: Fixtures.chat, library: [Fixtures.chat], seed: 1, now: 10)
        #expect(s.panes[0].live.failure == "HTTP 400: too long")
        #expect(s.panes[0].live.endedAt == 0.022)
        #expect(s.panes[0].e2e == nil)
        #expect(s.standing(of: s.panes[0], now: 100) == nil)
        #expect(s.standing(of: s.panes[1], now: 100)?.place == 1)
        reduce(&s, .restart, now: 20)
        #expect(s.panes[0].live.failure == "HTTP 400: too long")
        #expect(s.panes[0].origin == 20)
    }
}
