import Foundation
import Testing
import TokenPaceCore

/// A scripted participant whose true threshold is known: accepts each pane with the chance its
/// psychometric function gives (lapses included), picks the faster pane with noise on the log
/// speed difference, and rates by how far above threshold a pane was.
///
/// The curve need not be the estimator's logistic: `shape` may be a cumulative normal or a
/// Weibull (asymmetric) curve, and `contrast` makes a pane look faster when its neighbours are
/// slower (x is judged as x + contrast × (x − mean of the trial's panes)), as people do.
struct SimulatedObserver {
    enum Shape { case logistic, normal, weibull }

    var truth: Psychometric
    var shape: Shape = .logistic
    var contrast = 0.0
    var rng: SeededRandom

    init(
        threshold x: Double, slope: Double, lapse: Double, seed: UInt64, shape: Shape = .logistic, contrast: Double = 0
    ) {
        truth = Psychometric(threshold: x, slope: slope, lapse: lapse)
        self.shape = shape
        self.contrast = contrast
        rng = SeededRandom(seed: seed)
    }

    /// Chance of accepting a pane at `x` among `xs`; `truth.threshold` is always the 50 % point
    /// (before lapses) of a pane judged alone.
    func acceptProbability(_ x: Double, among xs: [Double]) -> Double {
        let mean = xs.reduce(0, +) / Double(max(xs.count, 1))
        let d = x + contrast * (x - mean) - truth.threshold
        let core: Double
        switch shape {
        case .logistic: core = 1 / (1 + exp(-truth.slope * d))
        case .normal: core = 0.5 * erfc(-truth.slope * d / (1.7 * 2.0.squareRoot()))
        case .weibull: core = 1 - exp(-exp(truth.slope * d + log(log(2))))
        }
        return truth.lapse / 2 + (1 - truth.lapse) * core
    }

    /// The actions that answer the current trial, in the order the form asks.
    mutating func answer(_ trial: PerceptionTrial, mode: PerceptionMode) -> [PerceptionAction] {
        var actions: [PerceptionAction] = []
        let xs = trial.panes.map { mode.x($0.value(mode)) }
        if xs.count > 1 {
            let felt = xs.map { $0 + 0.3 * gaussian() }
            actions.append(.choose(felt.indices.max { felt[$0] < felt[$1] }!))
        }
        for (i, x) in xs.enumerated() where rng.unit() < acceptProbability(x, among: xs) {
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
