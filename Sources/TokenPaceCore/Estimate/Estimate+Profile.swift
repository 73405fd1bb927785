extension Estimate {
    /// A simulated pane that streams like this hardware would: decode rate at an empty cache that
    /// slows as the context grows (KV reads), and a first token after prefill plus one decode step.
    public func profile(label: String? = nil) -> Profile {
        let empty = decodeModel.step(users: query.batch, context: 0)
        // rate(c) = 1 / (t0 + c × kvSeconds) = rate(0) ÷ (1 + c/1000 × 1000 × kvSeconds / t0)
        let kvSecondsPerToken = Double(query.batch) * decodeModel.kvBytesPerToken / decodeModel.bandwidth
        let slowdown = empty.computeBound ? 0 : 1000 * kvSecondsPerToken / empty.seconds
        return Profile(
            label: label ?? "\(gpu.id) · \(model.id) · \(quant.name) (est.)",
            rate: 1 / empty.seconds,
            firstToken: .prefill(rate: prefillRate, overhead: stepSeconds),
            slowdownPer1k: slowdown)
    }

    /// This hardware's pace (decode, prefill, slow-down) with every other setting of the dashboard's
    /// `base` profile: retries, speculative decoding, jitter, stalls, prompt cache.
    public func profile(label: String, base: Profile) -> Profile {
        let pace = profile(label: label)
        var p = base
        p.label = pace.label
        p.rate = pace.rate
        p.firstToken = pace.firstToken
        p.slowdownPer1k = pace.slowdownPer1k
        return p
    }
}
