import Foundation
import Testing
import TokenPaceCore

@Suite struct PerceptionEstimatorTests {
    /// True thresholds spread over the range people are likely to have; slopes from fuzzy to sharp.
    static func observer(
        seed: UInt64, mode: PerceptionMode, shape: SimulatedObserver.Shape = .logistic, lapse: Double = 0.02,
        contrast: Double = 0
    ) -> SimulatedObserver {
        var rng = SeededRandom(seed: seed &* 7919 &+ 13)
        let (lo, hi): (Double, Double) = mode == .rate ? (3, 100) : (0.4, 8)
        let value = exp(log(lo) + (log(hi) - log(lo)) * rng.unit())
        let slope = 1.5 + 4.5 * rng.unit()
        return SimulatedObserver(
            threshold: mode.x(value), slope: slope, lapse: lapse, seed: seed, shape: shape, contrast: contrast)
    }

    static func coverage(
        mode: PerceptionMode, seeds: Int = 100, shape: SimulatedObserver.Shape = .logistic, lapse: Double = 0.02,
        contrast: Double = 0
    ) -> (covered: Int, medianRatio: Double) {
        var covered = 0
        var ratios: [Double] = []
        for seed in 1...UInt64(seeds) {
            var observer = observer(seed: seed, mode: mode, shape: shape, lapse: lapse, contrast: contrast)
            var session = PerceptionSession(
                config: PerceptionConfig(
                    participant: "sim\(seed)", task: .code, mode: mode, trials: 12, panes: 3, seed: seed),
                samples: [Fixtures.code])
            _ = runSession(&session, observer: &observer)
            let e = session.estimator.estimate
            if e.contains(observer.truth.threshold) { covered += 1 }
            ratios.append(exp(e.high - e.low))
        }
        ratios.sort()
        return (covered, ratios[ratios.count / 2])
    }

    /// Observers the estimator's model does not describe: other curve shapes, more slips, and
    /// answers swayed by the neighbouring panes. The interval must still hold the truth.
    @Test(arguments: [
        ("normal", SimulatedObserver.Shape.normal, 0.02, 0.0),
        ("weibull", .weibull, 0.02, 0.0),
        ("logistic, 8% lapses", .logistic, 0.08, 0.0),
        ("weibull, 8% lapses", .weibull, 0.08, 0.0),
        ("logistic, contrast 0.3", .logistic, 0.02, 0.3),
        ("normal, 6% lapses, contrast 0.3", .normal, 0.06, 0.3),
    ])
    func misspecifiedObserversAreStillCovered(
        name: String, shape: SimulatedObserver.Shape, lapse: Double, contrast: Double
    ) {
        for mode in [PerceptionMode.rate, .ttft] {
            let (covered, ratio) = Self.coverage(mode: mode, shape: shape, lapse: lapse, contrast: contrast)
            print(
                "perception coverage, \(mode.rawValue) mode, \(name): \(covered)/100 within the 95% interval; median interval high/low = \(Format.fixed(ratio, 2))"
            )
            #expect(covered >= 90, "\(name), \(mode.rawValue) mode: \(covered)/100")
        }
    }

    @Test func rateThresholdLiesInItsIntervalForAtLeast90Of100SimulatedPeople() {
        let (covered, ratio) = Self.coverage(mode: .rate)
        print(
            "perception coverage, rate mode: \(covered)/100 seeds within the 95% interval; median interval high/low = \(Format.fixed(ratio, 2))"
        )
        #expect(covered >= 90)
    }

    @Test func ttftThresholdLiesInItsIntervalForAtLeast90Of100SimulatedPeople() {
        let (covered, ratio) = Self.coverage(mode: .ttft)
        print(
            "perception coverage, ttft mode: \(covered)/100 seeds within the 95% interval; median interval high/low = \(Format.fixed(ratio, 2))"
        )
        #expect(covered >= 90)
    }

    @Test func manyAnswersNarrowTheIntervalAroundTheTruth() {
        var est = ThresholdEstimator(mode: .rate)
        let truth = Psychometric(threshold: log(20), slope: 4, lapse: 0)
        var rng = SeededRandom(seed: 5)
        for _ in 0..<100 {
            for x in est.nextStimuli(count: 3) { est.update(x: x, accepted: rng.unit() < truth.acceptProbability(x)) }
        }
        let u = est.estimate.inUnits(.rate)
        #expect(u.low < 20 && 20 < u.high)
        #expect(u.high / u.low < 1.5)
    }

    @Test func acceptingEverythingPushesTheThresholdToTheBottomOfTheRange() {
        var est = ThresholdEstimator(mode: .rate)
        for _ in 0..<10 { for x in est.nextStimuli(count: 3) { est.update(x: x, accepted: true) } }
        #expect(est.estimate.inUnits(.rate).value < 2)
    }

    @Test func stimuliAreSlowestFirstDistinctAndInRange() {
        var est = ThresholdEstimator(mode: .rate)
        for _ in 0..<40 { est.update(x: log(30), accepted: true); est.update(x: log(29), accepted: false) }
        let xs = est.nextStimuli(count: 3)
        #expect(xs == xs.sorted())
        #expect(xs[1] - xs[0] >= log(1.2) - 1e-9)
        #expect(xs.allSatisfy { PerceptionMode.rate.xRange.contains($0) })
    }

    @Test func ttftAxisRisesAsTheWaitShortens() {
        #expect(PerceptionMode.ttft.x(0.5) > PerceptionMode.ttft.x(2))
        #expect(abs(PerceptionMode.ttft.value(PerceptionMode.ttft.x(2.5)) - 2.5) < 1e-12)
    }
}
