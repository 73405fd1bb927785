import Testing

@testable import TokenPaceCore

/// Presentations: what the user sees of the same arrivals, and when the useful signal is seen.
@Suite struct PresentationTests {
    static let sample: Sample = {
        var s = Sample(
            id: "s", title: "s", task: .chat, prompt: "Why?",
            segments: [Sample.Segment(kind: .answer, text: "Because it is. Here is more text.")])
        s.outline = "It is."
        return s
    }()

    func race(_ presentations: [Presentation], rate: Double = 10) -> AppState {
        let setups = presentations.map { p in
            var setup = PaneSetup(profile: Profile(rate: rate, firstToken: .fixed(1)))
            setup.presentation = p
            return setup
        }
        return AppState(setups: setups, sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
    }

    @Test func namesParseAndErrorsListThem() throws {
        #expect(try Presentation.parse(" Blocking ") == .blocking)
        #expect(try Presentation.list("stream,progress") == [.stream, .progress])
        #expect(
            throws: ValueError("--present: unknown presentation 'fast' (expected stream, blocking, progress, staged)")
        ) {
            try Presentation.list("stream,fast")
        }
        #expect(Presentation.staged.next == .stream)
        #expect(Presentation.stream.next == .blocking)
    }

    /// 1 s TTFT at 10 tok/s: token i arrives at 1 + i × 0.1 s (no jitter).
    @Test func blockingShowsNothingUntilTheLastTokenAndUsefulIsSeenThen() {
        let s = race([.stream, .blocking])
        let stream = s.panes[0]
        let blocking = s.panes[1]
        let n = blocking.tokens.count
        #expect(blocking.schedule.times == stream.schedule.times)
        let last = 1 + Double(n - 1) * 0.1
        #expect(abs(blocking.schedule.times.last! - last) < 1e-9)
        #expect(stream.visibleCount(elapsed: 1.25) == 3)
        #expect(blocking.visibleCount(elapsed: 1.25) == 0)
        #expect(blocking.visibleCount(elapsed: last - 0.01) == 0)
        #expect(blocking.visibleCount(elapsed: blocking.schedule.times.last!) == n)
        // chat: useful = first answer token, at 1.0 s streamed; seen with the whole answer when held.
        #expect(stream.visibleTime(of: stream.milestones.useful) == 1)
        #expect(abs(blocking.visibleTime(of: blocking.milestones.useful)! - last) < 1e-9)
    }

    @Test func stagedWritesTheOutlineFirstAtItsOwnCost() {
        let s = race([.stream, .staged])
        let outline = Self.sample.outlineTokens().count
        #expect(outline > 0)
        let staged = s.panes[1]
        #expect(staged.stageCount == outline)
        #expect(staged.tokens.count == s.panes[0].tokens.count + outline)
        #expect(Array(staged.tokens.prefix(outline)) == Self.sample.outlineTokens())
        // Same TTFT; the answer finishes `outline` tokens × 0.1 s later.
        #expect(staged.schedule.times.first == 1)
        #expect(abs(staged.schedule.times.last! - s.panes[0].schedule.times.last! - Double(outline) * 0.1) < 1e-9)
        #expect(staged.answerTokens == s.panes[0].tokens)
    }

    @Test func keyPCyclesTheSelectedPaneOnly() {
        var s = race([.stream, .stream])
        #expect(Action.from(key: .char("p"), helpVisible: false) == .cyclePresentation)
        reduce(&s, .select(1), now: 0)
        var seen: [Presentation] = []
        for _ in 0..<4 {
            reduce(&s, .cyclePresentation, now: 0.5)
            seen.append(s.panes[1].presentation)
        }
        #expect(seen == [.blocking, .progress, .staged, .stream])
        #expect(s.panes[0].presentation == .stream)
        // Back to stream: the outline is gone and the pane keeps its start.
        #expect(s.panes[1].tokens == s.panes[0].tokens)
        #expect(s.panes[1].origin == 0)
    }

    @Test func aHeldLivePaneBuffersTheRealStreamUntilItEnds() {
        var setup = PaneSetup(profile: Profile(rate: 21), source: .live(name: "openai smol"))
        setup.presentation = .blocking
        var s = AppState(setups: [setup], sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
        for (k, word) in ["To", " undo", "."].enumerated() {
            let t = 0.4 + Double(k) * 0.1
            reduce(
                &s, .feed(paneID: 0, generation: 0, event: .token(TokenEvent(text: word, kind: .answer, t: t))), now: t)
        }
        #expect(s.panes[0].visibleCount(elapsed: 0.8) == 0)
        reduce(&s, .feed(paneID: 0, generation: 0, event: .finished(at: 0.9)), now: 0.9)
        #expect(s.panes[0].visibleCount(elapsed: 0.9) == 3)
        #expect(s.panes[0].visibleTime(of: s.panes[0].milestones.useful) == 0.9)
        // A request sent unstaged stays so: staged takes effect at the next request (StagedPaneTests).
        reduce(&s, .cyclePresentation, now: 1)
        reduce(&s, .cyclePresentation, now: 1)
        #expect(s.panes[0].presentation == .staged)
        #expect(s.panes[0].stageCount == 0)
        #expect(s.panes[0].tokens.count == 3)
    }

    @Test func outlineSectionIsReadAndChecked() throws {
        let good = "---\ntask: chat\nprompt: p\n---\n::: outline\nShort.\n::: answer\nLong answer.\n"
        let s = try SampleFile.parse(good, path: "s.md", id: "s")
        #expect(s.outline == "Short.")
        #expect(s.segments.map(\.text) == ["Long answer."])
        func error(_ text: String) -> String? {
            do {
                _ = try SampleFile.parse(text, path: "s.md", id: "s")
                return nil
            } catch { return error.description }
        }
        #expect(
            error("---\ntask: chat\nprompt: p\n---\n::: outline\nShort.\n")
                == "s.md:5: an outline needs the answer after it: add '::: answer'")
        #expect(
            error("---\ntask: chat\nprompt: p\n---\n::: answer\nA.\n::: outline\nB.\n")
                == "s.md:7: '::: outline' must be the first section, and only one")
        #expect(
            error("---\ntask: chat\nprompt: p\n---\n::: outline\n\n::: answer\nA.\n")
                == "s.md:5: empty 'outline' section")
    }

    @Test func shippedSamplesWithAnOutlineKeepItShort() throws {
        let library = try SampleLibrary(directory: shippedSamplesDirectory)
        let withOutline = library.samples.filter { $0.outline != nil }
        #expect(withOutline.count >= 4)
        for s in withOutline {
            #expect(s.outlineTokens().count < s.generatedTokenCount / 3, "\(s.id)")
        }
    }
}
