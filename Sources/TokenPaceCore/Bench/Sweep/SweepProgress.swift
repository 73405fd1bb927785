/// The state of a long sweep for its progress line: streams done out of the total, and an ETA from
/// the pace so far. The caller passes the elapsed time, so the estimate is a pure function.
public struct SweepProgress: Sendable, Equatable {
    public var done = 0
    public var total: Int

    public init(total: Int) { self.total = total }

    /// Seconds left at the pace so far; `nil` before the first stream ends.
    public func eta(elapsed: Double) -> Double? {
        guard done > 0, elapsed > 0 else { return nil }
        return elapsed / Double(done) * Double(max(0, total - done))
    }

    /// `level 2/4 concurrency 4 · run 1/3 · pane B: 64 tokens, E2E 1.23 s · 12/84 streams · ETA 1m05s`.
    public func line(
        level: Int, of levels: Int, title: String, run: Int, of runs: Int, pane: String, stream: BenchStream,
        elapsed: Double
    ) -> String {
        var line = "level \(level)/\(levels) \(title) · run \(run)/\(runs) · pane \(pane): \(stream.tokens) tokens"
        if let failure = stream.failure {
            line += ", failed: \(failure)"
        } else if let e2e = stream.metrics.e2e {
            line += ", E2E \(Format.duration(e2e, .reading))"
        }
        line += " · \(done)/\(total) streams · ETA \(Format.duration(eta(elapsed: elapsed), .clock))"
        return line
    }
}
