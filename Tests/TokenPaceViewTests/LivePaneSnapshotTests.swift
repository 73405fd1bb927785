import Testing
import TokenPaceCore
import TokenPaceView

/// Live, mirror and failed panes, and the explain overlay, as text.
@Suite struct LivePaneSnapshotTests {
    func race() -> AppState {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        var s = AppState(
            setups: [
                PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol")),
                PaneSetup(profile: Profile(rate: 10, firstToken: .fixed(0.2)), source: .mirror(of: 0)),
                PaneSetup(profile: Profile(rate: 21), source: .live(name: "anthropic claude")),
            ], sample: sample, library: [sample], seed: 1, now: 0)
        var t = 0.4
        for word in ["To", " undo", " the", " last", " commit", ",", " run", " git", " reset", "."] {
            reduce(
                &s, .feed(paneID: 0, generation: 0, event: .token(TokenEvent(text: word, kind: .answer, t: t))), now: t)
            t += 0.05
        }
        reduce(&s, .feed(paneID: 0, generation: 0, event: .usage(completionTokens: 11, promptTokens: 20)), now: t)
        reduce(
            &s,
            .feed(
                paneID: 0, generation: 0,
                event: .serverTimings(
                    ServerFigures(promptTokens: 20, promptMs: 120, predictedTokens: 11, predictedMs: 450))),
            now: t)
        reduce(&s, .feed(paneID: 0, generation: 0, event: .finished(at: t)), now: t)
        reduce(
            &s,
            .feed(
                paneID: 2, generation: 0, event: .failed(message: "HTTP 401 Unauthorized: invalid x-api-key", at: 0.3)),
            now: 0.3)
        return s
    }

    /// A trace that could not be read and a recorded HTTP 400 fail in their own panes, beside a pane
    /// that streams. (The top border, which holds the titles, is left out of the snapshot.)
    @Test func failedTracePanes() {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        let s = AppState(
            setups: [
                PaneSetup(
                    profile: Profile(rate: 21), source: .replay(name: "bad"), tokens: [], times: [],
                    failure: ("bad.jsonl:2: \"t_ms\" must be a number from 0 to 100000000 (about 28 hours)", 0)),
                PaneSetup(
                    profile: Profile(rate: 21), source: .replay(name: "err"), tokens: [], times: [],
                    failure: ("HTTP 400: request (2548 tokens) exceeds the available context size", 0.022)),
                PaneSetup(profile: Profile(rate: 60)),
            ], sample: sample, library: [sample], seed: 1, now: 0)
        let b = Dashboard.render(s, size: Size(width: 120, height: 16), now: 1)
        let body = b.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        #expect(body.contains("bad.jsonl:2:"))
        #expect(body.contains("HTTP 400: request"))
        #expect(body.contains("failed 0.02s"))
        #expect(!body.contains("done 0.00s"))
        #expect(!body.contains("r retries"))
        assertSnapshot(body, named: "failed-traces-120x16")
    }

    @Test func liveMirrorAndFailure() {
        let s = race()
        let b = Dashboard.render(s, size: Size(width: 120, height: 24), now: 1.2)
        #expect(b.text.contains("B · A at 10.0 tok/s"))
        #expect(b.text.contains("HTTP 401 Unauthorized"))
        #expect(b.text.contains("srv 24.4 pp 0.12s"))
        #expect(!b.text.contains("x-api-key: "))
        assertSnapshot(b.text, named: "live-120x24")
    }

    @Test func explainOverlay() {
        var s = race()
        reduce(&s, .toggleExplain, now: 2)
        let b = Dashboard.render(s, size: Size(width: 120, height: 24), now: 2)
        #expect(b.text.contains("server prefill: 120 ms"))
        #expect(b.text.contains("usage count (11)"))
        assertSnapshot(b.text, named: "explain-live-120x24")
    }
}
