/// How a trace's times are played back.
public enum ReplayMode: Sendable, Equatable {
    /// As recorded.
    case original
    /// Everything `factor` times faster (2 = half the times, TTFT included).
    case speed(Double)
    /// A target decode rate (tok/s), and TTFT when given (else the trace's own): the gaps are
    /// scaled together, so the trace's jitter and stalls keep their shape.
    case retimed(rate: Double, ttft: Double?)
    /// The trace's own gaps, with the first token moved to `ttft` seconds.
    case shifted(ttft: Double)
}
