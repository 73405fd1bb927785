import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

@Suite struct PerceptionScreenTests {
    static let size = Size(width: 100, height: 30)

    /// Samples without digits, so any figure on screen can only come from the session itself.
    static let samples = [
        Sample(
            id: "chat-plain", title: "Weekend plan", task: .chat, prompt: "Plan my weekend",
            segments: [
                .init(kind: .reasoning, text: "They want something calm."),
                .init(
                    kind: .answer,
                    text:
                        "Saturday morning, walk by the river and have a slow breakfast. In the afternoon visit the market. Sunday, cook something new and call a friend."
                ),
            ]),
        Sample(
            id: "chat-river", title: "Rivers", task: .chat, prompt: "Name a river",
            segments: [.init(kind: .answer, text: "The Danube flows through many countries and ends in the Black Sea.")]
        ),
    ]

    static func session(
        mode: PerceptionMode = .rate, trials: Int = 4, panes: Int = 3, seed: UInt64 = 11, participant: String = "P07"
    ) -> PerceptionSession {
        PerceptionSession(
            config: PerceptionConfig(
                participant: participant, task: .chat, mode: mode, trials: trials, panes: panes, seed: seed,
                resultsPath: "results.jsonl"),
            samples: samples)
    }

    static func render(_ s: PerceptionSession, now: Double) -> String {
        PerceptionScreen.render(s, size: size, now: now).text
    }

    // MARK: snapshots

    @Test func everyScreenOfASession() {
        var s = Self.session()
        assertSnapshot(Self.render(s, now: 0), named: "perception-instructions")
        reduce(&s, .proceed, now: 0)
        assertSnapshot(Self.render(s, now: 0), named: "perception-ready-practice")
        reduce(&s, .proceed, now: 1)
        assertSnapshot(Self.render(s, now: 4), named: "perception-streaming")
        reduce(&s, .answerNow, now: 4)
        assertSnapshot(Self.render(s, now: 4), named: "perception-answer-faster")
        reduce(&s, .choose(2), now: 5)
        reduce(&s, .choose(1), now: 5)
        reduce(&s, .choose(2), now: 5)
        assertSnapshot(Self.render(s, now: 5), named: "perception-answer-accept")
        // Roles: the current question stands out, answers given are keys, pending ones dim.
        assertSnapshot(
            PerceptionScreen.render(s, size: Self.size, now: 5).styleGrid, named: "perception-answer-accept-style")
        reduce(&s, .confirm, now: 5)
        reduce(&s, .rate(1), now: 5)
        assertSnapshot(Self.render(s, now: 5), named: "perception-answer-rating")
        reduce(&s, .rate(3), now: 5)
        reduce(&s, .rate(5), now: 5)
        for n in 1...4 {
            reduce(&s, .proceed, now: Double(10 * n))
            reduce(&s, .answerNow, now: Double(10 * n) + 3)
            reduce(&s, .choose(n % 3), now: Double(10 * n) + 4)
            for p in 0..<3 where p >= n % 3 { reduce(&s, .choose(p), now: Double(10 * n) + 4) }
            reduce(&s, .confirm, now: Double(10 * n) + 4)
            for p in 0..<3 { reduce(&s, .rate(1 + (p + n) % 5), now: Double(10 * n) + 5) }
        }
        #expect(s.phase == .finished)
        assertSnapshot(Self.render(s, now: 60), named: "perception-summary")
    }

    /// The sizes every screen is checked at: the smallest supported, two common ones and a large one.
    static let sizes = [
        Size(width: 40, height: 12), Size(width: 60, height: 20), Size(width: 80, height: 24),
        Size(width: 120, height: 40),
    ]

    /// Each screen of a session (name, session, time), played with scripted answers.
    static func stages(panes: Int = 3) -> [(String, PerceptionSession, Double)] {
        var s = session(panes: panes)
        var out: [(String, PerceptionSession, Double)] = [("instructions", s, 0)]
        reduce(&s, .proceed, now: 0)
        out.append(("ready (practice)", s, 0))
        reduce(&s, .proceed, now: 1)
        out.append(("watching", s, 4))
        reduce(&s, .answerNow, now: 4)
        if panes > 1 {
            out.append(("which felt faster", s, 4))
            reduce(&s, .choose(panes - 1), now: 5)
        }
        reduce(&s, .choose(0), now: 5)
        out.append(("which would you accept", s, 5))
        reduce(&s, .confirm, now: 5)
        reduce(&s, .rate(2), now: 5)
        out.append(("rate each pane", s, 5))
        for _ in 1..<panes { reduce(&s, .rate(4), now: 5) }
        out.append(("ready (counted, after an answer)", s, 6))
        for n in 1...4 {
            reduce(&s, .proceed, now: Double(10 * n))
            reduce(&s, .answerNow, now: Double(10 * n) + 3)
            if panes > 1 { reduce(&s, .choose(n % panes), now: Double(10 * n) + 4) }
            reduce(&s, .choose(n % panes), now: Double(10 * n) + 4)
            reduce(&s, .confirm, now: Double(10 * n) + 4)
            for p in 0..<panes { reduce(&s, .rate(1 + (p + n) % 5), now: Double(10 * n) + 5) }
        }
        out.append(("summary", s, 60))
        return out
    }

    /// Every screen at every size in one snapshot per size, so a cut word or a lost key line shows.
    @Test(arguments: sizes)
    func everyScreenAtEverySize(size: Size) {
        var text = ""
        for (name, s, now) in Self.stages() {
            #expect(PerceptionScreen.fits(s, size: size), "\(name) at \(size.width)×\(size.height)")
            text += "── \(name) ──\n" + PerceptionScreen.render(s, size: size, now: now).text + "\n"
        }
        assertSnapshot(text, named: "perception-screens-\(size.width)x\(size.height)")
    }

    /// The keys and the question on screen are never cut, whatever the task, pane count or size.
    @Test func everyQuestionAndKeyLineIsWholeFromTheSmallestSizeUp() {
        for panes in 1...4 {
            for (name, s, now) in Self.stages(panes: panes) {
                for size in Self.sizes + [
                    Size(width: 41, height: 13), Size(width: 50, height: 15), Size(width: 100, height: 12),
                ] {
                    #expect(
                        PerceptionScreen.fits(s, size: size), "\(panes) panes, \(name) at \(size.width)×\(size.height)")
                    let screen = PerceptionScreen.render(s, size: size, now: now).text
                    let flat = screen.split(separator: "\n").map { $0.replacingOccurrences(of: "│", with: " ") }
                        .joined(separator: " ").split(separator: " ").joined(separator: " ")
                    let expected: [String]
                    switch s.phase {
                    case .instructions: expected = ["Space begins · q quits", "Space", "q"]
                    case .ready: expected = ["Space starts · q ends the session here", "Space"]
                    case .streaming: expected = ["Enter", "Esc"]
                    case .answering(.faster): expected = ["Which felt faster?", "Bksp", "Esc"]
                    case .answering(.accept): expected = ["Which would you accept for a chat answer?", "Enter", "Esc"]
                    case .answering(.rating):
                        expected = ["1 too slow", "2 slow", "3", "4 fast enough", "5 more than", "Esc"]
                    case .finished: expected = ["q closes", "q close"]
                    }
                    for e in expected where !(flat.contains(e) || (e == "Bksp" && flat.contains("Backspace"))) {
                        Issue.record("\(panes) panes, \(name) at \(size.width)×\(size.height): no \"\(e)\"\n\(screen)")
                    }
                    #expect(!screen.contains("more…") && !screen.contains("terminal too small"))
                }
            }
        }
    }

    @Test func aOneTrialSessionSaysTrialNotTrials() {
        var s = Self.session(trials: 1, panes: 1)
        var seen = Self.render(s, now: 0)
        #expect(seen.contains("then 1 trial."))
        reduce(&s, .proceed, now: 0)
        for n in 0...1 {
            let t = Double(10 * n + 1)
            reduce(&s, .proceed, now: t)
            reduce(&s, .answerNow, now: t + 3)
            reduce(&s, .choose(0), now: t + 4)
            reduce(&s, .confirm, now: t + 4)
            reduce(&s, .rate(3), now: t + 5)
        }
        seen = Self.render(s, now: 30)
        #expect(seen.contains("(1 of 1 trial)"), "\(seen)")
        #expect(seen.contains("from 1 answer "))
        #expect(!seen.contains("1 trials") && !seen.contains("1 answers"))
    }

    @Test func theSummaryScrollsToEveryTrialOnASmallTerminal() throws {
        let (_, s, now) = try #require(Self.stages().last)
        let size = Size(width: 40, height: 12)
        let most = PerceptionScreen.maxScroll(s, size: size)
        #expect(most > 0)
        #expect(PerceptionScreen.render(s, size: size, now: now).text.contains("↑↓ scroll"))
        var seen = ""
        var scrolled = s
        for _ in 0...most + 2 {
            seen += PerceptionScreen.render(scrolled, size: size, now: now).text
            reduce(&scrolled, .scroll(1), now: now)
            scrolled.limitScroll(most)
        }
        #expect(scrolled.scroll == most, "scrolling stops at the end")
        for r in s.records {
            for p in r.panes {
                #expect(seen.contains(Format.rate(p.rate) + " tok/s"), "trial \(r.trial) pane \(p.label)")
            }
        }
        reduce(&scrolled, .scroll(-100), now: now)
        #expect(scrolled.scroll == 0)
        // End goes to the bottom and Home back to the top.
        let end = try #require(PerceptionAction.from(key: .end, phase: s.phase, paneCount: 3))
        reduce(&scrolled, end, now: now)
        scrolled.limitScroll(most)
        #expect(scrolled.scroll == most)
        let home = try #require(PerceptionAction.from(key: .home, phase: s.phase, paneCount: 3))
        reduce(&scrolled, home, now: now)
        scrolled.limitScroll(most)
        #expect(scrolled.scroll == 0)
    }

    @Test func belowTheSmallestSizeTheScreenSaysSoAndTakesNoAnswer() throws {
        let answering = try #require(Self.stages().first { $0.0 == "which would you accept" }).1
        let tiny = Size(width: 39, height: 12)
        #expect(!PerceptionScreen.fits(answering, size: tiny))
        let screen = PerceptionScreen.render(answering, size: tiny, now: 5).text
        #expect(screen.contains("enlarge to at least 40×12"))
        #expect(!screen.contains("Bksp") && !screen.contains("Backspace"), "only keys that act are offered")
        #expect(!PerceptionScreen.takes(.char("a"), session: answering, size: tiny))
        #expect(!PerceptionScreen.takes(.enter, session: answering, size: Size(width: 80, height: 11)))
        #expect(PerceptionScreen.takes(.escape, session: answering, size: tiny))
        #expect(PerceptionScreen.takes(.char("a"), session: answering, size: Size(width: 40, height: 12)))
    }

    @Test func abortedTrialIsAnnouncedWhenOfferedAgain() {
        var s = Self.session()
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .abort, now: 1)
        #expect(Self.render(s, now: 1).contains("aborted and not recorded"))
    }

    @Test func asciiScreensUseNoBoxDrawing() {
        var s = Self.session()
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .answerNow, now: 2)
        let text = PerceptionScreen.render(s, size: Self.size, now: 2, options: ViewOptions(ascii: true)).text
        #expect(!text.unicodeScalars.contains { $0.value > 0x7F && $0 != "·" && $0 != "×" })
    }

    // MARK: blindness

    /// Runs of digits (with a decimal point inside) in `text`.
    static func numbers(_ text: String) -> [String] {
        var out: [String] = []
        var number = ""
        for ch in text + " " {
            if ch.isASCII && ch.isNumber {
                number.append(ch)
            } else if ch == ".", !number.isEmpty, !number.contains(".") {
                number.append(ch)
            } else {
                if number.hasSuffix(".") { number.removeLast() }
                if !number.isEmpty { out.append(number) }
                number = ""
            }
        }
        return out
    }

    /// What the samples of a session legitimately show, the same in every pane: the text itself
    /// and the tool result headers with how long each tool ran (`↳ tool result · 1.40s`).
    static func sampleText(_ session: PerceptionSession) -> String {
        session.samples.flatMap { sample in
            sample.segments.map { seg in
                seg.text + " step \(seg.step)"
                    + (seg.toolLatency.map { " tool result · " + Format.duration($0, .clock) } ?? "")
            }
        }.joined(separator: "\n")
    }

    /// Figures that would give a hidden setting away: any decimal number, any unit of speed or time,
    /// any whole number larger than the counts the screens may show (trial numbers, panes, 1–5),
    /// any formatted hidden value. Text the samples themselves contain is allowed — it is the same
    /// in every pane — but only as the sample has it: a number must be (part of, when a narrow pane
    /// wraps it) a number in the sample, a word must occur in the sample.
    static func leaks(_ screen: String, session: PerceptionSession) -> [String] {
        var found: [String] = []
        let sample = sampleText(session)
        let sampleNumbers = Set(numbers(sample))
        func fromSample(_ n: String) -> Bool { sampleNumbers.contains { $0.contains(n) } }
        for word in ["tok/s", "t/s", "TTFT", "tokens per", "second"]
        where screen.contains(word) && !sample.contains(word) {
            found.append(word)
        }
        // A presentation's name (as a title, a label or a word) would tell the panes apart by name.
        let lowerSample = sample.lowercased()
        for word in Presentation.allCases.map(\.rawValue) + ["presentation", "spinner", "eta"]
        where containsWord(screen.lowercased(), word) && !containsWord(lowerSample, word) {
            found.append(word)
        }
        let allowed = max(session.config.trials, session.config.panes, 5)
        var number = ""
        for ch in screen + " " {
            if ch.isASCII && ch.isNumber || (ch == "." && !number.isEmpty && !number.contains(".")) {
                number.append(ch)
            } else {
                if number.hasSuffix(".") { number.removeLast() }
                if !number.isEmpty, !fromSample(number) {
                    if number.contains(".") || (Int(number) ?? 0) > allowed { found.append(number) }
                    if ch == "s" || ch == "m" { found.append(number + String(ch)) }
                }
                number = ""
            }
        }
        for trial in [session.trial].compactMap({ $0 }) {
            for pane in trial.panes {
                let e2e = pane.e2e.map { [Format.duration($0, .clock)] } ?? []
                for text in [Format.rate(pane.rate), Format.duration(pane.ttft, .clock), Format.fixed(pane.rate, 2)]
                    + e2e
                where screen.contains(text) && !fromSample(numbers(text).first ?? text) {
                    found.append(text)
                }
            }
        }
        return found
    }

    /// Whether `word` occurs in `text` on its own or as the start of a word ("stream", "streamed").
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var rest = text[...]
        while let r = rest.range(of: word) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            if !(before?.isLetter ?? false) { return true }
            rest = text[r.upperBound...]
        }
        return false
    }

    /// Plays whole sessions with scripted answers, draws every screen along the way at several
    /// moments of every trial, and checks none shows a hidden figure — until the summary.
    /// The repository's own samples, as a session shows them.
    static let shipped: [Sample] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples").path
        return (try? SampleLibrary(directory: dir).samples) ?? []
    }()

    @Test func theCheckerAllowsOnlyWhatTheSampleSays() {
        let agent = Self.shipped.filter { $0.task == .agent }
        #expect(!agent.isEmpty)
        let s = PerceptionSession(
            config: PerceptionConfig(participant: "Pia", task: .agent, trials: 3, seed: 1), samples: agent)
        let latency =
            agent.flatMap(\.segments).compactMap(\.toolLatency).first.map { Format.duration($0, .clock) } ?? "?"
        #expect(Self.leaks("↳ tool result · \(latency)", session: s).isEmpty, "the sample's own tool time")
        #expect(!Self.leaks("↳ tool result · 7.77s", session: s).isEmpty, "a figure the sample does not have")
        #expect(!Self.leaks("B 17.3 tok/s", session: s).isEmpty)
    }

    @Test(arguments: [PerceptionMode.rate, .ttft], TaskKind.allCases.filter { $0 != .batch })
    func nothingRevealsTheHiddenSettingsOfTheShippedSamples(mode: PerceptionMode, task: TaskKind) async {
        await Self.playBlind(mode: mode, seeds: 1...2) { seed in
            PerceptionSession(
                config: PerceptionConfig(participant: "Pia", task: task, mode: mode, trials: 3, panes: 3, seed: seed),
                samples: Self.shipped)
        }
    }

    @Test(arguments: [PerceptionMode.rate, .ttft])
    func nothingRevealsTheHiddenSettingsBeforeTheEnd(mode: PerceptionMode) async {
        await Self.playBlind(mode: mode, seeds: 1...6) {
            Self.session(mode: mode, trials: 3, seed: $0, participant: "Pia")
        }
    }

    /// Plays whole sessions and checks every screen (see `playBlindHere`) on a thread of its own,
    /// one check at a time: each is long and CPU-bound, and on the threads every test's tasks share
    /// (or as a dozen threads at once on two cores) they would starve the in-process loopback
    /// servers of other suites. A failed expectation still fails the run.
    static func playBlind(
        mode: PerceptionMode, seeds: ClosedRange<UInt64>, make: @escaping @Sendable (UInt64) -> PerceptionSession
    ) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                blindChecks.withLock { playBlindHere(mode: mode, seeds: seeds, make: make) }
                done.resume()
            }
        }
    }

    private static let blindChecks = NSLock()

    static func playBlindHere(mode: PerceptionMode, seeds: ClosedRange<UInt64>, make: (UInt64) -> PerceptionSession) {
        for seed in seeds {
            var s = make(seed)
            var now = 0.0
            var screens = 0
            func check() {
                for size in [Self.size] + Self.sizes {
                    let screen = PerceptionScreen.render(s, size: size, now: now).text
                    let found = Self.leaks(screen, session: s)
                    #expect(found.isEmpty, "seed \(seed), \(s.phase): \(found)\n\(screen)")
                    screens += 1
                }
            }
            check()
            reduce(&s, .proceed, now: now)
            var rng = SeededRandom(seed: seed)
            while s.phase != .finished {
                check()
                reduce(&s, .proceed, now: now)
                for dt in [0.0, 0.05, 0.4, 1.5, 6, 40] {
                    now += dt
                    check()
                }
                reduce(&s, .answerNow, now: now)
                check()
                if rng.unit() < 0.3 {
                    reduce(&s, .abort, now: now)
                    continue
                }
                let panes = s.panes.count
                reduce(&s, .choose(Int(rng.next() % UInt64(panes))), now: now)
                check()
                for p in 0..<panes where rng.unit() < 0.5 { reduce(&s, .choose(p), now: now) }
                check()
                reduce(&s, .confirm, now: now)
                for _ in 0..<panes {
                    check()
                    reduce(&s, .rate(1 + Int(rng.next() % 5)), now: now)
                }
                now += 1
            }
            #expect(screens > 50)
            let summary = PerceptionScreen.render(s, size: Size(width: 120, height: 40), now: now).text
            #expect(!Self.leaks(summary, session: s).isEmpty || s.records.isEmpty, "the summary does reveal")
        }
    }
}
