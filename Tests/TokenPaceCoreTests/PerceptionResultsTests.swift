import Foundation
import Testing
import TokenPaceCore

@Suite struct PerceptionResultsTests {
    static func record(participant: String, trial: Int, panes: [(Double, Bool)], practice: Bool = false) -> TrialRecord
    {
        let labelled = panes.enumerated().map { i, p in
            TrialPane(label: TrialPane.label(position: i), position: i, probe: i, rate: p.0, ttft: 0.3)
        }
        return TrialRecord(
            participant: participant, task: .code, mode: .rate, trial: trial, trials: 10, practice: practice, seed: 7,
            sample: "s", panes: labelled,
            answers: TrialAnswers(
                faster: "A", accepted: labelled.filter { panes[$0.position].1 }.map(\.label), ratings: [:]),
            watchSeconds: 1, answerSeconds: 1, aborted: 0, estimate: nil)
    }

    @Test func aRecordIsOneLineOfJSONThatReadsBack() throws {
        let r = Self.record(participant: "p\"1\nx", trial: 3, panes: [(12.3456789, true), (30, false)])
        let line = try r.jsonLine()
        #expect(line.hasSuffix("\n"))
        #expect(line.dropLast().contains("\n") == false)
        let (back, warnings) = ResultsFile.parse(line, source: "f")
        #expect(warnings.isEmpty)
        #expect(back.first?.participant == r.participant)
        #expect(back.first?.panes[0].rate == 12.346)
        for key in [
            "\"participant\"", "\"trial\":3", "\"practice\":false", "\"seed\":7", "\"sample\"", "\"position\"",
            "\"rate\"", "\"ttft\"", "\"watch_s\"", "\"answer_s\"", "\"answers\"",
        ] {
            #expect(line.contains(key), "line has \(key)")
        }
    }

    @Test func aTornLastLineIsSkippedWithAWarning() throws {
        let a = try Self.record(participant: "a", trial: 1, panes: [(10, true)]).jsonLine()
        let b = try Self.record(participant: "a", trial: 2, panes: [(20, true)]).jsonLine()
        let torn = a + b + String(b.prefix(40))
        let (records, warnings) = ResultsFile.parse(torn, source: "r.jsonl")
        #expect(records.count == 2)
        #expect(warnings == ["r.jsonl:3: skipped a torn last line (the session stopped mid-write): not valid JSON"])
        let (_, middle) = ResultsFile.parse("{oops}\n" + a, source: "r.jsonl")
        #expect(middle == ["r.jsonl:1: skipped a line that is not a complete trial record: not valid JSON"])
    }

    /// A valid line with one value replaced, through JSON, so each bad line is otherwise well formed.
    static func edited(_ line: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        edit(&object)
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func editPane(_ o: inout [String: Any], _ key: String, _ value: Any) {
        var panes = o["panes"] as! [[String: Any]]
        panes[0][key] = value
        o["panes"] = panes
    }

    static func editAnswer(_ o: inout [String: Any], _ key: String, _ value: Any) {
        var answers = o["answers"] as! [String: Any]
        answers[key] = value
        o["answers"] = answers
    }

    @Test func linesWithImpossibleValuesAreSkippedWithWhatIsWrong() throws {
        var good = Self.record(participant: "a", trial: 1, panes: [(10, true), (30, false)])
        good.answers.ratings = ["A": 4, "B": 2]
        let line = String(try good.jsonLine().dropLast())
        let bad: [(String, String)] = [
            (try Self.edited(line) { Self.editPane(&$0, "rate", -5) }, "pane A rate -5 is not a rate"),
            (try Self.edited(line) { Self.editPane(&$0, "rate", 0) }, "pane A rate 0 is not a rate"),
            (try Self.edited(line) { Self.editPane(&$0, "rate", 1e300) }, "pane A rate"),
            (try Self.edited(line) { Self.editPane(&$0, "ttft", -1) }, "pane A ttft -1 is not a wait"),
            (try Self.edited(line) { Self.editPane(&$0, "rate", "fast") }, "\"panes[0].rate\" is not a number"),
            (
                try Self.edited(line) { Self.editAnswer(&$0, "ratings", ["A": 9, "B": 2]) },
                "answers.ratings A is 9, not 1–5"
            ),
            (
                try Self.edited(line) { Self.editAnswer(&$0, "accepted", ["Z"]) },
                "answers.accepted has \"Z\", not among the panes"
            ),
            (
                try Self.edited(line) { Self.editAnswer(&$0, "faster", "Q") },
                "answers.faster \"Q\" is not one of the panes"
            ),
            (try Self.edited(line) { $0["watch_s"] = -2 }, "watch_s -2 is not a duration"),
            (try Self.edited(line) { $0["trial"] = 40 }, "trial 40 is not within 0…10"),
            (try Self.edited(line) { $0["mode"] = "speed" }, "\"mode\" is not rate, ttft or present"),
            (try Self.edited(line) { $0.removeValue(forKey: "panes") }, "missing \"panes\""),
            (try Self.edited(line) { $0["panes"] = [] as [Any] }, "panes is empty"),
            (
                try Self.edited(line) { Self.editPane(&$0, "rate", 500) },
                "pane A rate 500 is outside the rate mode's range 1–300"
            ),
            (try Self.edited(line) { $0["estimate"] = ["threshold": 5, "low": 9, "high": 12] }, "estimate 5 (9–12)"),
        ]
        let text =
            ([line] + bad.map(\.0) + [line.replacingOccurrences(of: "\"trial\":1", with: "\"trial\":2")])
            .joined(separator: "\n") + "\n"
        let (records, warnings) = ResultsFile.parse(text, source: "r.jsonl")
        #expect(records.map(\.trial) == [1, 2], "the good lines around the bad ones are kept")
        #expect(warnings.count == bad.count)
        for (i, (w, expected)) in zip(warnings, bad.map(\.1)).enumerated() {
            #expect(w.hasPrefix("r.jsonl:\(i + 2): skipped"), "\(w)")
            #expect(w.contains(expected), "\(w) says \(expected)")
        }
        // Nothing read from a file can stop the report: it is built from what is left.
        let report = PerceptionReport(records: records, warnings: warnings)
        #expect(report.groups.first?.trials == 2)
        #expect(report.warnings.count == bad.count)
    }

    @Test func reportPoolsPeopleSkipsPracticeAndRepeats() throws {
        var records: [TrialRecord] = []
        // p1 accepts 20 tok/s and up; p2 accepts 40 and up.
        for (name, cut) in [("p1", 20.0), ("p2", 40.0)] {
            for t in 1...10 {
                let panes = [8.0, 15, 25, 35, 60].map { ($0 * (1 + Double(t % 3) * 0.05), $0 >= cut) }
                records.append(Self.record(participant: name, trial: t, panes: panes))
            }
        }
        records.append(Self.record(participant: "p1", trial: 0, panes: [(2, true)], practice: true))
        records.append(records[0])
        let report = PerceptionReport(records: records)
        #expect(report.warnings == ["skipped a repeated line: participant p1, trial 1"])
        let g = try #require(report.groups.first)
        #expect(g.trials == 20)
        #expect(g.participants.map(\.participant) == ["p1", "p2"])
        let p1 = g.participants[0]
        let p2 = g.participants[1]
        #expect(p1.low < p1.threshold && p1.threshold < p1.high)
        #expect(p1.threshold > 15 && p1.threshold < 25)
        #expect(p2.threshold > 25 && p2.threshold < 60)
        let o = try #require(g.overall)
        #expect(o.participants == 2)
        #expect(abs(o.threshold - (p1.threshold * p2.threshold).squareRoot()) < 1e-9, "geometric mean")
        #expect(o.low < p1.threshold && o.high > p2.threshold)
        #expect(g.curve.allSatisfy { $0.shown > 0 || $0.accepted == 0 })
        #expect((g.curve.first?.share ?? 1) < 0.2)
        #expect((g.curve.last?.share ?? 0) > 0.8)
        #expect(g.curve.first?.judged == 0)
        #expect(g.curve.last?.judged == 1)
        #expect(!g.curve.contains { $0.low <= 2 && 2 < $0.high }, "practice speeds are not in the curve")
    }

    /// Four people with known thresholds (8, 15, 30 and 60 tok/s) run adaptive sessions; the curve
    /// must follow the true share of people who accept each speed, not the share of pane
    /// judgments (the estimator shows each person more panes near their own threshold).
    @Test func theCurveIsTheShareOfParticipantsWhoAcceptAndRisesWithSpeed() throws {
        let people: [(String, Double)] = [("p8", 8), ("p15", 15), ("p30", 30), ("p60", 60)]
        let slope = 4.0
        var records: [TrialRecord] = []
        for (i, (name, threshold)) in people.enumerated() {
            var observer = SimulatedObserver(
                threshold: log(threshold), slope: slope, lapse: 0.02, seed: 40 + UInt64(i))
            var session = PerceptionSession(
                config: PerceptionConfig(participant: name, task: .code, trials: 12, panes: 3, seed: 90 + UInt64(i)),
                samples: [Fixtures.code])
            records += runSession(&session, observer: &observer)
        }
        let g = try #require(PerceptionReport(records: records).groups.first)
        let truth = { (rate: Double) in
            people.map { Psychometric(threshold: log($0.1), slope: slope, lapse: 0).acceptProbability(log(rate)) }
                .reduce(0, +) / Double(people.count)
        }
        #expect(g.curve.count >= 5)
        var worst = 0.0
        for bin in g.curve {
            worst = max(worst, abs(bin.share - truth(bin.at)))
            print(
                "curve \(Format.fixed(bin.low, 2))–\(Format.fixed(bin.high, 2)): share \(Format.fixed(bin.share, 2)) truth \(Format.fixed(truth(bin.at), 2)) judged \(bin.accepted)/\(bin.shown)"
            )
        }
        #expect(worst < 0.15, "largest gap from the true share of people: \(worst)")
        #expect(zip(g.curve, g.curve.dropFirst()).allSatisfy { $0.share <= $1.share + 1e-12 }, "rises with speed")
        let middle = try #require(g.curve.first { $0.low == 20 })
        #expect(abs(middle.share - truth(middle.at)) < 0.15)
    }

    /// Jitter changes the stimulus, so it is in every line and the report pools it separately.
    @Test func jitterIsRecordedAndPooledSeparately() throws {
        var session = PerceptionSession(
            config: PerceptionConfig(participant: "j", task: .code, trials: 2, panes: 2, seed: 3, jitter: 0.25),
            samples: [Fixtures.code])
        var observer = SimulatedObserver(threshold: log(20), slope: 3, lapse: 0.02, seed: 1)
        let records = runSession(&session, observer: &observer)
        let line = try #require(try records.first?.jsonLine())
        #expect(line.contains("\"jitter\":0.25"))
        #expect(ResultsFile.parse(line, source: "f").records.first?.jitter == 0.25)
        let plain = Self.record(participant: "j", trial: 1, panes: [(10, true), (30, true)])
        #expect(
            try ResultsFile.parse(
                String(plain.jsonLine()).replacingOccurrences(of: "\"jitter\":0,", with: ""), source: "old"
            ).records.first?.jitter == 0, "older lines without jitter read as 0")
        let report = PerceptionReport(records: records + [plain])
        #expect(report.groups.map(\.jitter) == [0, 0.25])
        let bad = line.replacingOccurrences(of: "\"jitter\":0.25", with: "\"jitter\":-1")
        #expect(ResultsFile.parse(bad, source: "f").warnings.first?.contains("jitter -1 is not a fraction") == true)
    }

    /// Seeds stay within 2^53−1, so a JSON reader that holds numbers as doubles reads them exactly,
    /// and the line says which --seed repeats the session.
    @Test func seedsFitADoubleAndTheLineSaysHowToRepeatTheSession() throws {
        for name in ["p07", "a-much-longer-participant-name", "ü"] {
            for option in [UInt64(0), 1, 42, PerceptionConfig.maxSeed] {
                let seed = PerceptionConfig.seed(participant: name, option: option)
                #expect(seed <= PerceptionConfig.maxSeed)
                #expect(UInt64(exactly: Double(seed)) == seed)
                #expect(seed == PerceptionConfig.seed(participant: name, option: option), "repeatable")
            }
        }
        let config = PerceptionConfig(
            participant: "p07", task: .code, trials: 1, panes: 2,
            seed: PerceptionConfig.seed(participant: "p07", option: 1),
            seedOption: 1)
        var session = PerceptionSession(config: config, samples: [Fixtures.code])
        var observer = SimulatedObserver(threshold: log(20), slope: 3, lapse: 0.02, seed: 1)
        let line = try #require(try runSession(&session, observer: &observer).first?.jsonLine())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let seed = try #require(object["seed"] as? NSNumber)
        #expect(UInt64(exactly: seed.doubleValue) == config.seed, "read as a double, the seed is exact")
        #expect((object["seed_option"] as? NSNumber)?.intValue == 1)
        let big = line.replacingOccurrences(of: "\"seed\":\(config.seed)", with: "\"seed\":8709311976802656339")
        #expect(ResultsFile.parse(big, source: "f").warnings.first?.contains("above 2^53−1") == true)
    }
}
