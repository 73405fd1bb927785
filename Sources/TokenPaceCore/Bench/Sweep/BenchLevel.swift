/// One level of a sweep: the load (concurrency or request rate) and context depth every pane ran
/// at, and what each pane measured there.
public struct BenchLevel: Sendable, Equatable {
    public enum Load: Sendable, Equatable {
        /// K streams per live pane, all started at one instant.
        case concurrency(Int)
        /// `requests` streams per live pane sent at seeded Poisson times, `rate` a second.
        case requestRate(Double, requests: Int)
    }

    public var load: Load
    /// Tokens of document before the prompt (`nil` when the sweep has no depth axis).
    public var depth: Int?
    /// Whether every request of this depth shared its prefix (`nil` without a depth axis).
    public var cache: Bool?
    public var panes: [BenchPaneResult]
    /// `walls[p][r]`: seconds from the first request of run r of pane p to its last token (`nil`
    /// when no stream of that run finished).
    public var walls: [[Double?]]
    /// The level was cut short by an interrupt: the figures are of what had finished.
    public var interrupted: Bool

    public init(
        load: Load, depth: Int? = nil, cache: Bool? = nil, panes: [BenchPaneResult], walls: [[Double?]] = [],
        interrupted: Bool = false
    ) {
        self.load = load
        self.depth = depth
        self.cache = cache
        self.panes = panes
        self.walls = walls
        self.interrupted = interrupted
    }

    /// "concurrency 4", "2 req/s", "concurrency 4 · depth 8192 cached".
    public var title: String {
        var parts: [String] = []
        switch load {
        case .concurrency(let k): parts.append("concurrency \(k)")
        case .requestRate(let r, let n): parts.append("\(Format.trimmed(r, places: 3)) req/s × \(n)")
        }
        if let depth { parts.append("depth \(depth)" + (cache.map { $0 ? " cached" : " uncached" } ?? "")) }
        return parts.joined(separator: " · ")
    }

    /// Short x-axis label for curves: "4", "2/s", "8k".
    public var axisLabel: String {
        var parts: [String] = []
        switch load {
        case .concurrency(let k): parts.append("\(k)")
        case .requestRate(let r, _): parts.append(Format.trimmed(r, places: 2) + "/s")
        }
        if let depth { parts.append(depth % 1024 == 0 && depth > 0 ? "\(depth / 1024)k" : "\(depth)") }
        return parts.joined(separator: "@")
    }

    /// Load figures of pane `p` at this level.
    public func figures(_ p: Int, slo: SLO?) -> LoadFigures {
        LoadFigures(pane: panes[p], walls: p < walls.count ? walls[p] : [], slo: slo)
    }
}

/// What a sweep reports per pane and level, beyond the per-stream table.
public struct LoadFigures: Sendable, Equatable {
    public var ttftP50: Double?
    public var ttftP90: Double?
    public var ttftP99: Double?
    /// Median per-stream decode rate: what one user sees.
    public var perUserDecode: Double?
    /// Generated tokens of every finished stream ÷ the runs' wall time: what the server delivers.
    public var throughput: Double?
    /// Median of TTFT − server prefill: network, queueing and the first decode step.
    public var queue: Double?
    /// Median server prefill (its own clock).
    public var prefill: Double?
    /// Share of all requests that met the SLO; `nil` without an SLO.
    public var goodput: Double?

    public init(pane: BenchPaneResult, walls: [Double?], slo: SLO?) {
        let ok = pane.successes
        let ttfts = ok.compactMap(\.metrics.ttft)
        ttftP50 = Percentile.of(ttfts, 0.5)
        ttftP90 = Percentile.of(ttfts, 0.9)
        ttftP99 = Percentile.of(ttfts, 0.99)
        perUserDecode = Percentile.of(ok.compactMap(\.decodeRate), 0.5)
        let wall = walls.compactMap { $0 }.reduce(0, +)
        let tokens = ok.reduce(0) { $0 + $1.tokens }
        throughput = wall > 0 && !ok.isEmpty ? Double(tokens) / wall : nil
        prefill = Percentile.of(ok.compactMap { $0.serverPrefillMs.map { $0 / 1000 } }, 0.5)
        queue = Percentile.of(
            ok.compactMap { s in
                guard let ttft = s.metrics.ttft, let ms = s.serverPrefillMs else { return nil }
                return max(0, ttft - ms / 1000)
            }, 0.5)
        goodput = slo?.goodput(pane.streams)
    }

    /// The figures in reading order, with their JSON/CSV key, unit and definition.
    public static let keys: [(key: String, unit: String, definition: String)] = [
        ("ttft_p50_s", "s", "median TTFT over the level's finished streams"),
        ("ttft_p90_s", "s", "90th percentile TTFT (nearest rank)"),
        ("ttft_p99_s", "s", "99th percentile TTFT (nearest rank)"),
        ("per_user_decode_tok_s", "tok/s", "median decode rate of one stream: the speed one user sees"),
        (
            "throughput_tok_s", "tok/s",
            "aggregate throughput: generated tokens of every finished stream ÷ the runs' wall time (first request sent → last token)"
        ),
        (
            "queue_s", "s",
            "median TTFT minus the server's own prefill time: network, queueing and the first decode step (servers that report timings)"
        ),
        ("prefill_s", "s", "median prompt processing time by the server's own clock"),
        ("goodput", "", "share of all requests (failed ones included) that met every bound of the SLO"),
    ]

    public var values: [Double?] {
        [ttftP50, ttftP90, ttftP99, perUserDecode, throughput, queue, prefill, goodput]
    }
}

/// Nearest-rank percentiles; the median of an even count is the mean of the middle two.
public enum Percentile {
    public static func of(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        if p == 0.5 { return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
        return s[min(s.count - 1, max(0, Int((p * Double(s.count)).rounded(.up)) - 1))]
    }
}
