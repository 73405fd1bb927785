import TokenPaceCore

extension BenchRecorder {
    /// Feeds one backend event: tokens with their arrival times, the server's own counts and clocks.
    public mutating func record(_ event: BackendEvent) {
        switch event {
        case .token(let e): token(e)
        case .usage(let u): usage(completionTokens: u.completionTokens)
        case .serverTimings(let t):
            let rate = t.predictedPerSecond ?? t.predictedTokens.flatMap { n in
                t.predictedMs.flatMap { ms in ms > 0 ? Double(n) / ms * 1000 : nil }
            }
            serverTimings(promptMs: t.promptMs, decodeRate: rate)
        case .finished: finish()
        case .failed(let error): fail(error.description)
        }
    }
}
