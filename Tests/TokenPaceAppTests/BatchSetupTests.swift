import Foundation
import Testing
import TokenPaceCore
import TokenPaceServe

@testable import TokenPaceApp

/// The batch task's options, the batch bench (computed and live against `tokenpace serve`), and every
/// new error.
@Suite(.timeLimit(.minutes(5))) struct BatchSetupTests {
    @Test func optionsGiveEachPaneItsSlotsAndScaling() throws {
        let setup = try Repo.dashboard {
            $0.task = "batch"
            $0.rates = nil
            $0.panes = ["sim:40", "sim:40#slots=16", "hw:rtx4090/llama-3.1-8b/q4_k_m"]
            $0.slots = "2"
            $0.items = 100
            $0.batchEfficiency = "80%"
        }.resolve()
        #expect(setup.sample.task == .batch)
        #expect(setup.batchItems == 100)
        #expect(setup.setups.map(\.batchSlots) == [2, 16, 2])
        #expect(setup.setups[0].batchScaling == .perDoubling(0.8))
        guard case .table(let ratios) = setup.setups[2].batchScaling else {
            Issue.record("a hw: pane follows its estimate's batch table")
            return
        }
        #expect(ratios[0] == 1 && ratios[7] < 1 && ratios.count == BatchPlanner.maxSlots)
        let perPane = try Repo.dashboard {
            $0.task = "batch"
            $0.rates = "10,20"
            $0.slots = "1,8"
        }.resolve()
        #expect(perPane.setups.map(\.batchSlots) == [1, 8])
    }

    @Test func badBatchOptionsNameTheOption() {
        let cases: [((inout DashboardConfig) -> Void, String)] = [
            ({ $0.items = 0 }, "--items 0: a batch takes 1 to 20000 items"),
            ({ $0.slots = "0" }, "--slots '0': slots are requests in flight at once"),
            ({ $0.slots = "300" }, "--slots '300': slots are requests in flight at once"),
            ({ $0.slots = "1,2,3,4" }, "--slots has 4 values for 3 panes"),
            ({ $0.batchEfficiency = "0" }, "--batch-efficiency 0: the share of its rate"),
            ({ $0.batchEfficiency = "fast" }, "--batch-efficiency \"fast\" is not a number"),
            ({ $0.panes = ["sim:5#slots=x"] }, "--pane sim:5#slots=x: #slots 'x': slots are"),
            (
                { $0.panes = ["trace:\(Repo.root.path)/Samples/traces/llama-server-openai-chat-code.jsonl"] },
                "a trace plays one recorded answer; the batch task races sim:, hw: and live panes"
            ),
        ]
        for (edit, message) in cases {
            var c = Repo.dashboard { $0.task = "batch" }
            edit(&c)
            do {
                _ = try c.resolve()
                Issue.record("no error for \(message)")
            } catch {
                #expect("\(error)".contains(message), "\(error)")
            }
        }
    }

    static func bench(_ edit: (inout BenchConfig) -> Void) throws -> BatchBench {
        var c = BenchConfig()
        c.task = "batch"
        c.samplesDir = Repo.samples
        edit(&c)
        return try c.resolveBatch(try BatchSettings.parse(items: 12, slots: "3", efficiency: nil))
    }

    /// Computed panes: the report's figures are the plan's, checkable by hand from the definitions.
    @Test func benchReportsTheQueueAndItsBill() throws {
        let bench = try Self.bench {
            $0.sample = "batch-support-tickets"
            $0.panes = ["sim:50@0.5s#price=in=3,out=15", "sim:50@0.5s#slots=12", "hw:rtx4090/llama-3.1-8b/q4_k_m"]
        }
        let report = bench.run { _ in }
        #expect(report.items == 12 && report.panes.count == 3)
        #expect(report.panes.map(\.source) == ["sim", "sim", "hw"])
        let a = report.panes[0]
        let plan = bench.state.panes[0]
        #expect(a.slots == 3 && b(report).slots == 12)
        #expect(a.done == 12 && a.failed == 0)
        #expect(a.seconds == plan.schedule.times.last)
        #expect(a.itemsPerMinute! == 12 / a.seconds! * 60)
        #expect(a.ttft == 0.5)
        #expect(a.generatedTokens == plan.tokens.count)
        let prompts = (0..<12).reduce(0) { $0 + Tokenizer.count(bench.state.sample.itemPrompt($1)) }
        #expect(a.promptTokens == prompts)
        let usd = (Double(prompts) * 3 + Double(plan.tokens.count) * 15) / 1e6
        #expect(abs(a.costUSD! - usd) < 1e-12)
        #expect(abs(a.costPerItemUSD! - usd / 12) < 1e-12)
        // More slots, the same queue: sooner done.
        #expect(b(report).seconds! < a.seconds!)
        #expect(b(report).costUSD == nil)
        #expect(report.markdown.contains("| A sim:50@0.5s#price=in=3,out=15 | 3 | 12/12 |"))
        let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
        let panes = json["panes"] as! [[String: Any]]
        #expect(panes[0]["cost_usd"] as? Double != nil && panes[0]["items_per_min"] as? Double != nil)
        #expect(report.csv.split(separator: "\n").count == 4)
    }

    func b(_ r: BatchBenchReport) -> BatchBenchReport.Pane { r.panes[1] }

    @Test func benchRefusesWhatABatchDoesNotTake() {
        func message(_ edit: (inout BenchConfig) -> Void) -> String {
            do {
                _ = try Self.bench(edit)
                return "no error"
            } catch { return "\(error)" }
        }
        #expect(message { $0.panes = ["trace:x.jsonl"] }.contains("a trace pane plays one answer"))
        #expect(
            message {
                $0.panes = ["sim:5"]; $0.runs = 2
            }.hasPrefix("--runs: a batch bench runs its queue once"))
        #expect(
            message {
                $0.panes = ["sim:5"]; $0.prompt = "hi"
            }.hasPrefix("a batch sends its sample's items"))
        #expect(
            message {
                $0.panes = ["sim:5"]; $0.concurrency = "1,4"
            }.contains("--slots and --items"))
        #expect(
            message {
                $0.panes = ["sim:5"]; $0.sample = "chat-git-undo"
            }.contains("needs a batch sample"))
        var plain = BenchConfig()
        plain.panes = ["sim:5"]
        plain.sample = "batch-support-tickets"
        plain.samplesDir = Repo.samples
        #expect(throws: ValueError.self) { try plain.resolve() }
    }

    /// A live batch pane sends K real concurrent requests: every item once, never more than K at a
    /// time, each item's own prompt.
    @Test func liveBatchSendsEveryItemWithAtMostKInFlight() async throws {
        try await BenchSweepLiveTests.withServer(rate: 200) { port, records in
            try await Self.liveBatch(port: port, records: records)
        }
    }

    static func liveBatch(port: Int, records: Locked<[ServeRecord]>) async throws {
        let bench = try bench { $0.panes = ["openai:http://127.0.0.1:\(port)/v1@pace"] }
        let lines = Locked<[String]>([])
        let report = bench.run { line in lines.withLock { $0.append(line) } }
        let pane = report.panes[0]
        #expect(pane.source == "live" && pane.items == 12)
        #expect(pane.done == 12 && pane.failed == 0, "\(report.markdown)")
        #expect(pane.ttft! >= 0.05)
        #expect(pane.itemLatencyP50! >= 0.05)
        let done = records.withLock { $0 }
        #expect(done.count == 12)
        let most = done.map { r in done.filter { $0.started <= r.started && r.started < $0.ended }.count }.max()
        #expect(most! <= 3)
        let sample = bench.state.sample
        let expected = Set((0..<12).map { Tokenizer.count(sample.itemPrompt($0 % sample.items.count)) })
        #expect(Set(done.map(\.promptTokens)).isSubset(of: expected))
        #expect(lines.withLock { $0.last } == "pane A: 12/12 items")
    }
}
