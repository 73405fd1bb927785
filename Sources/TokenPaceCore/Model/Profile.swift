/// How a simulated pane behaves: the knobs of the pacing model.
public struct Profile: Sendable, Equatable {
    /// How the wait before the first token is set.
    public enum FirstToken: Sendable, Equatable {
        /// A fixed wait, in seconds.
        case fixed(Double)
        /// Prompt tokens ÷ prefill rate (tok/s) + overhead (s): long prompts wait long.
        case prefill(rate: Double, overhead: Double)
    }

    public static let rateRange: ClosedRange<Double> = 0.1...5000
    public static let jitterSteps: [Double] = [0, 0.10, 0.25, 0.50]

    public var label: String
    /// Decode rate in tokens per second.
    public var rate: Double
    public var firstToken: FirstToken
    /// Spread of inter-token gaps as a fraction of the mean gap; the mean is kept.
    public var jitter: Double
    /// Chance per token of a stall, and its length in seconds.
    public var stallChance: Double
    public var stallSeconds: Double
    /// Decode slows as context grows: rate ÷ (1 + slowdown × context / 1000).
    public var slowdownPer1k: Double
    /// Agent steps: a cached prompt prefix means only new tokens are read again after a tool result.
    public var promptCache: Bool
    /// Fixed cost per agent step besides prefill (scheduling, sampling set-up), seconds.
    public var stepOverhead: Double
    /// Chance that an answer is good enough the first time (1 = always); a rejected answer is
    /// re-prompted, up to `maxAttempts` tries in all.
    public var successRate: Double
    public var maxAttempts: Int
    /// Speculative decoding: draft tokens per step (0 = off). The speed-up depends on the task (code
    /// accepts far more drafts than prose) and is set in `speedup` when the task is known.
    public var speculativeDraft: Int
    public var speedup: Double
    /// The draft acceptance α and the cost of one draft token (share of a step) behind `speedup`.
    public var draftAcceptance: Double = 0
    public var draftCost: Double = 0
    /// Hidden instructions: a system prompt of this many tokens read before the user's prompt.
    public var systemTokens = 0
    /// The system prompt is in the prompt cache (an earlier request paid for it): not read again.
    public var systemCached = false

    /// Seconds the hidden instructions add to the first token: their prefill, unless cached.
    public var systemPrefill: Double {
        systemCached || systemTokens == 0 ? 0 : Double(systemTokens) / prefillRate
    }

    /// The decode rate after speculative decoding.
    public var effectiveRate: Double { Profile.clampRate(rate * speedup) }

    public init(
        label: String = "", rate: Double, firstToken: FirstToken = .fixed(0.5), jitter: Double = 0,
        stallChance: Double = 0, stallSeconds: Double = 0.4, slowdownPer1k: Double = 0, promptCache: Bool = true,
        stepOverhead: Double = 0.05, successRate: Double = 1, maxAttempts: Int = 3,
        speculativeDraft: Int = 0
    ) {
        self.label = label
        self.rate = Profile.clampRate(rate)
        self.firstToken = firstToken
        self.jitter = jitter
        self.stallChance = stallChance
        self.stallSeconds = stallSeconds
        self.slowdownPer1k = slowdownPer1k
        self.promptCache = promptCache
        self.stepOverhead = stepOverhead
        self.successRate = min(max(successRate, 0.01), 1)
        self.maxAttempts = max(1, maxAttempts)
        self.speculativeDraft = max(0, speculativeDraft)
        self.speedup = 1
    }

    /// Prompt-reading speed: the profile's own for `.prefill`, else a typical 20× the decode rate
    /// (prefill is compute bound and batches the whole prompt).
    public var prefillRate: Double {
        switch firstToken {
        case .prefill(let r, _): return max(r, 1e-9)
        case .fixed: return rate * 20
        }
    }

    /// Decode rate with `context` tokens in the cache: speculative speed-up, then the slow-down.
    public func decodeRate(context: Int) -> Double {
        effectiveRate / (1 + slowdownPer1k * Double(context) / 1000)
    }

    public static func clampRate(_ r: Double) -> Double {
        min(max(r, rateRange.lowerBound), rateRange.upperBound)
    }

    /// Seconds from request to first token for a prompt of `promptTokens`.
    public func ttft(promptTokens: Int) -> Double {
        switch firstToken {
        case .fixed(let s): return s + systemPrefill
        case .prefill(let r, let overhead): return Double(promptTokens) / max(r, 1e-9) + overhead + systemPrefill
        }
    }
}
