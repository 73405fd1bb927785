import Foundation

/// The chance a person accepts a speed: a logistic curve on the log axis, with lapses.
///
/// `threshold` is the axis value accepted half the time (before lapses); `slope` how sharply
/// acceptance turns from no to yes; `lapse` the share of answers given at random (a slip of the
/// finger, a moment of inattention), which keeps one odd answer from wrecking the estimate.
public struct Psychometric: Sendable, Equatable {
    public var threshold: Double
    public var slope: Double
    public var lapse: Double

    public init(threshold: Double, slope: Double, lapse: Double = 0.04) {
        self.threshold = threshold
        self.slope = slope
        self.lapse = lapse
    }

    public func acceptProbability(_ x: Double) -> Double {
        let core = 1 / (1 + exp(-slope * (x - threshold)))
        return lapse / 2 + (1 - lapse) * core
    }
}
