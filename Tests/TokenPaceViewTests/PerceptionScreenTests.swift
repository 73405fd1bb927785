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
                    text: "Saturday morning, walk by the river and have a slow breakfast. In the afternoon visit the market. Sunday, cook something new and call a friend."),
            ]),
        Sample(
            id: "chat-river", title: "Rivers", task: .chat, prompt: "Name a river",
            segments: [.init(kind: .answer, text: "The Danube flows through many countries and ends in the Black Sea.")]),
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
        assertSnapshot(PerceptionScreen.render(s, size: Self.size, now: 5).styleGrid, named: "perception-answer-accept-style")
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

    /// Figures that would give a hidden setting away: any decimal number, any unit of speed or time,
    /// any whole number larger than the counts the screens may show (trial numbers, panes, 1–5).
    static func leaks(_ screen: String, session: PerceptionSession) -> [String] {
        var found: [String] = []
        for word in ["tok/s", "t/s", "TTFT", "tokens per", "second"] where screen.contains(word) { found.append(word) }
        let allowed = max(session.config.trials, session.config.panes, 5)
        var number = ""
        var decimals = false
        func flush() {
            if !number.isEmpty, decimals || (Int(number) ?? 0) > allowed { found.append(number) }
            number = ""
            decimals = false
        }
        var previous: Character = " "
        for ch in screen {
            if ch.isASCII && ch.isNumber {
                number.append(ch)
            } else if ch == ".", !number.isEmpty {
                decimals = true
                number.append(ch)
            } else {
                if number.hasSuffix(".") { decimals = false; number.removeLast() }
                flush()
                if ch == "s" || ch == "m", previous.isNumber { found.append("…\(ch)") }
            }
            previous = ch
        }
        flush()
        for trial in [session.trial].compactMap({ $0 }) {
            for pane in trial.panes {
                for text in [Format.rate(pane.rate), Format.seconds(pane.ttft), Format.fixed(pane.rate, 2)]
                where screen.contains(text) {
                    found.append(text)
                }
            }
        }
        return found
    }

    /// Plays whole sessions with scripted answers, draws every screen along the way at several
    /// moments of every trial, and checks none shows a hidden figure — until the summary.
    @Test(arguments: [PerceptionMode.rate, .ttft])
    func nothingRevealsTheHiddenSettingsBeforeTheEnd(mode: PerceptionMode) {
        for seed in UInt64(1)...6 {
            var s = Self.session(mode: mode, trials: 3, seed: seed, participant: "Pia")
            var now = 0.0
            var screens = 0
            func check() {
                for size in [Self.size, Size(width: 120, height: 40), Size(width: 60, height: 20)] {
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
                reduce(&s, .choose(Int(rng.next() % 3)), now: now)
                check()
                for p in 0..<3 where rng.unit() < 0.5 { reduce(&s, .choose(p), now: now) }
                check()
                reduce(&s, .confirm, now: now)
                for _ in 0..<3 {
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
