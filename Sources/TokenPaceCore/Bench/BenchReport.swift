/// The result of a bench: every pane's streams and the settings they ran with, printable as a
/// Markdown table, JSON or CSV. Each format carries the definition of every figure.
public struct BenchReport: Sendable, Equatable {
    public var panes: [BenchPaneResult]
    public var runs: Int
    public var concurrency: Int
    public var task: TaskKind
    public var stallThreshold: Double
    /// A sweep's levels (load × depth), in the order they ran; empty for a plain bench. `panes` is
    /// then the first level's panes.
    public var levels: [BenchLevel] = []
    /// The objective goodput is measured against (sweeps).
    public var slo: SLO?
    /// Ctrl-C stopped the bench: the report holds what had finished.
    public var interrupted = false

    public init(
        panes: [BenchPaneResult], runs: Int, concurrency: Int = 1, task: TaskKind = .chat,
        stallThreshold: Double = StreamMetrics.defaultStallThreshold
    ) {
        self.panes = panes
        self.runs = runs
        self.concurrency = concurrency
        self.task = task
        self.stallThreshold = stallThreshold
    }

    public func definition(_ figure: BenchFigure) -> String {
        figure.definition(task: task, stallThreshold: stallThreshold)
    }

    /// Live panes exist and not one of their streams finished: nothing real was measured.
    public var everyLiveRunFailed: Bool {
        let live = panes.filter { $0.source == "live" }
        return !live.isEmpty && live.allSatisfy { !$0.succeeded }
    }

    /// A figure in the table: durations as people read them ("8.3 ms", "312 ms", "4.21 s").
    static func format(_ v: Double?, _ figure: BenchFigure) -> String {
        switch figure.unit {
        case .seconds: return Format.duration(v, .reading)
        case .tokensPerSecond: return Format.tokensPerSecond(v)
        case .count: return Format.count(v)
        case .charactersPerSecond, .wordsPerSecond: return Format.rate(v)  // the column says chars/s, words/s
        case .usd: return Format.usd(v)
        }
    }

    /// Plain number for JSON and CSV: seconds to the microsecond, rates to 0.001 tok/s.
    static func number(_ v: Double, _ figure: BenchFigure) -> Double {
        let scale = figure.unit == .seconds ? 1_000_000.0 : figure.unit == .usd ? 1e9 : 1000.0
        return (v * scale).rounded() / scale
    }
}
