/// llama.cpp's `timings` object (OpenAI-compatible last chunk and native `/completion`).
struct LlamaTimings: Decodable, Sendable {
    var promptN: Int?
    var promptMs: Double?
    var predictedN: Int?
    var predictedMs: Double?
    var predictedPerSecond: Double?
    var cacheN: Int?

    var serverTimings: ServerTimings {
        ServerTimings(
            promptTokens: promptN, promptMs: promptMs, predictedTokens: predictedN, predictedMs: predictedMs,
            predictedPerSecond: predictedPerSecond, cachedTokens: cacheN)
    }
}
