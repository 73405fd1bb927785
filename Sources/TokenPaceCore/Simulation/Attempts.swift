/// Retries: how many tries a pane needs before its answer is accepted, and the tokens of all of them.
///
/// The verdict of each try is drawn from the pane's seed, so a run repeats exactly; the expectation
/// (E2E ÷ success rate) is shown next to what actually happened.
public enum Attempts {
    /// Number of tries (1…maxAttempts) and whether the last one was accepted.
    public static func draw(successRate: Double, maxAttempts: Int, seed: UInt64) -> (count: Int, accepted: Bool) {
        guard successRate < 1 else { return (1, true) }
        var rng = SeededRandom(seed: seed ^ 0xA77E_3B75)
        for k in 1...maxAttempts where rng.unit() < successRate {
            return (k, true)
        }
        return (maxAttempts, false)
    }

    /// The answer's tokens once per try, each try's tokens marked with its attempt number.
    public static func tokens(_ tokens: [Token], count: Int) -> [Token] {
        guard count > 1 else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count * count)
        for a in 0..<count {
            for var t in tokens {
                t.attempt = a
                out.append(t)
            }
        }
        return out
    }

    /// Expected time to a usable result: one try's E2E ÷ the chance a try is accepted.
    public static func expectedTimeToUsable(singleE2E: Double, successRate: Double) -> Double {
        singleE2E / min(max(successRate, 0.01), 1)
    }
}
