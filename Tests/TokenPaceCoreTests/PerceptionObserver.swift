import TokenPaceCore
import Foundation
import Testing

/// A scripted participant whose true threshold is known: accepts each pane with the chance a
/// logistic psychometric function gives (lapses included), picks the faster pane with noise on the
/// log speed difference, and rates by how far above threshold a pane was.
struct SimulatedObserver {
    var truth: Psychometric
    var rng: SeededRandom

    init(threshold x: Double, slope: Double, lapse: Double, seed: UInt64) {
        truth = Psychometric(threshold: x, slope: slope, lapse: lapse)
        rng = SeededRandom(seed: seed)
    }

    /// The actions that answer the current trial, in the order the form asks.
    mutating func answer(_ trial: PerceptionTrial, mode: PerceptionMode) -> [PerceptionAction] {
        var actions: [PerceptionAction] = []
        let xs = trial.panes.map { mode.x($0.value(mode)) }
        if xs.count > 1 {
            let felt = xs.map { $0 + 0.3 * gaussian() }
            actions.append(.choose(felt.indices.max { felt[$0] < felt[$1] }!))
        }
        for (i, x) in xs.enumerated() where rng.unit() < truth.acceptProbability(x) {
            actions.append(.choose(i))
        }
        actions.append(.confirm)
        for x in xs {
            let level = 3 + truth.slope * (x - truth.threshold) / 2 + 0.5 * gaussian()
            actions.append(.rate(min(5, max(1, Int(level.rounded())))))
        }
        return actions
    }

    mutating func gaussian() -> Double {
        let u = max(rng.unit(), 1e-12)
        let v = rng.unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// Runs a whole session with `observer` answering; returns the session at the end and every line
/// it asked to record.
func runSession(
    _ session: inout PerceptionSession, observer: inout SimulatedObserver, start: Double = 0
) -> [TrialRecord] {
    var now = start
    var records: [TrialRecord] = []
    func step(_ a: PerceptionAction) {
        now += 0.7
        for case .record(let r) in reduce(&session, a, now: now) { records.append(r) }
    }
    step(.proceed)
    while session.phase != .finished {
        guard session.phase == .ready, let trial = session.trial else {
            Issue.record("unexpected phase \(session.phase)")
            break
        }
        step(.proceed)
        now += 5
        step(.answerNow)
        for a in observer.answer(trial, mode: session.config.mode) { step(a) }
    }
    return records
}
