import Testing
import TokenPaceCore
import TokenPaceView

/// Each presentation of the same race as text, at 120×40 and 40×12: at 6 s the 60 tok/s pane is
/// done and the 10 and 21 tok/s panes still write.
@Suite struct PresentationSnapshotTests {
    func race(_ p: Presentation, task: TaskKind = .chat) -> AppState {
        let sample = DashboardSnapshotTests.library.samples(for: task)[0]
        let setups = [10.0, 21, 60].map { r in
            var s = PaneSetup(profile: Profile(rate: r, firstToken: .fixed(0.5)))
            s.presentation = p
            return s
        }
        return AppState(setups: setups, sample: sample, library: [sample], seed: 1, now: 0)
    }

    @Test(arguments: Presentation.allCases)
    func eachPresentation(p: Presentation) {
        let s = race(p)
        for size in DashboardSnapshotTests.sizes {
            let b = Dashboard.render(s, size: size, now: 6)
            assertSnapshot(b.text, named: "present-\(p.rawValue)-\(size.width)x\(size.height)")
        }
        let text = Dashboard.render(s, size: Size(width: 120, height: 40), now: 6).text
        switch p {
        case .stream:
            #expect(!text.contains("working on your answer"))
        case .blocking:
            #expect(text.contains("working on your answer"))
            #expect(text.contains("· blocking"))
            // The done pane shows its whole answer; the others none of theirs.
            #expect(text.contains("you can get it back."))
        case .progress:
            #expect(text.contains("writing ETA"))
            #expect(text.contains("· progress"))
        case .staged:
            #expect(text.contains("── outline ──"))
            #expect(text.contains("── full answer ──"))
        }
    }

    @Test func progressReadsThePromptFirst() {
        let s = race(.progress)
        let text = Dashboard.render(s, size: Size(width: 120, height: 40), now: 0.2).text
        #expect(text.contains("reading your prompt ETA"))
    }

    /// A live pane's ETA: the sample's answer length, capped by max tokens, at the measured rate.
    @Test func liveProgressEstimatesFromMaxTokens() {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        var setup = PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol"))
        setup.presentation = .progress
        setup.maxTokens = 40
        var s = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0)
        // 11 tokens 0.1 s apart from 0.5 s: 10 tok/s measured; 40 − 11 = 29 left → 2.9 s.
        for k in 0..<11 {
            let t = 0.5 + Double(k) * 0.1
            reduce(
                &s, .feed(paneID: 0, generation: 0, event: .token(TokenEvent(text: " w", kind: .answer, t: t))), now: t)
        }
        let text = Dashboard.render(s, size: Size(width: 80, height: 12), now: 1.5).text
        #expect(text.contains("writing ETA 2.90s"))
        #expect(text.contains("answer held until the last token"))
    }

    @Test func heldUsefulClockRunsUntilTheAnswerAppears() {
        let s = race(.blocking)
        let last = s.panes[2].schedule.times.last!
        let before = Dashboard.render(s, size: Size(width: 120, height: 40), now: last - 0.05).text
        let after = Dashboard.render(s, size: Size(width: 120, height: 40), now: last + 0.05).text
        let seen = "useful " + Format.duration(last, .clock)
        #expect(!before.contains(seen))
        #expect(after.contains(seen))
    }
}

@Suite struct ReaderViewSnapshotTests {
    @Test func readerFiguresAndCursor() {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        let setups = [(10.0, Presentation.stream), (60, .stream), (60, .blocking)].map { r, p in
            var s = PaneSetup(profile: Profile(rate: r, firstToken: .fixed(0.5)))
            s.presentation = p
            return s
        }
        var s = AppState(setups: setups, sample: sample, library: [sample], seed: 1, now: 0)
        reduce(&s, .toggleReader, now: 0)
        for size in DashboardSnapshotTests.sizes {
            let b = Dashboard.render(s, size: size, now: 3)
            assertSnapshot(b.text, named: "reader-\(size.width)x\(size.height)")
        }
        let text = Dashboard.render(s, size: Size(width: 120, height: 40), now: 3).text
        #expect(text.contains("wait 0.00s · blocked 0.50s"))
        #expect(text.contains("blocked 3.00s"))
        #expect(text.contains("│"))
    }
}
