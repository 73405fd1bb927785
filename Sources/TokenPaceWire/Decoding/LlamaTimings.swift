import TokenPaceCore

extension ServerTimings {
    /// llama.cpp's `timings` object (OpenAI-compatible last chunk and native `/completion`), in ms.
    public init(llamaTimings t: JSONValue) {
        self.init(
            promptTokens: t["prompt_n"]?.int, promptMs: t["prompt_ms"]?.number, predictedTokens: t["predicted_n"]?.int,
            predictedMs: t["predicted_ms"]?.number, predictedPerSecond: t["predicted_per_second"]?.number,
            cachedTokens: t["cache_n"]?.int)
    }

    /// Ollama's last line: counts, and durations in nanoseconds (made milliseconds here).
    public init(ollamaDurations d: JSONValue) {
        let ms = { (key: String) in d[key]?.number.map { $0 / 1e6 } }
        let count = d["eval_count"]?.int
        var rate: Double?
        if let count, let ns = d["eval_duration"]?.number, ns > 0 { rate = Double(count) / ns * 1e9 }
        self.init(
            promptTokens: d["prompt_eval_count"]?.int, promptMs: ms("prompt_eval_duration"), predictedTokens: count,
            predictedMs: ms("eval_duration"), predictedPerSecond: rate, loadMs: ms("load_duration"))
    }

    /// The server's clocks from the object a trace keeps (`StreamReport.server`), whichever server
    /// sent it: Ollama's durations are told apart by their keys.
    public init(reported json: JSONValue) {
        let ollama = ["eval_count", "eval_duration", "prompt_eval_count", "prompt_eval_duration", "load_duration"]
        if ollama.contains(where: { json[$0] != nil }) {
            self.init(ollamaDurations: json)
        } else {
            self.init(llamaTimings: json)
        }
    }
}
