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

extension ReplayMode {
    /// "as recorded", "2.0x speed", "retimed to 60.0 tok/s, TTFT 0.300 s", for logs and headers.
    public var summary: String {
        switch self {
        case .original: return "as recorded"
        case .speed(let f): return "\(f)x speed"
        case .retimed(let r, let t):
            return "retimed to \(r) tok/s" + (t.map { ", TTFT \(Format.duration($0, .precise))" } ?? "")
        case .shifted(let t): return "TTFT moved to \(Format.duration(t, .precise))"
        }
    }
}
