import Foundation
import Testing
import TokenPaceCore

@Suite struct PerceptionSessionTests {
    static func session(
        trials: Int = 3, panes: Int = 3, practice: Bool = true, mode: PerceptionMode = .rate, seed: UInt64 = 42
    )
        -> PerceptionSession
    {
        PerceptionSession(
            config: PerceptionConfig(
                participant: "p01", task: .chat, mode: mode, trials: trials, panes: panes, seed: seed,
                practice: practice),
            samples: [Fixtures.chat, Fixtures.code, Fixtures.chat2])
    }

    /// Answers the current trial: A faster, A accepted, every pane rated 3.
    static func answerAll(_ s: inout PerceptionSession, now: Double) -> [PerceptionEffect] {
        var effects: [PerceptionEffect] = []
        if s.panes.count > 1 { effects += reduce(&s, .choose(0), now: now) }
        effects += reduce(&s, .choose(0), now: now)
        effects += reduce(&s, .confirm, now: now)
        for _ in s.panes { effects += reduce(&s, .rate(3), now: now + 2) }
        return effects
    }

    @Test func practiceThenCountedTrialsThenSummary() throws {
        var s = Self.session(trials: 2)
        #expect(s.phase == .instructions)
        reduce(&s, .proceed, now: 0)
        #expect(s.phase == .ready)
        #expect(s.trial?.practice == true)
        #expect(s.trial?.number == 0)
        reduce(&s, .proceed, now: 1)
        #expect(s.phase == .streaming)
        #expect(s.panes.count == 3)
        #expect(s.panes.map(\.label) == ["A", "B", "C"])
        reduce(&s, .answerNow, now: 4)
        #expect(s.phase == .answering(.faster))
        let effects = Self.answerAll(&s, now: 6)
        guard case .record(let practice) = effects.first else {
            Issue.record("no record after the last rating")
            return
        }
        #expect(practice.practice)
        #expect(practice.trial == 0)
        #expect(practice.estimate == nil)
        #expect(abs(practice.watchSeconds - 3) < 1e-9)
        #expect(abs(practice.answerSeconds - 4) < 1e-9)
        #expect(s.completed == 0, "practice is not counted")
        #expect(s.estimator.observations == 0, "practice answers do not move the estimate")

        for n in 1...2 {
            #expect(s.phase == .ready)
            #expect(s.trial?.number == n)
            #expect(s.trial?.practice == false)
            reduce(&s, .proceed, now: Double(10 * n))
            reduce(&s, .answerNow, now: Double(10 * n) + 2)
            let e = Self.answerAll(&s, now: Double(10 * n) + 3)
            guard case .record(let r) = e.first else {
                Issue.record("no record for trial \(n)")
                return
            }
            #expect(r.trial == n)
            #expect(r.estimate != nil)
        }
        #expect(s.phase == .finished)
        #expect(s.records.count == 3)
        #expect(s.estimator.observations == 6)
        #expect(reduce(&s, .quit, now: 40) == [.quit])
    }

    @Test func escapeAbortsWithoutRecordingAndOffersTheSameTrialAgain() {
        var s = Self.session(practice: false)
        reduce(&s, .proceed, now: 0)
        let planned = s.trial
        reduce(&s, .proceed, now: 1)
        reduce(&s, .answerNow, now: 2)
        reduce(&s, .choose(1), now: 2.5)
        #expect(reduce(&s, .abort, now: 3).isEmpty)
        #expect(s.phase == .ready)
        #expect(s.trial == planned)
        #expect(s.records.isEmpty)
        #expect(s.panes.isEmpty)
        reduce(&s, .proceed, now: 4)
        #expect(reduce(&s, .abort, now: 5).isEmpty, "abort while watching too")
        reduce(&s, .proceed, now: 6)
        reduce(&s, .answerNow, now: 7)
        let effects = Self.answerAll(&s, now: 8)
        guard case .record(let r) = effects.first else {
            Issue.record("no record")
            return
        }
        #expect(r.aborted == 2)
        #expect(r.answers.faster == "A", "answers from the aborted run are gone")
        #expect(abs(r.watchSeconds - 1) < 1e-9, "timed from the run that was answered")
    }

    @Test func backspaceStepsBackAndClearsTheRatingItLeaves() {
        var s = Self.session(practice: false, seed: 1)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .answerNow, now: 1)
        reduce(&s, .noDifference, now: 1)
        #expect(s.answers.faster == TrialAnswers.same)
        reduce(&s, .choose(2), now: 1)
        reduce(&s, .choose(0), now: 1)
        reduce(&s, .choose(2), now: 1)
        #expect(s.answers.accepted == ["A"])
        reduce(&s, .confirm, now: 1)
        reduce(&s, .rate(4), now: 1)
        #expect(s.phase == .answering(.rating(1)))
        reduce(&s, .back, now: 1)
        #expect(s.phase == .answering(.rating(0)))
        #expect(s.answers.ratings["A"] == nil)
        reduce(&s, .back, now: 1)
        #expect(s.phase == .answering(.accept))
        reduce(&s, .back, now: 1)
        #expect(s.phase == .answering(.faster))
    }

    @Test func singlePaneSkipsTheFasterQuestion() {
        var s = Self.session(panes: 1, practice: false)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .answerNow, now: 1)
        #expect(s.phase == .answering(.accept))
    }

    @Test func panesFreezeWhenTheQuestionsOpen() {
        var s = Self.session(practice: false)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 10)
        #expect(s.nextWake(after: 10) != nil)
        reduce(&s, .answerNow, now: 10.5)
        let pane = s.panes[0]
        #expect(s.elapsed(pane, now: 99) == 0.5)
        #expect(s.nextWake(after: 11) == nil)
    }

    @Test func positionsAreShuffledBySeedAndRepeatWithIt() {
        var orders = Set<[Int]>()
        for seed in UInt64(1)...20 {
            var s = Self.session(practice: false, seed: seed)
            reduce(&s, .proceed, now: 0)
            orders.insert(s.trial!.panes.map(\.probe))
            var again = Self.session(practice: false, seed: seed)
            reduce(&again, .proceed, now: 0)
            #expect(again.trial == s.trial)
        }
        #expect(orders.count >= 4, "several orders over 20 seeds")
    }

    @Test func samplesCycleAndStayWithTheTask() {
        var s = Self.session(trials: 4, practice: false)
        reduce(&s, .proceed, now: 0)
        var ids: [String] = []
        while s.phase == .ready {
            ids.append(s.trial!.sample.id)
            reduce(&s, .proceed, now: 0)
            reduce(&s, .answerNow, now: 1)
            _ = Self.answerAll(&s, now: 2)
        }
        #expect(ids == ["fixture-chat-2", "fixture-chat", "fixture-chat-2", "fixture-chat"])
    }

    @Test func ttftModeVariesOnlyTheWait() {
        var s = Self.session(practice: false, mode: .ttft)
        reduce(&s, .proceed, now: 0)
        let panes = s.trial!.panes
        #expect(Set(panes.map(\.rate)) == [40])
        #expect(Set(panes.map(\.ttft)).count == 3)
        let bySpeed = panes.sorted { $0.probe < $1.probe }.map(\.ttft)
        #expect(bySpeed == bySpeed.sorted(by: >), "probe 0 is the slowest: the longest wait")
    }

    @Test func keysMapByPhase() {
        #expect(PerceptionAction.from(key: .char(" "), phase: .ready, paneCount: 3) == .proceed)
        #expect(PerceptionAction.from(key: .enter, phase: .ready, paneCount: 3) == nil)
        #expect(PerceptionAction.from(key: .enter, phase: .streaming, paneCount: 3) == .answerNow)
        #expect(PerceptionAction.from(key: .char("q"), phase: .streaming, paneCount: 3) == nil)
        #expect(PerceptionAction.from(key: .char("C"), phase: .answering(.faster), paneCount: 3) == .choose(2))
        #expect(PerceptionAction.from(key: .char("d"), phase: .answering(.faster), paneCount: 3) == nil)
        #expect(PerceptionAction.from(key: .char("="), phase: .answering(.faster), paneCount: 3) == .noDifference)
        #expect(PerceptionAction.from(key: .enter, phase: .answering(.accept), paneCount: 3) == .confirm)
        #expect(PerceptionAction.from(key: .char("5"), phase: .answering(.rating(0)), paneCount: 3) == .rate(5))
        #expect(PerceptionAction.from(key: .char("6"), phase: .answering(.rating(0)), paneCount: 3) == nil)
        #expect(PerceptionAction.from(key: .escape, phase: .answering(.rating(1)), paneCount: 3) == .abort)
        #expect(PerceptionAction.from(key: .char("q"), phase: .ready, paneCount: 3) == .endSession)
        #expect(PerceptionAction.from(key: .ctrlC, phase: .streaming, paneCount: 3) == .quit)
    }

    @Test func endingEarlyShowsTheSummaryWithWhatWasAnswered() {
        var s = Self.session(trials: 5, practice: false)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .proceed, now: 0)
        reduce(&s, .answerNow, now: 1)
        _ = Self.answerAll(&s, now: 2)
        reduce(&s, .endSession, now: 3)
        #expect(s.phase == .finished)
        #expect(s.records.count == 1)
        #expect(s.estimate != nil)
    }

    /// Arrows scroll the card on screen and nothing else; the scroll starts over with each phase.
    @Test func arrowsScrollCardsAndANewPhaseStartsAtTheTop() {
        #expect(PerceptionAction.from(key: .down, phase: .instructions, paneCount: 3) == .scroll(1))
        #expect(PerceptionAction.from(key: .pageUp, phase: .finished, paneCount: 3) == .scroll(-8))
        #expect(PerceptionAction.from(key: .down, phase: .streaming, paneCount: 3) == nil)
        #expect(PerceptionAction.from(key: .up, phase: .answering(.accept), paneCount: 3) == nil)
        var s = Self.session()
        reduce(&s, .scroll(3), now: 0)
        #expect(s.scroll == 3)
        s.limitScroll(2)
        #expect(s.scroll == 2)
        reduce(&s, .scroll(-5), now: 0)
        #expect(s.scroll == 0)
        reduce(&s, .scroll(2), now: 0)
        reduce(&s, .proceed, now: 0)
        #expect(s.phase == .ready && s.scroll == 0)
    }
}
