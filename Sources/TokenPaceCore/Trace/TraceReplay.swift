/// Turns a trace into arrival times for a pane. Pure arithmetic on the recorded times, so a
/// replay reproduces the recording exactly and a retimed replay keeps its shape.
public enum TraceReplay {
    /// Replay speeds `@Nx` may ask for.
    public static let speedRange: ClosedRange<Double> = 0.01...1000
    /// Latest time a replay hands out (a retimed trace of many tokens at 0.1 tok/s could go beyond any
    /// clock): 10 000 000 s, about 116 days.
    public static let maxSeconds = 10_000_000.0

    /// Seconds since the request for each event of `trace`.
    public static func times(_ trace: Trace, mode: ReplayMode) -> [Double] {
        unbounded(trace, mode: mode).map { $0.isFinite ? min(max($0, 0), maxSeconds) : maxSeconds }
    }

    private static func unbounded(_ trace: Trace, mode: ReplayMode) -> [Double] {
        let original = trace.times
        guard let first = original.first else { return [] }
        switch mode {
        case .original:
            return original
        case .speed(let factor):
            let f = clamped(speed: factor)
            return original.map { $0 / f }
        case .shifted(let ttft):
            return original.map { $0 - first + ttft }
        case .retimed(let rate, let ttft):
            let start = ttft ?? first
            let r = Profile.clampRate(rate)
            // Tokens after the first piece's own: the decode rate counts (n − 1) over (t_last − t_first).
            let after = trace.events.dropFirst().reduce(0) { $0 + max($1.count, 0) }
            let target = Double(after) / r
            let span = original[original.count - 1] - first
            if span > 0 {
                let k = target / span
                return original.map { start + ($0 - first) * k }
            }
            // No gaps to keep (one piece, or all at one instant): space tokens evenly.
            var out = [start]
            var done = 0
            for e in trace.events.dropFirst() {
                done += max(e.count, 0)
                out.append(start + Double(done) / r)
            }
            return out
        }
    }

    /// The trace as a replay in `mode` plays it: its header kept (backend, model, prompt, server,
    /// usage), the tokens at their replayed times, the end moved with them, and the replay itself
    /// recorded in `settings.replay`.
    public static func replayed(_ trace: Trace, mode: ReplayMode) -> Trace {
        guard mode != .original else { return trace }
        let times = times(trace, mode: mode)
        var out = trace
        for i in out.events.indices where i < times.count { out.events[i].t = times[i] }
        func moved(_ t: Double?) -> Double? { t.map { self.moved($0, in: trace, times: times, mode: mode) } }
        switch trace.end {
        case .finished(let t, let reason): out.end = .finished(t: moved(t) ?? 0, reason: reason)
        case .failed(var f):
            f.t = moved(f.t)
            out.end = .failed(f)
        case nil: break
        }
        if let stage = trace.header.stage, stage.pieces > 0, stage.pieces <= times.count {
            // The outline's end keeps its distance after the outline's last piece, scaled with the gaps.
            let old = trace.times[stage.pieces - 1]
            let scale =
                times.count > 1 && trace.times.last! > trace.times[0]
                ? (times[times.count - 1] - times[0]) / (trace.times.last! - trace.times[0]) : 1
            out.header.stage?.t = min(times[stage.pieces - 1] + max(0, stage.t - old) * scale, maxSeconds)
        }
        var settings = trace.header.settings.members ?? []
        settings.removeAll { $0.key == "replay" }
        settings.append(JSONValue.Member("replay", describe(mode)))
        out.header.settings = .object(settings)
        return out
    }

    /// Where a time after the last token (an end or error line at `t`) falls in a replay whose token
    /// times are `times`: the time after the last token scales with the gaps. With no tokens, a
    /// speed scales it and a TTFT replaces it.
    public static func moved(_ t: Double, in trace: Trace, times: [Double], mode: ReplayMode) -> Double {
        guard let last = trace.times.last, let first = trace.times.first, let newLast = times.last,
            let newFirst = times.first
        else {
            let alone: Double
            switch mode {
            case .speed(let f): alone = t / clamped(speed: f)
            case .shifted(let ttft), .retimed(_, let ttft?): alone = ttft
            case .original, .retimed: alone = t
            }
            return min(max(alone, 0), maxSeconds)
        }
        let span = last - first
        let scale: Double
        switch mode {
        case .original, .shifted: scale = 1
        case .speed(let f): scale = 1 / clamped(speed: f)
        case .retimed: scale = span > 0 ? (newLast - newFirst) / span : 1
        }
        return min(max(newLast + (t - last) * scale, newLast), maxSeconds)
    }

    /// A speed factor within `speedRange` (1 when it is not a number).
    static func clamped(speed f: Double) -> Double {
        f.isFinite ? min(max(f, speedRange.lowerBound), speedRange.upperBound) : 1
    }

    /// A replay mode as trace settings: `{"speed": 2}`, `{"rate": 21, "ttft_s": 0.3}`, `{"ttft_s": 0.3}`.
    public static func describe(_ mode: ReplayMode) -> JSONValue {
        switch mode {
        case .original: return .fields([("speed", .number(1))])
        case .speed(let f): return .fields([("speed", .number(f))])
        case .retimed(let rate, let ttft):
            return .fields([("rate", .number(rate)), ("ttft_s", ttft.map(JSONValue.number))])
        case .shifted(let ttft): return .fields([("ttft_s", .number(ttft))])
        }
    }

    /// "2x", "0.5x" or "2" → a replay speed within `speedRange`.
    public static func parseSpeed(_ text: String) throws(ValueError) -> Double {
        var t = Substring(text.trimmedSpaces.lowercased())
        if t.hasSuffix("x") { t = t.dropLast() }
        guard let f = Double(t), f.isFinite, speedRange.contains(f) else {
            throw ValueError("speed \"\(text)\" must be from 0.01x to 1000x, e.g. 2x")
        }
        return f
    }

    /// Reads a pane spec: `trace:PATH`, then any of `@2x` (speed), `@rate=21` (tok/s),
    /// `@ttft=0.3s`. `@rate` and `@ttft` combine; `@Nx` stands alone.
    public static func parseSpec(_ spec: String) throws(ValueError) -> (path: String, mode: ReplayMode) {
        var body = Substring(spec)
        if body.hasPrefix("trace:") { body = body.dropFirst("trace:".count) }
        var parts = body.split(separator: "@", omittingEmptySubsequences: false)
        var speed: Double?
        var rate: Double?
        var ttft: Double?
        while parts.count > 1, let last = parts.last {
            let mod = last.lowercased()
            if mod.hasSuffix("x"), Double(mod.dropLast()) != nil {
                speed = try parseSpeed(String(last))
            } else if mod.hasPrefix("rate=") {
                var v = Substring(mod.dropFirst(5))
                for suffix in ["tok/s", "t/s", "tps"] where v.hasSuffix(suffix) { v = v.dropLast(suffix.count) }
                guard let r = Double(v), r.isFinite, Profile.rateRange.contains(r) else {
                    throw ValueError("\"@\(last)\": the rate must be a number from 0.1 to 5000 tok/s")
                }
                rate = r
            } else if mod.hasPrefix("ttft=") {
                ttft = try ValueParsing.duration(String(mod.dropFirst(5)))
            } else {
                break
            }
            parts.removeLast()
        }
        let path = parts.joined(separator: "@")
        guard !path.isEmpty else { throw ValueError("trace spec \"\(spec)\" has no path (e.g. trace:run.jsonl@2x)") }
        switch (speed, rate, ttft) {
        case (nil, nil, nil): return (path, .original)
        case (let s?, nil, nil): return (path, .speed(s))
        case (nil, let r?, let t): return (path, .retimed(rate: r, ttft: t))
        case (nil, nil, let t?): return (path, .shifted(ttft: t))
        default:
            throw ValueError("trace spec \"\(spec)\": use @Nx alone, or @rate=… and/or @ttft=…")
        }
    }
}
