/// What a model would do on a device: speeds, time to first token, memory, and the lines of
/// arithmetic behind each figure so a person can see why (the estimate key shows them on screen).
///
/// Every figure is an estimate from datasheet numbers and a few shared efficiency constants.
public struct Estimate: Sendable, Equatable {
    /// One batch size: what each user sees and what the device delivers in all.
    public struct BatchRow: Sendable, Equatable, Codable {
        public var users: Int
        public var perUserRate: Double
        public var totalRate: Double
        /// True once the batch's FLOPs, not memory traffic, set the step time.
        public var computeBound: Bool
        public var vramNeededGiB: Double
        public var fits: Bool
    }

    public var gpu: GPUSpec
    public var model: ModelSpec
    public var quant: QuantSpec
    public var query: HardwareQuery

    /// Tokens per second one user sees, at `query.context` tokens of KV and `query.batch` users.
    public var decodeRate: Double
    /// Prompt tokens processed per second.
    public var prefillRate: Double
    /// Seconds from request to first token for `query.promptTokens`.
    public var ttft: Double
    /// Seconds of one decode step.
    public var stepSeconds: Double
    public var computeBound: Bool
    /// Unpacking K-quant weights (Metal), not reading them, sets the decode step's weight time.
    public var dequantBound: Bool

    public var weightsGiB: Double
    /// KV cache for every user at `query.context`.
    public var kvCacheGiB: Double
    public var runtimeOverheadGiB: Double
    public var vramNeededGiB: Double
    public var vramAvailableGiB: Double
    public var fits: Bool
    /// "fits: needs … has …" or "does not fit: needs … has …".
    public var verdict: String

    /// Per-user and total rates for 1, 2, 4, 8, 16 users (and the query's batch).
    public var batchTable: [BatchRow]
    /// Formula lines with their inputs, in reading order.
    public var explanation: [String]

    let decodeModel: DecodeModel

    public static let batchSizes = [1, 2, 4, 8, 16]

    /// Tokens per second each of `users` users sees at the query's context.
    public func perUserRate(at users: Int) -> Double {
        1 / decodeModel.step(users: max(1, users), context: query.context).seconds
    }
}

extension Estimate: Encodable {
    private enum CodingKeys: String, CodingKey {
        case note, gpu, model, quant, query, decodeRate, prefillRate, ttft, stepSeconds, computeBound, dequantBound
        case weightsGiB, kvCacheGiB, runtimeOverheadGiB, vramNeededGiB, vramAvailableGiB, fits, verdict
        case batchTable, explanation
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("estimate from datasheet figures, not a measurement", forKey: .note)
        try c.encode(gpu, forKey: .gpu)
        try c.encode(model, forKey: .model)
        try c.encode(quant, forKey: .quant)
        try c.encode(query, forKey: .query)
        try c.encode(decodeRate, forKey: .decodeRate)
        try c.encode(prefillRate, forKey: .prefillRate)
        try c.encode(ttft, forKey: .ttft)
        try c.encode(stepSeconds, forKey: .stepSeconds)
        try c.encode(computeBound, forKey: .computeBound)
        try c.encode(dequantBound, forKey: .dequantBound)
        try c.encode(weightsGiB, forKey: .weightsGiB)
        try c.encode(kvCacheGiB, forKey: .kvCacheGiB)
        try c.encode(runtimeOverheadGiB, forKey: .runtimeOverheadGiB)
        try c.encode(vramNeededGiB, forKey: .vramNeededGiB)
        try c.encode(vramAvailableGiB, forKey: .vramAvailableGiB)
        try c.encode(fits, forKey: .fits)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(batchTable, forKey: .batchTable)
        try c.encode(explanation, forKey: .explanation)
    }
}
