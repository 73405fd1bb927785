import Foundation

/// The arithmetic behind an estimate, kept so per-user rates can be asked for any batch size.
///
/// Decode is memory bound: each step streams the weights once (shared by every user in the batch)
/// plus each user's KV cache; it turns compute bound once the batch's FLOPs take longer than that.
struct DecodeModel: Sendable, Equatable {
    /// Bytes of weights one token reads (active parameters for mixture-of-experts).
    var activeWeightBytes: Double
    /// Bytes of all weights: what sits in memory.
    var totalWeightBytes: Double
    var kvBytesPerToken: Double
    /// Effective bandwidth, bytes per second (datasheet × class efficiency × quant factor).
    var bandwidth: Double
    /// Effective FLOP/s for matrix work (datasheet × class efficiency × quant factor).
    var flops: Double
    var activeParams: Double
    /// Fixed seconds per decode step.
    var overhead: Double
    /// Seconds of arithmetic a step's weight kernels need to unpack the weights (Metal K-quants),
    /// once per step whatever the batch; 0 where reading the weights is what sets their time.
    var dequantSeconds: Double = 0

    /// Weight bytes one step reads for `users` users. Dense models read every weight once; a
    /// mixture-of-experts batch touches more experts as users are added (each user's experts taken
    /// as an independent draw), up to all of them.
    func weightsRead(users: Int) -> Double {
        guard totalWeightBytes > activeWeightBytes else { return activeWeightBytes }
        let share = activeWeightBytes / totalWeightBytes
        return totalWeightBytes * (1 - pow(1 - share, Double(users)))
    }

    struct Step: Equatable {
        var seconds: Double
        var computeBound: Bool
        /// The weight kernels' unpacking arithmetic, not reading the weights, set their time.
        var dequantBound: Bool = false
    }

    /// The weights' kernels take the longer of reading the weights and unpacking them; attention
    /// then reads each user's KV cache. A big enough batch's FLOPs outlast both.
    func step(users: Int, context: Int) -> Step {
        let weights = weightsRead(users: users) / bandwidth
        let memory = max(weights, dequantSeconds) + Double(users) * kvBytesPerToken * Double(context) / bandwidth
        let compute = 2 * activeParams * Double(users) / flops
        return Step(
            seconds: max(memory, compute) + overhead, computeBound: compute > memory,
            dequantBound: compute <= memory && dequantSeconds > weights)
    }

    /// Prompt processing is compute bound: about 2 FLOPs per active parameter per token.
    var prefillRate: Double { flops / (2 * activeParams) }
}
