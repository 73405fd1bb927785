import Foundation

/// Present mode's timing: every pane of a trial is done at the same end-to-end time, so what is left
/// to compare is how each presents its answer. A pane's decode rate is the one at which its tokens (a
/// staged pane's outline first) end exactly at that time after the shared wait for the first token.
public enum PresentTiming {
    /// End-to-end times a trial may use, seconds.
    public static let e2eRange: ClosedRange<Double> = 0.5...600
    public static let defaultE2E = 8.0
    public static let defaultPresentations: [Presentation] = [.stream, .blocking, .progress]
    /// Presentations compared in one trial.
    public static let countRange = 2...4

    /// What a pane of `presentation` writes: a staged pane writes the sample's outline first.
    public static func tokens(_ sample: Sample, presentation: Presentation) -> [Token] {
        presentation == .staged ? sample.outlineTokens() + sample.tokens() : sample.tokens()
    }

    /// Request → last token for `tokens` at `rate`, as the pane's schedule would time them.
    static func e2e(rate: Double, ttft: Double, tokens: [Token], sample: Sample, jitter: Double, seed: UInt64)
        -> Double
    {
        let profile = Profile(rate: rate, firstToken: .fixed(ttft), jitter: jitter).tuned(for: sample.task)
        let schedule = Schedule.make(
            profile: profile, tokens: tokens, promptTokens: sample.promptTokenCount, seed: seed)
        return schedule.times.last ?? ttft
    }

    /// The decode rate (within `Profile.rateRange`) at which a `presentation` pane of `sample` is
    /// done at `e2e`: bisection on the log of the rate, since a faster rate always ends sooner. At
    /// the edge of the range when no rate in it gets there (`problem` says so before a session).
    public static func rate(
        e2e: Double, ttft: Double, sample: Sample, presentation: Presentation, jitter: Double, seed: UInt64
    ) -> Double {
        let tokens = tokens(sample, presentation: presentation)
        var lo = log(Profile.rateRange.lowerBound)
        var hi = log(Profile.rateRange.upperBound)
        for _ in 0..<80 {
            let mid = (lo + hi) / 2
            let end = self.e2e(rate: exp(mid), ttft: ttft, tokens: tokens, sample: sample, jitter: jitter, seed: seed)
            if end > e2e { lo = mid } else { hi = mid }
        }
        return exp((lo + hi) / 2)
    }

    /// Why `e2e` cannot be shown with a sample in a presentation (too short even at the fastest
    /// rate, too long even at the slowest), in words naming the sample; nil when it can.
    public static func problem(
        e2e: Double, ttft: Double, sample: Sample, presentation: Presentation, jitter: Double = 0, seed: UInt64 = 0
    ) -> String? {
        let r = rate(e2e: e2e, ttft: ttft, sample: sample, presentation: presentation, jitter: jitter, seed: seed)
        let tokens = tokens(sample, presentation: presentation)
        let end = self.e2e(rate: r, ttft: ttft, tokens: tokens, sample: sample, jitter: jitter, seed: seed)
        guard abs(end - e2e) > 0.001 * e2e else { return nil }
        let what = "\(Format.count(tokens.count, "token")) of \(sample.id) (\(presentation.rawValue))"
        let wait = Format.duration(ttft, .clock)
        return end > e2e
            ? "--e2e \(Format.duration(e2e, .clock)) is too short: \(what) after a \(wait) first-token wait need "
                + "more than \(Format.rate(Profile.rateRange.upperBound)) tok/s"
            : "--e2e \(Format.duration(e2e, .clock)) is too long: \(what) after a \(wait) first-token wait are done "
                + "sooner even at \(Format.rate(Profile.rateRange.lowerBound)) tok/s"
    }

    /// Samples of `task` a session comparing `presentations` can show: a staged pane needs the
    /// sample's `::: outline`, so with staged only samples that have one.
    public static func samples(_ samples: [Sample], task: TaskKind, presentations: [Presentation]) -> [Sample] {
        samples.filter { $0.task == task && (!presentations.contains(.staged) || $0.outline != nil) }
    }
}
