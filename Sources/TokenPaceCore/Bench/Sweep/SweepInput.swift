import Foundation

/// Parsers for the sweep options; each error names the option and the piece that is wrong.
public enum SweepInput {
    /// `--concurrency 1,4,16` → [1, 4, 16]: whole numbers from 1 to 256, each once.
    public static func concurrency(_ text: String) throws(ValueError) -> [Int] {
        var out: [Int] = []
        for piece in try pieces(text, option: "--concurrency", example: "1,4,16") {
            guard let k = Int(piece), (1...256).contains(k) else {
                throw ValueError("--concurrency \"\(text)\": \"\(piece)\" is not a whole number from 1 to 256")
            }
            guard !out.contains(k) else { throw ValueError("--concurrency \"\(text)\": \(k) is given twice") }
            out.append(k)
        }
        return out
    }

    /// `--request-rate 0.5,2` (requests per second, `/s` allowed) → [0.5, 2]; each above 0, at most 1000.
    public static func requestRates(_ text: String) throws(ValueError) -> [Double] {
        var out: [Double] = []
        for piece in try pieces(text, option: "--request-rate", example: "2 or 0.5,1,2") {
            var number = Substring(piece)
            for suffix in ["/s", "rps"] where number.hasSuffix(suffix) { number = number.dropLast(suffix.count) }
            guard let r = Double(number), r.isFinite, r > 0, r <= 1000 else {
                throw ValueError(
                    "--request-rate \"\(text)\": \"\(piece)\" is not a rate above 0 and at most 1000 requests/s")
            }
            out.append(r)
        }
        return out
    }

    /// `--depth 0,2k,8k,16k` → [0, 2048, 8192, 16384] tokens of context before the prompt; `k` = 1024
    /// because context windows are counted that way. At most 1M tokens.
    public static func depths(_ text: String) throws(ValueError) -> [Int] {
        var out: [Int] = []
        for piece in try pieces(text, option: "--depth", example: "0,2k,8k,16k") {
            let lower = piece.lowercased()
            let scale = lower.hasSuffix("k") ? 1024 : 1
            let digits = scale == 1 ? Substring(lower) : lower.dropLast()
            guard let n = Int(digits), n >= 0, n * scale <= 1_048_576 else {
                throw ValueError(
                    "--depth \"\(text)\": \"\(piece)\" is not a token count (e.g. 0, 2000, 2k; at most 1024k)")
            }
            out.append(n * scale)
        }
        return out
    }

    private static func pieces(_ text: String, option: String, example: String) throws(ValueError) -> [String] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmedSpaces) }
        guard !text.trimmedSpaces.isEmpty else { throw ValueError("\(option) is empty; give e.g. \(example)") }
        if let empty = parts.firstIndex(of: "") {
            throw ValueError("\(option) \"\(text)\": item \(empty + 1) is empty")
        }
        return parts
    }
}

/// Service-level objective for goodput: a request counts when it finished and met every bound given.
public struct SLO: Sendable, Equatable {
    public var ttft: Double?
    /// Bound on the request's 90th-percentile inter-token gap.
    public var itl: Double?
    public var e2e: Double?

    public init(ttft: Double? = nil, itl: Double? = nil, e2e: Double? = nil) {
        self.ttft = ttft
        self.itl = itl
        self.e2e = e2e
    }

    /// `ttft=500ms,itl=50ms,e2e=10s`, any of the three, each once.
    public static func parse(_ text: String) throws(ValueError) -> SLO {
        var slo = SLO()
        guard !text.trimmedSpaces.isEmpty else {
            throw ValueError("--slo is empty; give e.g. ttft=500ms,itl=50ms,e2e=10s")
        }
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let piece = String(part.trimmedSpaces)
            let kv = piece.split(separator: "=", maxSplits: 1).map { String($0.trimmedSpaces) }
            guard kv.count == 2, !kv[1].isEmpty else {
                throw ValueError("--slo \"\(text)\": \"\(piece)\" is not NAME=DURATION (ttft, itl or e2e)")
            }
            let value: Double
            do {
                value = try ValueParsing.duration(kv[1])
            } catch {
                throw ValueError("--slo \"\(text)\": \"\(piece)\": \(error.description)")
            }
            guard value > 0 else { throw ValueError("--slo \"\(text)\": \"\(piece)\" must be above 0") }
            switch kv[0].lowercased() {
            case "ttft" where slo.ttft == nil: slo.ttft = value
            case "itl" where slo.itl == nil: slo.itl = value
            case "e2e" where slo.e2e == nil: slo.e2e = value
            case "ttft", "itl", "e2e": throw ValueError("--slo \"\(text)\": \(kv[0]) is given twice")
            default: throw ValueError("--slo \"\(text)\": \"\(kv[0])\" is not ttft, itl or e2e")
            }
        }
        return slo
    }

    /// Whether one stream met every bound; a failed stream, or one without the figure a bound needs,
    /// did not.
    public func met(by stream: BenchStream) -> Bool {
        guard stream.succeeded else { return false }
        let m = stream.metrics
        if let ttft, !((m.ttft ?? .infinity) <= ttft) { return false }
        if let e2e, !((m.e2e ?? .infinity) <= e2e) { return false }
        // One token has no gaps: nothing to break the bound.
        if let itl, let gap = m.itlP90, gap > itl { return false }
        return true
    }

    /// Share of `streams` (all sent requests, failed ones included) that met the objective; `nil`
    /// for none.
    public func goodput(_ streams: [BenchStream]) -> Double? {
        guard !streams.isEmpty else { return nil }
        return Double(streams.filter(met).count) / Double(streams.count)
    }

    /// `ttft ≤ 500 ms, itl p90 ≤ 50 ms, e2e ≤ 10 s`.
    public var description: String {
        var parts: [String] = []
        if let ttft { parts.append("TTFT ≤ " + Format.duration(ttft, .reading)) }
        if let itl { parts.append("ITL p90 ≤ " + Format.duration(itl, .reading)) }
        if let e2e { parts.append("E2E ≤ " + Format.duration(e2e, .reading)) }
        return parts.joined(separator: ", ")
    }
}

/// Request send times for an open-loop load: a Poisson process at `rate` requests/s, so the gaps
/// are exponential with mean 1/rate. Seeded, so a sweep sends at the same instants every time.
public enum PoissonArrivals {
    /// `count` send offsets in seconds from the start of the level; the first is at 0.
    public static func offsets(rate: Double, count: Int, seed: UInt64) -> [Double] {
        guard count > 0, rate > 0 else { return [] }
        var random = SeededRandom(seed: seed)
        var t = 0.0
        var out = [0.0]
        while out.count < count {
            // 1 − U is in (0, 1], so the log is finite.
            t += -log(1 - random.unit()) / rate
            out.append(t)
        }
        return out
    }
}
