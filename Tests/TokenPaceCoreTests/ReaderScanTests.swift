import Testing

@testable import TokenPaceCore

/// The reader's figures against schedules worked out by hand.
@Suite struct ReaderScanTests {
    /// At 60 words/min a word costs 1 s. "A" and " b" and " d" start words; "c" continues " b".
    static let tokens = [Token("A"), Token(" b"), Token("c"), Token(" d")]
    static let times = [0.0, 0.5, 3, 3.2]

    @Test func handComputedSchedule() {
        var scan = ReaderScan(wordsPerMinute: 60)
        for (t, v) in zip(Self.tokens, Self.times) { scan.append(t, visible: v) }
        // f = 0+1 = 1; max(1, 0.5)+1 = 2; max(2, 3)+0 = 3 (waited 1); max(3, 3.2)+1 = 4.2 (waited 0.2)
        #expect(scan.finish == [1, 2, 3, 4.2])
        #expect(abs(scan.waited.last! - 1.2) < 1e-9)
        #expect(scan.readCount(at: 2.5) == 2)
        // With 2 tokens on screen at 2.5 s and more to come: read up to 2 s, then 0.5 s with nothing new.
        #expect(abs(scan.waiting(at: 2.5, shown: 2, complete: false) - 0.5) < 1e-9)
        #expect(scan.waiting(at: 2.5, shown: 0, complete: false) == 0)
        #expect(abs(scan.waiting(at: 9, shown: 4, complete: true) - 1.2) < 1e-9)
    }

    @Test func toolResultsAndHiddenReasoningAreNotRead() {
        var scan = ReaderScan(wordsPerMinute: 60)
        scan.append(Token(" think", kind: .reasoning), visible: 0, read: false)
        scan.append(Token(" output", kind: .toolResult), visible: 0)
        scan.append(Token(" answer"), visible: 0)
        #expect(scan.finish == [0, 0, 1])
    }

    func pane(_ p: Presentation) -> (PaneState, AppState) {
        let sample = Sample(id: "s", title: "s", task: .chat, prompt: "p", segments: [.init(kind: .answer, text: "A")])
        var setup = PaneSetup(
            profile: Profile(rate: 10), source: .replay(name: "t"), tokens: Self.tokens, times: Self.times)
        setup.presentation = p
        var s = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0)
        s.readingRate = 60
        return (s.panes[0], s)
    }

    @Test func streamedAndBlockingPanes() {
        let (stream, _) = pane(.stream)
        #expect(abs(stream.reader(wordsPerMinute: 60).waited.last! - 1.2) < 1e-9)
        #expect(stream.blocked == 0)
        // Blocking: everything appears at 3.2 s, so the reader never waits, but is blocked 3.2 s.
        let (blocking, state) = pane(.blocking)
        let scan = blocking.reader(wordsPerMinute: 60)
        #expect(scan.finish == [4.2, 5.2, 5.2, 6.2])
        #expect(scan.waited.last == 0)
        #expect(blocking.blocked == 3.2)
        let explain = Explain.lines(for: blocking, in: state, now: 10)
        #expect(explain.contains { $0.hasSuffix("after the first visible token = \(Format.figure(0.0)) s") })
        #expect(
            explain.contains {
                $0.contains("blocked: request → first answer token as this presentation shows it = 3.20 s")
            })
    }

    @Test func readingRateParses() throws {
        #expect(try ReaderScan.parseRate("240wpm") == 240)
        #expect(try ReaderScan.parseRate(" 300 WPM ") == 300)
        #expect(throws: ValueError("--reading-rate 10wpm is out of range: 50 to 2000 words per minute")) {
            try ReaderScan.parseRate("10wpm")
        }
        #expect(Action.from(key: .char("R"), helpVisible: false) == .toggleReader)
    }
}
