/// A published serving benchmark (vLLM, SGLang, TensorRT-LLM): `batch` requests of `input` prompt
/// tokens each generating `output` tokens, measured as output tokens per second in all, or a
/// batch-1 time to first token.
public struct BatchCheck: Sendable, Equatable, Codable {
    public var gpu: String
    public var model: String
    public var quant: String
    public var engine: HardwareQuery.Engine
    public var batch: Int
    public var input: Int
    public var output: Int
    /// Output tokens per second over the whole run (prefill of every prompt included).
    public var throughput: Double?
    /// Time to first token at batch 1, milliseconds.
    public var ttftMs: Double?
    public var bench: String
    public var source: String
    public var knownMiss: String?
    public var heldOut: Bool
    public var line: Int
}

/// A batch check beside the estimate for it.
public struct BatchCheckResult: Sendable, Equatable {
    public var check: BatchCheck
    public var measured: Double
    public var estimated: Double
    public var error: Double { estimated / measured - 1 }
    public var unit: String { check.throughput == nil ? "ms TTFT" : "tok/s" }
}

extension Estimate {
    /// Output tokens per second when `batch` requests of `input` prompt tokens each generate
    /// `output` tokens together: every prompt is prefilled (compute bound, one after another),
    /// then `output` steps decode the whole batch, each step reading the weights once and every
    /// user's KV cache at its depth.
    public func batchThroughput(batch: Int, input: Int, output: Int) -> Double {
        let k = max(1, batch)
        var t = Double(k * input) / prefillRate
        for j in 0..<max(output, 0) {
            t += decodeModel.step(users: k, context: input + j).seconds
        }
        return t > 0 ? Double(k * output) / t : 0
    }

    /// Seconds of one decode step for `users` users at `context` tokens of KV each.
    public func stepSeconds(users: Int, context: Int) -> Double {
        decodeModel.step(users: max(1, users), context: max(0, context)).seconds
    }
}

extension HardwareCatalog {
    public func batchCheckResults() throws(EstimateError) -> [BatchCheckResult] {
        var out: [BatchCheckResult] = []
        for c in batchChecks {
            var q = HardwareQuery(
                gpu: c.gpu, model: c.model, quant: c.quant, context: max(c.input + c.output, 1), promptTokens: c.input,
                batch: 1)
            q.engine = c.engine
            let e = try estimate(q)
            if let ttft = c.ttftMs {
                let est = (Double(c.input) / e.prefillRate + e.stepSeconds(users: 1, context: c.input)) * 1000
                out.append(BatchCheckResult(check: c, measured: ttft, estimated: est))
            } else if let thr = c.throughput {
                out.append(
                    BatchCheckResult(
                        check: c, measured: thr,
                        estimated: e.batchThroughput(batch: c.batch, input: c.input, output: c.output)))
            }
        }
        return out
    }
}
