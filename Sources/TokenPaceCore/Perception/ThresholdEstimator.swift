import Foundation

/// A Bayesian estimate of a person's acceptance threshold (in the spirit of QUEST and Psi): a grid
/// posterior over threshold × slope of a logistic psychometric function, updated with every
/// accept/reject answer.
///
/// Chosen over a 1-up/2-down staircase because a trial shows several panes at once: every pane's
/// answer is an observation, the posterior gives an honest interval at any point, and the next
/// trial's speeds come from where the threshold may still lie. Slope is unknown and summed out, so
/// the interval widens for people whose answers are fuzzy instead of claiming false precision.
public struct ThresholdEstimator: Sendable, Equatable {
    /// Threshold grid, on the axis (see `PerceptionMode.x`).
    public let thresholds: [Double]
    public let slopes: [Double]
    public let lapse: Double
    /// Stimuli are kept inside this axis range.
    public let stimulusRange: ClosedRange<Double>
    /// Log posterior, `thresholds.count × slopes.count`, threshold-major.
    private var logPosterior: [Double]
    public private(set) var observations: Int = 0

    /// Central credible mass of the reported interval.
    public static let credibleMass = 0.95

    public init(
        stimulusRange: ClosedRange<Double>, gridPoints: Int = 161,
        slopes: [Double] = [0.7, 1.0, 1.4, 2.0, 2.8, 4.0, 5.6, 8.0, 11.3], lapse: Double = 0.04
    ) {
        // The threshold may lie a little outside what can be shown; the grid says so instead of
        // piling all belief on the edge.
        let margin = log(1.5)
        let lo = stimulusRange.lowerBound - margin
        let hi = stimulusRange.upperBound + margin
        self.thresholds = (0..<gridPoints).map { lo + (hi - lo) * Double($0) / Double(gridPoints - 1) }
        self.slopes = slopes
        self.lapse = lapse
        self.stimulusRange = stimulusRange
        self.logPosterior = Array(repeating: 0, count: gridPoints * slopes.count)
    }

    public init(mode: PerceptionMode) {
        self.init(stimulusRange: mode.xRange)
    }

    /// Adds one answer: the person accepted (or not) a speed at axis value `x`.
    public mutating func update(x: Double, accepted: Bool) {
        var k = 0
        for a in thresholds {
            for b in slopes {
                let p = Psychometric(threshold: a, slope: b, lapse: lapse).acceptProbability(x)
                logPosterior[k] += log(accepted ? p : 1 - p)
                k += 1
            }
        }
        observations += 1
    }

    /// Posterior probability of each threshold grid point, slope summed out.
    public var thresholdPosterior: [Double] {
        let top = logPosterior.max() ?? 0
        var mass = [Double](repeating: 0, count: thresholds.count)
        var k = 0
        for i in thresholds.indices {
            for _ in slopes {
                mass[i] += exp(logPosterior[k] - top)
                k += 1
            }
        }
        let total = mass.reduce(0, +)
        return mass.map { $0 / total }
    }

    /// The chance this person accepts a speed at axis value `x`, averaged over the posterior
    /// (threshold and slope), without lapses: the fitted acceptance function. Rises with `x`.
    public func acceptance(at x: Double) -> Double {
        let top = logPosterior.max() ?? 0
        var total = 0.0
        var accepted = 0.0
        var k = 0
        for a in thresholds {
            for b in slopes {
                let w = exp(logPosterior[k] - top)
                total += w
                accepted += w * Psychometric(threshold: a, slope: b, lapse: 0).acceptProbability(x)
                k += 1
            }
        }
        return total > 0 ? accepted / total : 0.5
    }

    /// The axis value below which `q` of the posterior lies; each grid point's mass is spread
    /// evenly over its cell so quantiles move smoothly between grid points.
    public func quantile(_ q: Double) -> Double {
        let mass = thresholdPosterior
        let step = thresholds.count > 1 ? thresholds[1] - thresholds[0] : 0
        var cumulative = 0.0
        for (i, m) in mass.enumerated() {
            if cumulative + m >= q, m > 0 {
                let within = (q - cumulative) / m
                return thresholds[i] - step / 2 + within * step
            }
            cumulative += m
        }
        return thresholds.last ?? 0
    }

    /// Posterior mean threshold with its central credible interval, on the axis.
    public var estimate: ThresholdEstimate {
        let mass = thresholdPosterior
        var mean = 0.0
        for (i, m) in mass.enumerated() { mean += m * thresholds[i] }
        let tail = (1 - Self.credibleMass) / 2
        return ThresholdEstimate(x: mean, low: quantile(tail), high: quantile(1 - tail), observations: observations)
    }

    /// Axis values for the next trial's panes, slowest first: spread over the middle of the
    /// posterior (20 %…80 % quantiles) so each pane asks about a speed that is still in doubt, and at
    /// least `minimumStep` apart so the panes can be told apart.
    public func nextStimuli(count: Int, minimumStep: Double = log(1.2)) -> [Double] {
        guard count > 0 else { return [] }
        var xs: [Double]
        if count == 1 {
            xs = [quantile(0.5)]
        } else {
            xs = (0..<count).map { quantile(0.2 + 0.6 * Double($0) / Double(count - 1)) }
            let span = xs[count - 1] - xs[0]
            let needed = minimumStep * Double(count - 1)
            if span < needed {
                let centre = (xs[0] + xs[count - 1]) / 2
                xs = (0..<count).map { centre + (Double($0) - Double(count - 1) / 2) * minimumStep }
            }
        }
        let lo = stimulusRange.lowerBound
        let hi = stimulusRange.upperBound
        let width = xs[xs.count - 1] - xs[0]
        if xs[0] < lo { xs = xs.map { $0 + min(lo - xs[0], max(0, hi - lo - width)) } }
        if xs[xs.count - 1] > hi { xs = xs.map { $0 - min(xs[xs.count - 1] - hi, max(0, hi - lo - width)) } }
        return xs.map { min(max($0, lo), hi) }
    }
}

/// A threshold on the estimator's axis: posterior mean and central credible interval.
public struct ThresholdEstimate: Sendable, Equatable {
    public var x: Double
    public var low: Double
    public var high: Double
    public var observations: Int

    public init(x: Double, low: Double, high: Double, observations: Int) {
        self.x = x
        self.low = low
        self.high = high
        self.observations = observations
    }

    public func contains(_ value: Double) -> Bool { value >= low && value <= high }

    /// The threshold in the mode's unit, with its interval ordered low → high in that unit.
    public func inUnits(_ mode: PerceptionMode) -> (value: Double, low: Double, high: Double) {
        let a = mode.value(low)
        let b = mode.value(high)
        return (mode.value(x), min(a, b), max(a, b))
    }
}
