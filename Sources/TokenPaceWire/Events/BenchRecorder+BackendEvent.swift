import TokenPaceCore

extension BenchRecorder {
    /// Feeds one backend event: tokens with their arrival times, the server's own counts and clocks.
    public mutating func record(_ event: BackendEvent) {
        switch event {
        case .token(let e): token(e)
        case .usage(let u):
            usage(completionTokens: u.completionTokens)
            promptUsage(promptTokens: u.promptTokens, cachedTokens: u.cachedTokens)
        case .serverTimings(let t):
            // No rate from fewer than two tokens (ServerFigures says when there is one).
            let figures = ServerFigures(
                promptTokens: t.promptTokens, promptMs: t.promptMs, predictedTokens: t.predictedTokens,
                predictedMs: t.predictedMs)
            serverTimings(promptMs: t.promptMs, decodeRate: figures.predictedPerSecond)
        case .finished(let reason): finish(reason: reason)
        case .failed(let error): fail(error.description)
        }
    }
}
