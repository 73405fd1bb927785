import Foundation
import Testing

@testable import TokenPaceCore

/// Sweep inputs, the arrival process, goodput, the load figures and the sweep report formats.
@Suite struct SweepTests {
    /// A stream whose first token comes at `ttft`, then one every `gap` seconds.
    static func stream(ttft: Double, gap: Double, tokens: Int = 5, prefillMs: Double? = nil, fail: String? = nil)
        -> BenchStream
    {
        var r = BenchRecorder()
        for i in 0..<tokens { r.token(TokenEvent(text: "w\(i) ", kind: .answer, t: ttft + Double(i) * gap)) }
        r.serverTimings(promptMs: prefillMs, decodeRate: nil)
        if let fail { r.fail(fail) } else { r.finish() }
        return r.result(task: .chat)
    }

    @Test func listsParseAndBadPiecesAreNamedWithTheirOption() throws {
        #expect(try SweepInput.concurrency("1, 4,16") == [1, 4, 16])
        #expect(try SweepInput.depths("0,2k,8K,16k,300") == [0, 2048, 8192, 16384, 300])
        #expect(try SweepInput.requestRates("0.5,2/s") == [0.5, 2])
        let cases: [(() throws -> Void, [String])] = [
            ({ _ = try SweepInput.concurrency("1,x,4") }, ["--concurrency", "\"x\""]),
            ({ _ = try SweepInput.concurrency("1,,4") }, ["--concurrency", "item 2 is empty"]),
            ({ _ = try SweepInput.concurrency("4,4") }, ["--concurrency", "4 is given twice"]),
            ({ _ = try SweepInput.concurrency("0") }, ["--concurrency", "\"0\""]),
            ({ _ = try SweepInput.requestRates("2,-1") }, ["--request-rate", "\"-1\""]),
            ({ _ = try SweepInput.requestRates("") }, ["--request-rate", "empty"]),
            ({ _ = try SweepInput.depths("0,2q") }, ["--depth", "\"2q\""]),
            ({ _ = try SLO.parse("ttft=500ms,itl") }, ["--slo", "\"itl\""]),
            ({ _ = try SLO.parse("ttft=fast") }, ["--slo", "ttft=fast"]),
            ({ _ = try SLO.parse("tpot=5ms") }, ["--slo", "\"tpot\""]),
            ({ _ = try SLO.parse("e2e=1s,e2e=2s") }, ["--slo", "e2e is given twice"]),
        ]
        for (run, words) in cases {
            do {
                try run()
                Issue.record("no error for \(words)")
            } catch let error as ValueError {
                for word in words { #expect(error.description.contains(word), "\(error.description)") }
            }
        }
    }

    @Test func poissonArrivalsRepeatForASeedAndHaveExponentialGaps() {
        let a = PoissonArrivals.offsets(rate: 4, count: 20_000, seed: 7)
        #expect(a == PoissonArrivals.offsets(rate: 4, count: 20_000, seed: 7))
        #expect(a != PoissonArrivals.offsets(rate: 4, count: 20_000, seed: 8))
        #expect(a.first == 0)
        #expect(zip(a, a.dropFirst()).allSatisfy { $0 <= $1 })
        let gaps = zip(a, a.dropFirst()).map { $1 - $0 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let sd = sqrt(gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(gaps.count))
        // Exponential with rate 4: mean 0.25 s, standard deviation equal to the mean, and
        // P(gap > mean) = 1/e. 20,000 gaps put each within a few percent.
        #expect(abs(mean - 0.25) < 0.25 * 0.03)
        #expect(abs(sd / mean - 1) < 0.04)
        let above = Double(gaps.filter { $0 > 0.25 }.count) / Double(gaps.count)
        #expect(abs(above - exp(-1)) < 0.015)
        // Counts in 1 s windows are Poisson(4): variance equal to the mean.
        var counts = [Int](repeating: 0, count: Int(a.last!))
        for t in a where Int(t) < counts.count { counts[Int(t)] += 1 }
        let m = Double(counts.reduce(0, +)) / Double(counts.count)
        let v = counts.map { (Double($0) - m) * (Double($0) - m) }.reduce(0, +) / Double(counts.count)
        #expect(abs(m - 4) < 0.15)
        #expect(abs(v / m - 1) < 0.1)
        #expect(PoissonArrivals.offsets(rate: 2, count: 0, seed: 1).isEmpty)
    }

    @Test func goodputCountsRequestsMeetingEveryBoundOutOfAllSent() throws {
        let slo = try SLO.parse("ttft=500ms,itl=50ms,e2e=10s")
        #expect(slo == SLO(ttft: 0.5, itl: 0.05, e2e: 10))
        let fast = Self.stream(ttft: 0.2, gap: 0.02)
        let slowStart = Self.stream(ttft: 0.6, gap: 0.02)
        let choppy = Self.stream(ttft: 0.2, gap: 0.08)
        let failed = Self.stream(ttft: 0.1, gap: 0.01, fail: "HTTP 500")
        #expect(slo.met(by: fast))
        #expect(!slo.met(by: slowStart))
        #expect(!slo.met(by: choppy))
        #expect(!slo.met(by: failed))
        #expect(slo.goodput([fast, slowStart, choppy, failed]) == 0.25)
        #expect(SLO(ttft: 0.7).goodput([fast, slowStart, choppy, failed]) == 0.75)
        #expect(slo.goodput([]) == nil)
        // A long answer breaks only the E2E bound.
        #expect(!SLO(e2e: 1).met(by: Self.stream(ttft: 0.1, gap: 0.02, tokens: 100)))
    }

    static func sweepReport() throws -> BenchReport {
        let level = { (k: Int, ttft: Double, gap: Double) -> BenchLevel in
            let streams = (0..<k).map { i in Self.stream(ttft: ttft + Double(i) * 0.1, gap: gap, prefillMs: 100) }
            let wall = streams.compactMap(\.tokenTimes.last).max()
            return BenchLevel(
                load: .concurrency(k),
                panes: [BenchPaneResult(label: "A", name: "openai:x", source: "live", runs: [streams])],
                walls: [[wall]])
        }
        var report = BenchReport(panes: [], runs: 1)
        report.levels = [level(1, 0.2, 0.02), level(4, 0.4, 0.04)]
        report.panes = report.levels[0].panes
        report.slo = try SLO.parse("ttft=500ms")
        return report
    }

    @Test func loadFiguresPerLevel() throws {
        let report = try Self.sweepReport()
        let one = report.levels[0].figures(0, slo: report.slo)
        let four = report.levels[1].figures(0, slo: report.slo)
        #expect(one.ttftP50 == 0.2)
        // TTFTs 0.4, 0.5, 0.6, 0.7: nearest-rank p90 and p99 are the last.
        #expect(abs(four.ttftP90! - 0.7) < 1e-9)
        #expect(abs(four.ttftP50! - 0.55) < 1e-9)
        #expect(abs(four.perUserDecode! - 25) < 1e-6)
        // 4 × 5 tokens over the wall 0.7 + 4 × 0.04 = 0.86 s.
        #expect(abs(four.throughput! - 20 / 0.86) < 1e-6)
        #expect(abs(four.queue! - 0.45) < 1e-9)
        #expect(four.prefill == 0.1)
        #expect(four.goodput == 0.5)  // 0.4 and 0.5 s meet ttft ≤ 500 ms
        #expect(one.goodput == 1)
    }

    @Test func sweepJSONHasALevelPerLoadWithPanesAsToday() throws {
        let report = try Self.sweepReport()
        let root = try JSONValue.parse(report.json)
        guard case .array(let levels)? = root["levels"] else {
            Issue.record("no levels")
            return
        }
        #expect(levels.map { $0["concurrency"]?.int } == [1, 4])
        guard case .array(let panes)? = levels[1]["panes"] else {
            Issue.record("no panes")
            return
        }
        #expect(panes[0]["label"]?.string == "A")
        #expect(panes[0]["streams"]?.int == 4)
        #expect(panes[0]["figures"]?["ttft_s"]?["n"]?.int == 4)
        #expect(panes[0]["load"]?["goodput"]?.number == 0.5)
        #expect(root["slo"]?["ttft_s"]?.number == 0.5)
        #expect(root["level_definitions"]?["throughput_tok_s"]?.string != nil)
    }

    @Test func sweepMarkdownHasATablePerLevelAndCurves() throws {
        let md = try Self.sweepReport().markdown
        let lines = md.split(separator: "\n").map(String.init)
        #expect(
            lines.filter { $0.hasPrefix("### Level ") } == [
                "### Level 1/2: concurrency 1", "### Level 2/2: concurrency 4",
            ])
        let row = try #require(lines.first { $0.hasPrefix("| A openai:x | 4/4 |") })
        #expect(row.hasSuffix("| 50% |"))
        let curve = try #require(lines.firstIndex { $0.hasPrefix("per-user decode (tok/s) against load") })
        // 50 tok/s at concurrency 1 (top row), 25 at 4 (half way down the 8 rows).
        #expect(lines[curve + 1].hasSuffix("A") && lines[curve + 1].contains("50.0 tok/s"))
        #expect(lines[curve + 1...curve + 8].filter { $0.hasSuffix("A") }.count == 2)
    }

    @Test func sweepCSVPutsTheLevelOnEveryRow() throws {
        let csv = try Self.sweepReport().csv
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows[0].prefix(2) == ["concurrency", "request_rate"])
        #expect(rows.dropFirst().allSatisfy { $0[0] == "1" || $0[0] == "4" })
        let goodput = try #require(rows.first { $0[0] == "4" && $0[8] == "goodput" })
        #expect(goodput[10] == "0.5")
    }

    @Test func contextPrefixHasTheDepthAndIsUniqueOnlyWhenTagged() {
        let doc = "The quick brown fox jumps over the lazy dog. " + "Numbers 1 2 3 and words again. "
        for depth in [0, 100, 2048] {
            let text = ContextPrefix.make(document: doc, tokens: depth)
            #expect(abs(Tokenizer.count(text) - depth) <= 2)
        }
        let a = ContextPrefix.make(document: doc, tokens: 500, tag: "1.1.1")
        let b = ContextPrefix.make(document: doc, tokens: 500, tag: "1.1.2")
        #expect(a != b)
        #expect(a.hasPrefix("[request 1.1.1]"))
        #expect(ContextPrefix.make(document: doc, tokens: 500) == ContextPrefix.make(document: doc, tokens: 500))
        #expect(ContextPrefix.prompt("Q?", context: "") == "Q?")
        #expect(ContextPrefix.prompt("Q?", context: "ctx").hasSuffix("\n\nQ?"))
    }

    @Test func etaFollowsThePaceSoFar() {
        var p = SweepProgress(total: 10)
        #expect(p.eta(elapsed: 5) == nil)
        p.done = 4
        #expect(p.eta(elapsed: 8) == 12)
        p.done = 10
        #expect(p.eta(elapsed: 20) == 0)
    }
}
