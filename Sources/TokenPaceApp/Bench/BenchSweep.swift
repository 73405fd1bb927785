import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

/// What a sweep varies: the loads (concurrency levels or request rates), the context depths and
/// whether requests share their context, and the objective goodput is measured against.
public struct BenchSweep: Sendable {
    public var loads: [BenchLevel.Load]
    /// `nil`: no depth axis (the prompt as given).
    public var depths: [Int]?
    public var cache: Bool
    public var slo: SLO?
    public var seed: UInt64
    /// The prompt live panes are sent, before any context.
    public var prompt: String
    /// The long text depth levels take their context from.
    public var document: String

    public init(
        loads: [BenchLevel.Load], depths: [Int]?, cache: Bool, slo: SLO?, seed: UInt64, prompt: String,
        document: String
    ) {
        self.loads = loads
        self.depths = depths
        self.cache = cache
        self.slo = slo
        self.seed = seed
        self.prompt = prompt
        self.document = document
    }

    /// Levels in the order they run: every load at each depth.
    public var levels: [(load: BenchLevel.Load, depth: Int?)] {
        (depths ?? [-1]).flatMap { d in loads.map { (load: $0, depth: d < 0 ? nil : d) } }
    }

    /// Requests a live pane sends per run at `load`.
    static func requests(_ load: BenchLevel.Load) -> Int {
        switch load {
        case .concurrency(let k): return k
        case .requestRate(_, let n): return n
        }
    }
}

extension BenchSetup {
    /// Runs every level of `sweep` in turn. Cancelling the calling task (Ctrl-C) stops sending; the
    /// report then holds the levels measured so far, the last one marked interrupted.
    func runSweep(_ sweep: BenchSweep, log: @escaping @Sendable (String) -> Void) async -> BenchReport {
        let liveIndices = panes.indices.filter { if case .live = panes[$0] { true } else { false } }
        let client: HTTPClient? = liveIndices.isEmpty ? nil : HTTPClient.makeForLiveBackends()
        let plan = sweep.levels
        let total = plan.reduce(0) { $0 + BenchSweep.requests($1.load) * runs * liveIndices.count }
        let state = ProgressState(SweepProgress(total: total))
        let started = ContinuousClock.now
        var levels: [BenchLevel] = []
        var stopped = false
        for (l, step) in plan.enumerated() where !stopped {
            var results: [[[BenchStream]]] = panes.map { _ in [] }
            var walls: [[Double?]] = panes.map { _ in [] }
            let level = BenchLevel(
                load: step.load, depth: step.depth, cache: step.depth == nil ? nil : sweep.cache, panes: [])
            let shared = ContextPrefix.make(document: sweep.document, tokens: step.depth ?? 0)
            if let client, sweep.cache, (step.depth ?? 0) > 0 {
                log("level \(l + 1)/\(plan.count) \(level.title): one request per live pane to fill the prompt cache")
                await warm(liveIndices, prompt: ContextPrefix.prompt(sweep.prompt, context: shared), client: client)
            }
            if let client, case .concurrency(let k) = step.load {
                // As a load generator warms up: the level's streams find their connections open, so
                // their TTFT holds no TCP connect (request-rate levels open theirs as they arrive).
                log("level \(l + 1)/\(plan.count) \(level.title): warming up \(k) connection(s) per live pane")
                await openConnections(liveIndices, count: k, client: client)
            }
            for r in 1...runs {
                if Task.isCancelled {
                    stopped = true
                    break
                }
                for (i, pane) in panes.enumerated() {
                    if case .computed(_, _, let stream) = pane {
                        results[i].append([stream])
                        walls[i].append(stream.succeeded ? stream.tokenTimes.last : nil)
                    }
                }
                guard let client else { continue }
                let count = BenchSweep.requests(step.load)
                let offsets: [Double]
                switch step.load {
                case .concurrency: offsets = Array(repeating: 0, count: count)
                case .requestRate(let rate, _):
                    offsets = PoissonArrivals.offsets(rate: rate, count: count, seed: sweep.seed &+ UInt64(r))
                }
                let requests = liveIndices.map { i -> [LiveStream] in
                    guard case .live(_, let stream) = panes[i] else { return [] }
                    return (0..<count).map { k in
                        let context =
                            sweep.cache || step.depth == nil
                            ? shared
                            : ContextPrefix.make(
                                document: sweep.document, tokens: step.depth ?? 0,
                                tag: "\(l + 1).\(r).\(k + 1)-" + String(UInt32.random(in: 0...UInt32.max), radix: 16))
                        var copy = stream
                        copy.messages = [.user(ContextPrefix.prompt(sweep.prompt, context: context))]
                        return copy
                    }
                }
                let schedule = BenchSchedule(
                    requests: requests, offsets: offsets, task: task, stallThreshold: stallThreshold)
                let (runs, title, levelCount) = (self.runs, level.title, plan.count)
                let result = await schedule.run(client: client) { p, stream in
                    let elapsed = (ContinuousClock.now - started).seconds
                    let line = state.finish { progress in
                        progress.line(
                            level: l + 1, of: levelCount, title: title, run: r, of: runs,
                            pane: String(RaceChart.letter(liveIndices[p])), stream: stream, elapsed: elapsed)
                    }
                    log(line)
                }
                for (p, i) in liveIndices.enumerated() {
                    results[i].append(result.streams[p])
                    walls[i].append(result.walls[p])
                }
                if Task.isCancelled { stopped = true }
            }
            var done = level
            done.panes = paneResults(results)
            done.walls = walls
            done.interrupted = stopped
            if done.panes.contains(where: { !$0.runs.isEmpty }) { levels.append(done) }
        }
        try? await client?.shutdown()
        BenchProgressLine.end()
        var report = BenchReport(
            panes: levels.first?.panes ?? paneResults(panes.map { _ in [] }), runs: runs,
            concurrency: BenchSweep.requests(plan.first?.load ?? .concurrency(1)), task: task,
            stallThreshold: stallThreshold)
        report.levels = levels
        report.slo = sweep.slo
        report.interrupted = stopped || Task.isCancelled
        return report
    }

    private func warm(_ liveIndices: [Int], prompt: String, client: HTTPClient) async {
        await withTaskGroup(of: Void.self) { group in
            for i in liveIndices {
                guard case .live(_, var stream) = panes[i] else { continue }
                stream.messages = [.user(prompt)]
                let request = stream
                group.addTask {
                    for await _ in request.events(client: client) {}
                }
            }
        }
    }

    private func openConnections(_ liveIndices: [Int], count: Int, client: HTTPClient) async {
        await withTaskGroup(of: Void.self) { group in
            for i in liveIndices {
                guard case .live(_, let stream) = panes[i] else { continue }
                group.addTask { await stream.openConnections(count, client: client) }
            }
        }
    }

    func paneResults(_ results: [[[BenchStream]]]) -> [BenchPaneResult] {
        panes.enumerated().map { i, pane in
            switch pane {
            case .computed(let name, let source, _):
                BenchPaneResult(label: String(RaceChart.letter(i)), name: name, source: source, runs: results[i])
            case .live(let name, _):
                BenchPaneResult(label: String(RaceChart.letter(i)), name: name, source: "live", runs: results[i])
            }
        }
    }
}

/// The sweep's progress, shared by the streams that end concurrently.
final class ProgressState: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: SweepProgress

    init(_ progress: SweepProgress) { self.progress = progress }

    /// Counts one stream and returns its line.
    func finish(_ line: (SweepProgress) -> String) -> String {
        lock.lock()
        defer { lock.unlock() }
        progress.done += 1
        return line(progress)
    }
}

extension Duration {
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
