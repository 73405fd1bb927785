/// When each token of a simulated answer appears, in seconds since the request was sent.
///
/// A pure function of (profile, tokens, prompt length, seed): the run loop never adds up sleeps,
/// so displayed times cannot drift, and a seed repeats a run exactly.
public struct Schedule: Sendable, Equatable {
    public var times: [Double]

    public init(times: [Double]) { self.times = times }

    public var count: Int { times.count }

    /// Number of tokens due at or before `elapsed` seconds since the request.
    public func dueCount(at elapsed: Double) -> Int { times.countAtOrBefore(elapsed) }

    /// Time of the next token after `elapsed`, if any.
    public func nextTime(after elapsed: Double) -> Double? {
        let i = dueCount(at: elapsed)
        return i < times.count ? times[i] : nil
    }

    public static func make(profile: Profile, tokens: [Token], promptTokens: Int, seed: UInt64) -> Schedule {
        let shape = GapShape(count: tokens.count, jitter: profile.jitter, stallChance: profile.stallChance, seed: seed)
        var times: [Double] = []
        times.reserveCapacity(tokens.count)
        var t = profile.ttft(promptTokens: promptTokens)
        var context = promptTokens + profile.systemTokens
        var pendingPrefill = 0
        var previousKind: TokenKind?
        var generated = 0
        var attemptTokens = 0
        for (i, token) in tokens.enumerated() {
            if i > 0, token.attempt != tokens[i - 1].attempt {
                // A rejected answer: the re-prompt reads the previous try and the feedback, then starts
                // generating again from its own first token.
                let feedback = 30
                let prefillTokens = profile.promptCache ? attemptTokens + feedback : context + feedback
                t += Double(prefillTokens) / profile.prefillRate + profile.stepOverhead
                context += feedback
                attemptTokens = 0
                times.append(t)
                generated += 1
                context += 1
                attemptTokens += 1
                previousKind = token.kind
                continue
            }
            if token.kind == .toolResult {
                if previousKind != .toolResult {
                    t += token.toolLatency ?? 0
                }
                pendingPrefill += 1
                context += 1
                times.append(t)
                previousKind = token.kind
                continue
            }
            if pendingPrefill > 0 {
                // The model reads the tool's output before it can go on: a prefill of the new tokens
                // (or of the whole context when the prompt cache is off).
                let prefillTokens = profile.promptCache ? pendingPrefill : context
                t += Double(prefillTokens) / profile.prefillRate + profile.stepOverhead
                pendingPrefill = 0
            }
            if generated > 0 {
                let rate = profile.decodeRate(context: context)
                t += shape.multipliers[i] / rate
                if shape.stalls[i] { t += profile.stallSeconds }
            }
            times.append(t)
            generated += 1
            context += 1
            attemptTokens += 1
            previousKind = token.kind
        }
        return Schedule(times: times)
    }

    /// A new schedule after the profile changed at `elapsed`: tokens already shown (`shown` of them)
    /// keep their times; the rest follow the new profile from the last shown token on, never earlier
    /// than `elapsed`.
    public func retimed(
        shown: Int, elapsed: Double, profile: Profile, tokens: [Token], promptTokens: Int, seed: UInt64
    ) -> Schedule {
        let fresh = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed)
        guard shown < times.count else { return self }
        var result = Array(times[0..<shown])
        result.reserveCapacity(times.count)
        let offset = shown == 0 ? 0 : times[shown - 1] - fresh.times[shown - 1]
        var shift = 0.0
        let firstNew = fresh.times[shown] + offset
        if firstNew < elapsed { shift = elapsed - firstNew }
        for i in shown..<fresh.times.count {
            result.append(fresh.times[i] + offset + shift)
        }
        return Schedule(times: result)
    }
}

/// Per-token gap multipliers (mean exactly 1 over the answer) and stall flags, fixed by the seed so
/// that a rate change keeps the same jitter shape.
struct GapShape {
    var multipliers: [Double]
    var stalls: [Bool]

    init(count: Int, jitter: Double, stallChance: Double, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var m = [Double](repeating: 1, count: count)
        var s = [Bool](repeating: false, count: count)
        let spread = min(max(jitter, 0), 0.57) * 3.0.squareRoot()
        for i in 0..<count {
            let u = rng.unit() * 2 - 1
            m[i] = 1 + spread * u
            s[i] = stallChance > 0 && rng.unit() < stallChance
        }
        if count > 1, spread > 0 {
            let mean = m[1...].reduce(0, +) / Double(count - 1)
            for i in 1..<count { m[i] /= mean }
        }
        multipliers = m
        stalls = s
    }
}
