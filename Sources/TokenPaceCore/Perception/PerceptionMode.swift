import Foundation

/// What a perception session varies between panes: the decode rate, the wait before the first token,
/// or (`present`) how the answer is presented while it is written, every pane done at the same time.
///
/// The estimator works on one axis, `x`, on which acceptance rises: ln(rate) for rates, −ln(TTFT) for
/// waits (a shorter wait is "faster"). Log scale because people judge speed by ratios, not differences.
public enum PerceptionMode: String, Sendable, Codable, CaseIterable, Hashable {
    case rate, ttft, present

    /// Values the panes may take, in the mode's unit (tok/s or seconds; for `present`, the
    /// end-to-end time every pane shares).
    public var range: ClosedRange<Double> {
        switch self {
        case .rate: return 1...300
        case .ttft: return 0.1...30
        case .present: return PresentTiming.e2eRange
        }
    }

    public var unit: String {
        switch self {
        case .rate: return "tok/s"
        case .ttft, .present: return "s"
        }
    }

    /// 0, 1, 2 for rate, ttft, present: picks a word from a list in that order.
    public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Whether an adaptive estimator picks the speeds (rate, ttft); `present` cycles fixed trials.
    public var isAdaptive: Bool { self != .present }

    /// What the threshold means, in words for reports and the closing summary.
    public var thresholdName: String {
        switch self {
        case .rate: return "slowest decode rate accepted"
        case .ttft: return "longest wait for the first token accepted"
        case .present: return "presentation accepted"
        }
    }

    /// The axis value (acceptance rises with it) for a rate or a TTFT.
    public func x(_ value: Double) -> Double {
        switch self {
        case .rate: return log(value)
        case .ttft, .present: return -log(value)
        }
    }

    /// The rate or TTFT for an axis value.
    public func value(_ x: Double) -> Double {
        switch self {
        case .rate: return exp(x)
        case .ttft, .present: return exp(-x)
        }
    }

    /// The axis range of `range`, lowest x first.
    public var xRange: ClosedRange<Double> {
        let a = x(range.lowerBound)
        let b = x(range.upperBound)
        return min(a, b)...max(a, b)
    }

    /// Practice values: far apart, so the first trial is easy and shows what varies.
    public func practiceValues(count: Int) -> [Double] {
        let (lo, hi): (Double, Double) = self == .rate ? (4, 60) : (6, 0.3)
        guard count > 1 else { return [self == .rate ? 20 : 1] }
        return (0..<count).map { i in
            exp(log(lo) + (log(hi) - log(lo)) * Double(i) / Double(count - 1))
        }
    }
}
