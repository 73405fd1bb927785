import Foundation
import Testing
import TokenPaceCore

/// `perceive --mode present`: one pane per presentation, every pane done at the same end-to-end time.
@Suite struct PerceptionPresentTests {
    static let outlined: Sample = {
        var s = Fixtures.chat
        s.id = "fixture-chat-outlined"
        s.outline = "Plan: hike, then rest."
        return s
    }()

    static func session(
        presentations: [Presentation] = [.stream, .blocking, .progress, .staged], e2es: [Double] = [8],
        trials: Int = 3, seed: UInt64 = 5, jitter: Double = 0
    ) -> PerceptionSession {
        PerceptionSession(
            config: PerceptionConfig(
                participant: "p01", task: .chat, mode: .present, trials: trials, seed: seed, jitter: jitter,
                presentations: presentations, e2es: e2es),
            samples: [Fixtures.chat, outlined, Fixtures.code, Fixtures.chat2])
    }

    /// Starts the trial on offer at `now`.
    static func start(_ s: inout PerceptionSession, now: Double) {
        if s.phase == .instructions { reduce(&s, .proceed, now: now) }
        reduce(&s, .proceed, now: now)
    }

    @Test(arguments: [0.0, 0.25])
    func everyPaneIsDoneAtTheSameEndToEndTime(jitter: Double) throws {
        var s = Self.session(e2es: [6], jitter: jitter)
        Self.start(&s, now: 10)
        let trial = try #require(s.trial)
        #expect(s.panes.count == 4 && s.config.panes == 4)
        #expect(Set(trial.panes.compactMap(\.presentation)) == [.stream, .blocking, .progress, .staged])
        for (pane, planned) in zip(s.panes, trial.panes) {
            #expect(pane.presentation == planned.presentation)
            #expect(abs((pane.schedule.times.last ?? 0) - 6) < 0.001, "\(planned.presentation!) ends at 6 s")
            #expect(abs((pane.schedule.times.first ?? 0) - 0.5) < 1e-9, "the same first-token wait")
            #expect(planned.e2e == 6 && planned.ttft == 0.5)
        }
        // The staged pane writes the outline too, so it decodes faster to be done at the same time.
        let staged = try #require(trial.panes.first { $0.presentation == .staged })
        let stream = try #require(trial.panes.first { $0.presentation == .stream })
        #expect(staged.rate > stream.rate * 1.1)
        #expect(s.panes[staged.position].stageCount > 0)
        // Until the end a held answer shows nothing; at the end every pane shows the whole answer.
        let blocking = try #require(trial.panes.first { $0.presentation == .blocking })
        #expect(s.panes[blocking.position].visibleCount(elapsed: 5.9) == 0)
        #expect(s.panes[stream.position].visibleCount(elapsed: 5.9) > 0)
        #expect(s.allDone(now: 16.01) && !s.allDone(now: 15.9))
    }

    @Test func positionsAreShuffledBySeedAndTheE2EListCycles() {
        var s = Self.session(presentations: [.stream, .blocking, .progress], e2es: [4, 8, 16], trials: 5)
        var orders: [[Presentation]] = []
        var times: [Double] = []
        Self.start(&s, now: 0)
        while s.phase != .finished {
            if s.phase == .ready { reduce(&s, .proceed, now: 0) }
            orders.append(s.trial!.panes.map { $0.presentation! })
            times.append(s.trial!.panes[0].e2e!)
            reduce(&s, .answerNow, now: 1)
            reduce(&s, .noDifference, now: 1)
            reduce(&s, .confirm, now: 1)
            for _ in 0..<3 { reduce(&s, .rate(3), now: 1) }
        }
        #expect(times == [4, 4, 8, 16, 4, 8], "practice at the first E2E, then trial n at e2es[(n-1) % 3]")
        #expect(Set(orders.map { $0.map(\.rawValue).joined() }).count > 1, "positions change between trials")
        #expect(s.records.allSatisfy { $0.estimate == nil }, "no estimator in present mode")
        var again = Self.session(presentations: [.stream, .blocking, .progress], e2es: [4, 8, 16], trials: 5)
        Self.start(&again, now: 0)
        #expect(again.trial!.panes.map(\.presentation) == orders[0].map { $0 }, "the same seed, the same order")
    }

    @Test func withStagedOnlySamplesWithAnOutlineAreShown() {
        let s = Self.session()
        #expect(s.samples.map(\.id) == ["fixture-chat-outlined"])
        let plain = Self.session(presentations: [.stream, .blocking])
        #expect(plain.samples.map(\.id) == ["fixture-chat", "fixture-chat-outlined", "fixture-chat-2"])
        #expect(PresentTiming.samples([Fixtures.chat], task: .chat, presentations: [.stream, .staged]).isEmpty)
    }

    @Test func anE2EThatNoRateReachesIsNamed() throws {
        let short = try #require(
            PresentTiming.problem(e2e: 0.5001, ttft: 0.5, sample: Fixtures.chat, presentation: .stream))
        #expect(short.contains("too short") && short.contains("fixture-chat") && short.contains("5000 tok/s"))
        let long = try #require(
            PresentTiming.problem(e2e: 600, ttft: 0.5, sample: Fixtures.chat, presentation: .stream))
        #expect(long.contains("too long"))
        #expect(PresentTiming.problem(e2e: 8, ttft: 0.5, sample: Fixtures.chat, presentation: .stream) == nil)
        // An agent sample waits for its tools too; the rate still lands the last token on time.
        let rate = PresentTiming.rate(
            e2e: 20, ttft: 0.5, sample: Fixtures.agent, presentation: .progress, jitter: 0, seed: 1)
        var pane = PaneState(
            id: 0, profile: Profile(rate: rate, firstToken: .fixed(0.5)), seed: 1, tokens: Fixtures.agent.tokens(),
            promptTokens: Fixtures.agent.promptTokenCount, task: .agent, origin: 0)
        pane.present(.progress, answer: Fixtures.agent.tokens(), task: .agent)
        #expect(abs((pane.schedule.times.last ?? 0) - 20) < 0.001)
    }

    @Test func theLineRecordsEachPanesPresentationAndTheE2EAndReadsBack() throws {
        var s = Self.session(presentations: [.blocking, .stream], e2es: [8], trials: 1)
        Self.start(&s, now: 0)
        reduce(&s, .answerNow, now: 9)
        reduce(&s, .choose(1), now: 9)
        reduce(&s, .choose(1), now: 9)
        reduce(&s, .confirm, now: 9)
        reduce(&s, .rate(2), now: 9)
        let effects = reduce(&s, .rate(5), now: 10)
        guard case .record(let record)? = effects.first else {
            Issue.record("no record")
            return
        }
        #expect(record.mode == .present && record.estimate == nil)
        let line = try record.jsonLine()
        #expect(line.contains("\"mode\":\"present\"") && line.contains("\"e2e\":8"))
        #expect(line.contains("\"presentation\":\"blocking\"") && line.contains("\"presentation\":\"stream\""))
        let (back, warnings) = ResultsFile.parse(line, source: "f")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(back.first?.panes.map(\.presentation) == record.panes.map(\.presentation))
        #expect(back.first?.panes.allSatisfy { $0.e2e == 8 } == true)

        // A present line that lost its presentation, or whose panes disagree on the E2E, is named.
        var broken = record
        broken.panes[0].presentation = nil
        broken.panes[1].e2e = 4
        let (_, problems) = ResultsFile.parse(try broken.jsonLine(), source: "f")
        #expect(problems.first?.contains("pane A has no presentation") == true, "\(problems)")
        #expect(problems.first?.contains("e2e differ") == true)
        // A rate line never carries them.
        var rate = record
        rate.mode = .rate
        #expect(rate.problem?.contains("only present mode records") == true)
    }
}

/// The report's comparison of presentations: per presentation, and paired within trials.
@Suite struct PresentComparisonTests {
    /// A trial showing stream (A) and blocking (B) with the given answers.
    static func trial(
        _ n: Int, participant: String = "p1", accepted: [String], ratings: (Int, Int), faster: String?,
        e2e: Double = 8
    ) -> TrialRecord {
        TrialRecord(
            participant: participant, task: .chat, mode: .present, trial: n, trials: 10, practice: false, seed: 3,
            sample: "s",
            panes: [
                TrialPane(label: "A", position: 0, probe: 0, rate: 30, ttft: 0.5, presentation: .stream, e2e: e2e),
                TrialPane(label: "B", position: 1, probe: 1, rate: 30, ttft: 0.5, presentation: .blocking, e2e: e2e),
            ],
            answers: TrialAnswers(faster: faster, accepted: accepted, ratings: ["A": ratings.0, "B": ratings.1]),
            watchSeconds: 9, answerSeconds: 2, aborted: 0, estimate: nil)
    }

    static let records = [
        trial(1, accepted: ["A"], ratings: (4, 2), faster: "A"),
        trial(2, accepted: ["A", "B"], ratings: (5, 3), faster: "A"),
        trial(3, accepted: ["A"], ratings: (4, 1), faster: "same"),
        trial(4, accepted: [], ratings: (3, 3), faster: "B"),
    ]

    @Test func perPresentationSharesRatingsAndWins() throws {
        let c = PresentComparison(records: Self.records)
        #expect(c.presentations.map(\.presentation) == [.stream, .blocking])
        let stream = c.presentations[0]
        #expect(stream.shown == 4 && stream.accepted == 3 && stream.fasterWins == 2 && stream.fasterAsked == 4)
        #expect(stream.acceptance.value == 0.75)
        // Wilson 95 % for 3 of 4: 0.301–0.954.
        #expect(
            abs((stream.acceptance.low ?? 0) - 0.3006) < 0.001 && abs((stream.acceptance.high ?? 0) - 0.9544) < 0.001)
        let rating = try #require(stream.rating)
        #expect(rating.value == 4)
        // Mean 4, sd 0.816, n 4: ± 3.182 × 0.408 = 1.30.
        #expect(abs((rating.low ?? 0) - 2.701) < 0.01 && rating.high == 5, "kept within the scale")
        // 0 of n still has an interval above 0.
        let none = PresentComparison(records: [Self.records[3]])
        #expect(none.presentations[0].acceptance.value == 0 && (none.presentations[0].acceptance.high ?? 0) > 0.7)
        #expect(none.presentations[0].rating?.low == nil, "one rating has no interval")
    }

    @Test func pairsAreDifferencesWithinTrialsWithASeededBootstrap() throws {
        let c = PresentComparison(records: Self.records)
        let d = try #require(c.differences.first)
        #expect(d.a == .stream && d.b == .blocking && d.trials == 4)
        #expect(d.fasterA == 2 && d.fasterB == 1 && d.neither == 1)
        let rating = try #require(d.rating)
        #expect(rating.value == 1.75)  // (2 + 2 + 3 + 0) / 4
        #expect(
            (rating.low ?? 9) >= 0 && (rating.low ?? 9) <= 1.75 && (rating.high ?? 0) >= 1.75 && (rating.high ?? 9) <= 3
        )
        #expect(try #require(d.acceptance).value == 0.5)  // 1, 0, 1, 0
        #expect(PresentComparison(records: Self.records) == c, "the same file, the same intervals")
        // A pair seen in one trial has a difference but no interval.
        let one = PresentComparison(records: [Self.records[0]])
        #expect(one.differences[0].rating?.value == 2 && one.differences[0].rating?.low == nil)
    }

    @Test func theReportGroupsPresentTrialsByE2EAndLeavesRateGroupsAlone() {
        let rate = PerceptionResultsTests.record(participant: "r", trial: 1, panes: [(10, false), (40, true)])
        let records = Self.records + [Self.trial(5, accepted: ["A"], ratings: (4, 2), faster: "A", e2e: 16), rate]
        let report = PerceptionReport(records: records)
        // Chat before code; within a task by mode, then E2E.
        #expect(report.groups.map(\.mode) == [.present, .present, .rate])
        #expect(report.groups.map(\.e2e) == [8, 16, nil])
        #expect(report.groups[0].present?.presentations.first?.shown == 4)
        #expect(report.groups[2].present == nil && !report.groups[2].participants.isEmpty)
        #expect(report.groups[0].curve.isEmpty && report.groups[0].overall == nil)
    }
}
