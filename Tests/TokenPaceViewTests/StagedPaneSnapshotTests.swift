import Testing
import TokenPaceCore
import TokenPaceView

/// Staged live and trace panes as text, at 120×40 and 40×12: a live pane's real outline request
/// then its answer, a trace's recorded stage, and a trace given the sample's outline at its own pace.
@Suite struct StagedPaneSnapshotTests {
    func race() -> AppState {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        let recorded = [
            "Use", " git", " reset", ".", " To", " undo", " the", " last", " commit", ",", " run", " it", ".",
        ]
        let times = recorded.indices.map { 0.3 + Double($0) * 0.1 + ($0 >= 4 ? 0.2 : 0) }
        let setups: [PaneSetup] = [
            PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol")),
            PaneSetup(
                profile: Profile(rate: 21), source: .replay(name: "staged"),
                tokens: recorded.map { Token($0, kind: .answer) }, times: times),
            PaneSetup(
                profile: Profile(rate: 21), source: .replay(name: "plain"),
                tokens: recorded.dropFirst(4).map { Token($0, kind: .answer) }, times: Array(times.dropFirst(4))),
        ].enumerated().map { i, setup in
            var s = setup
            s.presentation = .staged
            if i == 1 { s.stagePieces = 4 }
            return s
        }
        var s = AppState(setups: setups, sample: sample, library: [sample], seed: 1, now: 0)
        var t = 0.25
        for word in ["Reset", " the", " branch", " one", " commit", " back", "."] {
            reduce(
                &s, .feed(paneID: 0, generation: 0, event: .stageToken(TokenEvent(text: word, kind: .answer, t: t))),
                now: t)
            t += 0.04
        }
        reduce(&s, .feed(paneID: 0, generation: 0, event: .stageEnded(at: t, usageTokens: 7)), now: t)
        t += 0.3
        for word in ["Run", " git", " reset", " --soft", " HEAD~1", ":", " your", " changes", " stay", " staged", "."] {
            reduce(
                &s, .feed(paneID: 0, generation: 0, event: .token(TokenEvent(text: word, kind: .answer, t: t))), now: t)
            t += 0.04
        }
        return s
    }

    @Test func stagedLiveAndTracePanes() {
        let s = race()
        for size in DashboardSnapshotTests.sizes {
            let b = Dashboard.render(s, size: size, now: 1.5)
            assertSnapshot(b.text, named: "staged-live-trace-\(size.width)x\(size.height)")
        }
        let text = Dashboard.render(s, size: Size(width: 120, height: 40), now: 1.5).text
        #expect(text.contains("── outline ──"))
        #expect(text.contains("── full answer ──"))
        #expect(text.contains("Reset the branch one commit back."))
        #expect(!text.contains("no outline"))
    }

    @Test func aLivePaneSwitchedMidRequestSaysWhenItTakesEffect() {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        var s = AppState(
            setups: [PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol"))], sample: sample,
            library: [sample], seed: 1, now: 0)
        for _ in 0..<3 { reduce(&s, .cyclePresentation, now: 0.1) }
        let text = Dashboard.render(s, size: Size(width: 120, height: 40), now: 0.2).text
        #expect(text.contains("staged: next request"))
    }
}
