/// Streams of the panes that need no network: computed from a schedule or read from a trace,
/// never waited for, so a bench of them is exact and instant.
public enum BenchComputed {
    /// A simulated (or hardware-estimate) pane: every token at its scheduled time.
    public static func simulated(
        profile: Profile, tokens: [Token], promptTokens: Int, seed: UInt64, task: TaskKind,
        stallThreshold: Double = StreamMetrics.defaultStallThreshold
    ) -> BenchStream {
        let schedule = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed)
        var recorder = BenchRecorder()
        for (token, t) in zip(tokens, schedule.times) {
            recorder.token(TokenEvent(text: token.text, kind: token.kind, t: t))
        }
        recorder.finish()
        return recorder.result(task: task, stallThreshold: stallThreshold)
    }

    /// A trace pane: the recorded pieces at their (possibly retimed) times, with the usage and
    /// server timings the recording kept.
    public static func trace(
        _ trace: Trace, mode: ReplayMode, task: TaskKind, stallThreshold: Double = StreamMetrics.defaultStallThreshold
    ) -> BenchStream {
        var recorder = BenchRecorder()
        for (event, t) in zip(trace.events, TraceReplay.times(trace, mode: mode)) {
            recorder.token(TokenEvent(text: event.text, kind: event.kind, t: t, count: event.count))
        }
        let usage = trace.header.usage
        if let n = usage?["completion_tokens"]?.int ?? usage?["output_tokens"]?.int ?? usage?["eval_count"]?.int {
            recorder.usage(completionTokens: n)
        }
        let server = trace.header.server
        recorder.serverTimings(
            promptMs: server["prompt_ms"]?.number, decodeRate: server["predicted_per_second"]?.number)
        switch trace.end {
        case .failed(let failure):
            recorder.fail(failure.summary)
        case .finished, nil:
            recorder.finish()
        }
        return recorder.result(task: task, stallThreshold: stallThreshold)
    }

    /// The answer cut to at most `maxTokens` generated tokens, as a server with that `max_tokens`
    /// would stop.
    public static func answer(_ tokens: [Token], maxTokens: Int?) -> [Token] {
        guard let maxTokens else { return tokens }
        var out: [Token] = []
        var generated = 0
        for token in tokens {
            if token.kind.isGenerated {
                guard generated < maxTokens else { break }
                generated += 1
            }
            out.append(token)
        }
        return out
    }
}
