import Foundation
import Testing
import TokenPaceCore
import TokenPaceServe

@testable import TokenPaceApp

/// Sweeps against `tokenpace serve` in this process: levels, arrivals, depth, goodput, Ctrl-C.
/// Assertions use only what the server guarantees (its TTFT is a lower bound), never a timing.
@Suite(.timeLimit(.minutes(5))) struct BenchSweepLiveTests {
    static let answer = (0..<8).map { Token("w\($0) ") }

    /// Runs a pace server on a free port; `records` are its finished requests but the one-token
    /// requests that warm up a concurrency level's connections, which go to `warmUps`.
    static func withServer(
        rate: Double = 400, firstToken: Profile.FirstToken = .fixed(0.05),
        warmUps: Locked<[ServeRecord]> = Locked([]), _ body: (Int, Locked<[ServeRecord]>) async throws -> Void
    ) async throws {
        let records = Locked<[ServeRecord]>([])
        let options = ServeOptions(
            port: 0, model: "pace", tokens: answer,
            pacing: .profile(Profile(rate: rate, firstToken: firstToken), seed: 1),
            promptCounter: { Tokenizer.count($0) })
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let server = PaceServer(options: options) { record in
            (record.plannedTokens == 1 ? warmUps : records).withLock { $0.append(record) }
        }
        let task = Task { try await server.run(onRunning: { sink.yield($0) }) }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        defer { task.cancel() }
        try await body(port, records)
    }

    static func setup(port: Int, _ edit: (inout BenchConfig) -> Void) throws -> (BenchSetup, BenchSweep) {
        var c = BenchConfig()
        c.panes = ["openai:http://127.0.0.1:\(port)/v1@pace", "sim:50"]
        c.prompt = "Say hi"
        c.samplesDir = Repo.samples
        edit(&c)
        let setup = try c.resolve()
        return (setup, try #require(setup.sweep))
    }

    @Test func concurrencySweepHasALevelPerLoadWithGoodput() async throws {
        try await Self.withServer { port, records in
            let (setup, sweep) = try Self.setup(port: port) {
                $0.concurrency = "1,4"
                $0.slo = "ttft=1ms"
            }
            let lines = Locked<[String]>([])
            let report = await setup.runSweep(sweep) { line in lines.withLock { $0.append(line) } }
            #expect(report.levels.count == 2)
            #expect(report.levels.map(\.load) == [.concurrency(1), .concurrency(4)])
            #expect(records.withLock { $0.count } == 5)
            let live = report.levels[1].panes[0]
            #expect(live.streams.count == 4)
            #expect(live.successes.count == 4)
            #expect(live.successes.allSatisfy { $0.tokens == 8 && $0.metrics.ttft! >= 0.05 })
            let figures = report.levels[1].figures(0, slo: report.slo)
            #expect(figures.ttftP99! >= 0.05)
            #expect(figures.throughput != nil && figures.perUserDecode != nil)
            // The server waits 50 ms before its first token: nothing meets TTFT ≤ 1 ms.
            #expect(figures.goodput == 0)
            // Simulated panes ride along, one stream a level.
            #expect(report.levels[1].panes[1].streams.count == 1)
            // A line per stream, and one per level for its warm-up.
            let progress = lines.withLock { $0 }
            #expect(progress.count == 5 + 2)
            #expect(progress.filter { $0.contains("warming up") }.count == 2)
            #expect(progress.last?.contains("5/5 streams") == true)
            #expect(progress.last?.contains("level 2/2 concurrency 4") == true)
            let json = try JSONValue.parse(report.json)
            guard case .array(let levels)? = json["levels"] else {
                Issue.record("no levels")
                return
            }
            #expect(levels.map { $0["concurrency"]?.int } == [1, 4])
        }
    }

    /// A concurrency level warms up first: one-token requests, all at once, open a connection per
    /// stream, and the level's streams then go on connections the warm-up opened.
    @Test func concurrencyLevelOpensItsConnectionsBeforeItsStreams() async throws {
        let warmUpRecords = Locked<[ServeRecord]>([])
        try await Self.withServer(warmUps: warmUpRecords) { port, records in
            let (setup, sweep) = try Self.setup(port: port) {
                $0.concurrency = "1,4"
                $0.panes = ["openai:http://127.0.0.1:\(port)/v1@pace"]
            }
            let lines = Locked<[String]>([])
            let report = await setup.runSweep(sweep) { line in lines.withLock { $0.append(line) } }
            #expect(report.levels.count == 2)
            #expect(lines.withLock { $0 }.contains { $0.contains("warming up 4 connection(s) per live pane") })
            let warmUps = warmUpRecords.withLock { $0 }
            let streams = records.withLock { $0 }
            #expect(warmUps.count == 1 + 4 && streams.count == 1 + 4)
            #expect(streams.allSatisfy { $0.plannedTokens == 8 })
            // Level 2's warm-up holds four connections at once (the server takes 50 ms over each), all
            // before the level's four streams. Which of them the client's pool then hands to the streams
            // is the pool's choice (under load it may open new ones), so it is not asserted here.
            #expect(Set(warmUps.suffix(4).map(\.client)).count == 4)
            #expect(Set(streams.suffix(4).map(\.client)).count == 4)
            let lastWarmUp = warmUps.suffix(4).map(\.started).max()!
            #expect(streams.suffix(4).allSatisfy { $0.started > lastWarmUp })
        }
    }

    @Test func requestRateSendsTheRequestsAtPoissonTimes() async throws {
        try await Self.withServer { port, records in
            let (setup, sweep) = try Self.setup(port: port) {
                $0.requestRate = "40"
                $0.requests = 6
                $0.slo = "e2e=60m"
            }
            let report = await setup.runSweep(sweep) { _ in }
            #expect(report.levels.map(\.load) == [.requestRate(40, requests: 6)])
            #expect(records.withLock { $0.count } == 6)
            let live = report.levels[0].panes[0]
            #expect(live.successes.count == 6)
            #expect(report.levels[0].figures(0, slo: report.slo).goodput == 1)
            // The wall runs at least to the last arrival plus one server TTFT.
            let last = PoissonArrivals.offsets(rate: 40, count: 6, seed: 2).last!
            #expect(report.levels[0].walls[0][0]! >= last + 0.05)
        }
    }

    @Test func depthSweepPutsContextBeforeThePromptUniqueWhenCacheIsOff() async throws {
        // TTFT = prompt tokens ÷ 20,000 tok/s: 4k tokens of context add at least 0.2 s.
        try await Self.withServer(firstToken: .prefill(rate: 20_000, overhead: 0)) { port, records in
            let (setup, sweep) = try Self.setup(port: port) {
                $0.depth = "0,4k"
                $0.cache = "off"
                $0.concurrency = "2"
            }
            let report = await setup.runSweep(sweep) { _ in }
            #expect(report.levels.map(\.depth) == [0, 4096])
            #expect(report.levels.allSatisfy { $0.cache == false })
            let prompts = records.withLock { $0.map(\.promptTokens) }.sorted()
            #expect(prompts.count == 4)
            #expect(prompts[0] < 100)
            #expect(prompts[2] >= 4096 && prompts[3] <= 4096 + 100)
            let deep = report.levels[1].panes[0].successes
            #expect(deep.count == 2)
            #expect(deep.allSatisfy { $0.metrics.ttft! >= 0.2 })
        }
    }

    @Test func cachedDepthWarmsOnceAndSharesTheContext() async throws {
        try await Self.withServer { port, records in
            let (setup, sweep) = try Self.setup(port: port) {
                $0.depth = "1k"
                $0.concurrency = "2"
            }
            let report = await setup.runSweep(sweep) { _ in }
            #expect(report.levels.first?.cache == true)
            // One unmeasured request fills the cache, then the two measured ones.
            let prompts = records.withLock { $0.map(\.promptTokens) }
            #expect(prompts.count == 3)
            #expect(Set(prompts).count == 1)
            #expect(report.levels[0].panes[0].streams.count == 2)
        }
    }

    @Test func interruptKeepsWhatFinishedAndRunsNoMoreLevels() async throws {
        try await Self.withServer(rate: 20) { port, records in
            let (setup, sweep) = try Self.setup(port: port) {
                $0.requestRate = "1,2"
                $0.requests = 4
            }
            // Cancel the sweep (as Ctrl-C does) when its first stream ends.
            let holder = Locked<Task<BenchReport, Never>?>(nil)
            let (start, go) = AsyncStream.makeStream(of: Void.self)
            let work = Task {
                for await _ in start { break }
                return await setup.runSweep(sweep) { _ in holder.withLock { $0?.cancel() } }
            }
            holder.withLock { $0 = work }
            go.yield()
            let report = await work.value
            #expect(report.interrupted)
            #expect(report.levels.count == 1)
            #expect(report.levels[0].interrupted)
            let live = report.levels[0].panes[0]
            #expect(live.successes.count >= 1)
            // Requests not yet due are never sent; one in flight ends as interrupted.
            #expect(records.withLock { $0.count } < 4 + 4)
            #expect(live.streams.count < 4 || live.streams.contains { $0.failure?.contains("interrupted") == true })
            for failed in live.streams where !failed.succeeded {
                #expect(failed.failure?.contains("interrupted") == true)
            }
        }
    }
}

/// A value shared with the server's and the sweep's callbacks.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
