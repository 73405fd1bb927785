/// Every stream one pane produced over the bench, and the figures aggregated from them.
///
/// With `--concurrency K` a live pane runs K streams per run; each stream is one sample, so the
/// medians are per-stream (per-user) figures under that load.
public struct BenchPaneResult: Sendable, Equatable {
    /// A, B, C… in the order the panes were given.
    public var label: String
    /// The spec as typed (credentials never appear in specs).
    public var name: String
    public var source: String
    /// `runs[r][k]`: stream k of run r.
    public var runs: [[BenchStream]]
    /// How a task of this pane is paid for ("API in $3/M, out $15/M" or "box $2.50/h"); nil when unpriced.
    public var costModel: String?

    public init(label: String, name: String, source: String, runs: [[BenchStream]]) {
        self.label = label
        self.name = name
        self.source = source
        self.runs = runs
    }

    public var streams: [BenchStream] { runs.flatMap { $0 } }

    public var successes: [BenchStream] { streams.filter(\.succeeded) }

    public var succeeded: Bool { !successes.isEmpty }

    /// One figure over the successful streams.
    public func stat(_ figure: BenchFigure) -> BenchStat? {
        BenchStat(successes.compactMap { figure.value(of: $0) })
    }

    /// Whether the token counts came from the server (all of them), the client (none), or both.
    public var tokensSource: TokensSource? {
        let sources = Set(successes.map(\.tokensSource))
        guard let first = sources.first else { return nil }
        return sources.count == 1 ? first : .mixed
    }

    /// Failed streams: run number (1-based), stream number (1-based) and the reason.
    public var errors: [(run: Int, stream: Int, reason: String)] {
        var out: [(Int, Int, String)] = []
        for (r, run) in runs.enumerated() {
            for (k, stream) in run.enumerated() {
                if let reason = stream.failure { out.append((r + 1, k + 1, reason)) }
            }
        }
        return out
    }

    /// The stream the race chart draws: the successful one with the median E2E (else the first).
    public var representative: BenchStream? {
        let done = successes.filter { $0.metrics.e2e != nil }.sorted { $0.metrics.e2e! < $1.metrics.e2e! }
        if !done.isEmpty { return done[(done.count - 1) / 2] }
        return streams.first
    }
}
