/// llama.cpp's `timings` object (OpenAI-compatible last chunk and native `/completion`).
struct LlamaTimings: Decodable, Sendable {
    var promptN: Int?
    var promptMs: Double?
    var predictedN: Int?
    var predictedMs: Double?
    var predictedPerSecond: Double?
    var cacheN: Int?

    static let keys = JSONKeys("prompt_n", "prompt_ms", "predicted_n", "predicted_ms", "predicted_per_second", "cache_n")

    /// The fast path's reading of the same object (nil for `null`).
    static func read(_ r: inout JSONReader) throws(JSONReadError) -> LlamaTimings? {
        var t = LlamaTimings()
        let found = try r.object(keys) { (k, r) throws(JSONReadError) in
            switch k {
            case 0: t.promptN = try r.int()
            case 1: t.promptMs = try r.double()
            case 2: t.predictedN = try r.int()
            case 3: t.predictedMs = try r.double()
            case 4: t.predictedPerSecond = try r.double()
            default: t.cacheN = try r.int()
            }
        }
        return found ? t : nil
    }

    var serverTimings: ServerTimings {
        ServerTimings(
            promptTokens: promptN, promptMs: promptMs, predictedTokens: predictedN, predictedMs: predictedMs,
            predictedPerSecond: predictedPerSecond, cachedTokens: cacheN)
    }
}
