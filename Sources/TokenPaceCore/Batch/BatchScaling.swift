import Foundation

/// How much of its lone decode rate each slot keeps while `a` slots of a batch decode together.
///
/// Batched decoding reads the weights once per step for every user, so the box's total rate grows
/// with the batch while each user's rate falls a little: the step also reads every user's KV cache
/// and, at larger batches, does more arithmetic.
public enum BatchScaling: Sendable, Equatable {
    /// Each doubling of the active slots keeps this share of the per-slot rate (`--batch-efficiency`).
    case perDoubling(Double)
    /// The per-slot rate at a = 1, 2, 3… active slots over the rate of one (a hardware estimate's
    /// batch table); beyond the table the last ratio holds.
    case table([Double])

    /// Default share kept per doubling for `sim:` panes: the hardware estimate for Llama 3.1 8B F16 on
    /// an A100 80GB at an 8k context goes from 62.7 tok/s at one user to 42.4 tok/s at eight, 0.88 per
    /// doubling (the same model reproduces the published vLLM serving checks within 8%:
    /// `tokenpace estimate --checks`).
    public static let defaultEfficiency = 0.88
    public static let `default` = BatchScaling.perDoubling(defaultEfficiency)

    /// Accepted `--batch-efficiency` values (0 would stop a batch; above 1 slots would speed up).
    public static let efficiencyRange: ClosedRange<Double> = 0.05...1

    /// The per-slot rate with `active` slots decoding, over the rate of a slot alone.
    public func factor(active: Int) -> Double {
        let a = max(1, active)
        switch self {
        case .perDoubling(let f): return pow(f, log2(Double(a)))
        case .table(let ratios):
            guard !ratios.isEmpty else { return 1 }
            return ratios[min(a, ratios.count) - 1]
        }
    }

    /// Words for the explain overlay.
    public var summary: String {
        switch self {
        case .perDoubling(let f):
            return "each slot keeps \(Format.figure(f * 100))% of its rate per doubling of the active slots"
                + " (--batch-efficiency)"
        case .table(let ratios):
            let eight = factor(active: 8)
            return
                "per-slot rate from the hardware estimate's batch table (8 slots: \(Format.figure(eight * 100))% of one;"
                + " \(ratios.count) sizes)"
        }
    }
}
