import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

/// The screens of `perceive --mode present`: each pane shows its presentation's own stimulus and
/// nothing that names it, until the summary. Serialized: its checks are long and CPU-bound, and run
/// side by side they would hold every thread the other suites' loopback servers need.
@Suite(.serialized) struct PerceptionPresentScreenTests {
    /// The screen tests' digit-free samples, the first with an outline so a staged pane can show it.
    static let samples: [Sample] = {
        var s = PerceptionScreenTests.samples
        s[0].outline = "Walk, market, cook."
        return s
    }()

    static func session(
        presentations: [Presentation] = [.stream, .blocking, .progress, .staged], e2es: [Double] = [8],
        trials: Int = 2, seed: UInt64 = 11, samples: [Sample] = samples, task: TaskKind = .chat
    ) -> PerceptionSession {
        PerceptionSession(
            config: PerceptionConfig(
                participant: "Pia", task: task, mode: .present, trials: trials, seed: seed,
                resultsPath: "results.jsonl", presentations: presentations, e2es: e2es),
            samples: samples)
    }

    /// Each screen of a present-mode session (name, session, time), with scripted answers.
    static func stages() -> [(String, PerceptionSession, Double)] {
        var s = session()
        var out: [(String, PerceptionSession, Double)] = [("instructions", s, 0)]
        reduce(&s, .proceed, now: 0)
        out.append(("ready (practice)", s, 0))
        reduce(&s, .proceed, now: 1)
        out.append(("watching, early", s, 1.6))
        out.append(("watching, halfway", s, 5))
        out.append(("watching, just before the end", s, 8.9))
        out.append(("watching, all done", s, 9.2))
        reduce(&s, .answerNow, now: 9.5)
        out.append(("which felt faster", s, 9.5))
        reduce(&s, .choose(0), now: 10)
        reduce(&s, .choose(0), now: 10)
        out.append(("which would you accept", s, 10))
        reduce(&s, .confirm, now: 10)
        reduce(&s, .rate(4), now: 10)
        out.append(("rate each pane", s, 10))
        for n in 1..<4 { reduce(&s, .rate(n), now: 11) }
        for n in 1...2 {
            let t = Double(20 * n)
            reduce(&s, .proceed, now: t)
            reduce(&s, .answerNow, now: t + 9)
            reduce(&s, .choose(n), now: t + 10)
            reduce(&s, .choose(n), now: t + 10)
            reduce(&s, .confirm, now: t + 10)
            for p in 0..<4 { reduce(&s, .rate(1 + (p + n) % 5), now: t + 11) }
        }
        out.append(("summary", s, 70))
        return out
    }

    @Test(arguments: [Size(width: 40, height: 12), Size(width: 120, height: 40)])
    func everyPresentScreen(size: Size) {
        var text = ""
        for (name, s, now) in Self.stages() {
            #expect(PerceptionScreen.fits(s, size: size), "\(name) at \(size.width)×\(size.height)")
            text += "── \(name) ──\n" + PerceptionScreen.render(s, size: size, now: now).text + "\n"
        }
        assertSnapshot(text, named: "perception-present-screens-\(size.width)x\(size.height)")
    }

    @Test func eachPaneShowsItsOwnStimulusAndTheSummaryNamesThem() throws {
        let stages = Self.stages()
        let (_, s, _) = try #require(stages.first { $0.0 == "watching, halfway" })
        let trial = try #require(s.trial)
        let screen = PerceptionScreen.render(s, size: Size(width: 120, height: 40), now: 5).text
        #expect(screen.contains("working on your answer"), "the blocking pane's spinner")
        #expect(screen.contains("█") && screen.contains("░"), "the progress pane's bar")
        #expect(screen.contains("outline"), "the staged pane's outline")
        #expect(PerceptionScreenTests.leaks(screen, session: s).isEmpty)
        // No percentage, no ETA, no clock: the held panes carry no figure at all.
        #expect(!screen.contains("%") && !screen.contains("ETA"))
        #expect(trial.panes.count == 4)
        let (_, done, now) = try #require(stages.last)
        let summary = PerceptionScreen.render(done, size: Size(width: 120, height: 40), now: now).text
        for p in Presentation.allCases { #expect(summary.contains(p.rawValue), "the summary names \(p.rawValue)") }
        #expect(summary.contains("8.00s") || summary.contains("8.0s"), "and when every pane was done\n\(summary)")
    }

    /// The checker would catch a presentation's name: the same screen with a pane titled by it fails.
    @Test func theCheckerFailsOnALeakedPresentationLabel() throws {
        let (_, s, now) = try #require(Self.stages().first { $0.0 == "watching, halfway" })
        let screen = PerceptionScreen.render(s, size: Size(width: 120, height: 40), now: now).text
        #expect(PerceptionScreenTests.leaks(screen, session: s).isEmpty)
        for label in ["blocking", "progress", "Stream", "staged"] {
            let leaked = screen.replacingOccurrences(of: "┌ B ", with: "┌ \(label) ")
            #expect(
                PerceptionScreenTests.leaks(leaked, session: s).contains(label.lowercased()),
                "a pane titled \(label) is caught")
        }
        #expect(!PerceptionScreenTests.leaks(screen + " ETA", session: s).isEmpty)
        #expect(!PerceptionScreenTests.leaks(screen + " 42%", session: s).isEmpty)
    }

    @Test func nothingRevealsThePresentationsBeforeTheEnd() async {
        await PerceptionScreenTests.playBlind(mode: .present, seeds: 1...3) {
            Self.session(e2es: [4, 8, 16], trials: 3, seed: $0)
        }
        await PerceptionScreenTests.playBlind(mode: .present, seeds: 1...1) {
            Self.session(presentations: [.blocking, .progress], trials: 3, seed: $0)
        }
    }

    @Test(arguments: TaskKind.allCases.filter { $0 != .batch })
    func nothingRevealsThePresentationsOfTheShippedSamples(task: TaskKind) async {
        let staged = PresentTiming.samples(PerceptionScreenTests.shipped, task: task, presentations: [.staged])
        let presentations: [Presentation] = staged.isEmpty ? [.stream, .blocking, .progress] : Presentation.allCases
        await PerceptionScreenTests.playBlind(mode: .present, seeds: 1...1) {
            Self.session(
                presentations: presentations, e2es: [30], trials: 2, seed: $0, samples: PerceptionScreenTests.shipped,
                task: task)
        }
    }
}

extension PerceptionPresentScreenTests {
    /// The run loop keeps one text cache for the whole session; a held pane that reveals its answer
    /// at once must show this trial's answer, not append to what the pane in its place showed before.
    @Test func aHeldPaneRevealsItsOwnTrialsAnswerWithTheSessionsCache() {
        let cache = PaneTextCache()
        let size = Size(width: 120, height: 40)
        // The short answer first, so the next trial's longer one would extend it in a stale cache.
        var s = Self.session(presentations: [.blocking, .progress], trials: 2, samples: Self.samples.reversed())
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 0)
        #expect(PerceptionScreen.render(s, size: size, now: 9, cache: cache).text.contains("Danube"))
        reduce(&s, .answerNow, now: 9)
        reduce(&s, .choose(0), now: 9)
        reduce(&s, .confirm, now: 9)
        reduce(&s, .rate(3), now: 9)
        reduce(&s, .rate(3), now: 9)
        reduce(&s, .proceed, now: 20)
        #expect(s.trial?.sample.id != s.records.last?.sample, "the next trial shows another sample")
        let kept = PerceptionScreen.render(s, size: size, now: 29, cache: cache).text
        #expect(kept == PerceptionScreen.render(s, size: size, now: 29).text)
        #expect(kept.contains("Saturday") && !kept.contains("Danube"), "\(kept)")
    }
}
