import Foundation
import Testing

@testable import TokenPaceCore

/// A bench of computed panes (a simulation and a trace): exact figures, and each output format.
@Suite struct BenchReportTests {
    static let answer = (0..<5).map { Token("w\($0) ") }

    /// 0.5 s TTFT, then one token every 0.1 s: done at 0.9 s.
    static func simulated() -> BenchStream {
        BenchComputed.simulated(
            profile: Profile(rate: 10, firstToken: .fixed(0.5)), tokens: answer, promptTokens: 7, seed: 1, task: .chat)
    }

    /// Reasoning then answer, a 0.6 s stall, server usage and timings as llama.cpp reports them.
    static func trace() -> Trace {
        let events = [
            TokenEvent(text: "hmm", kind: .reasoning, t: 0.2),
            TokenEvent(text: " so", kind: .reasoning, t: 0.3),
            TokenEvent(text: "Yes", kind: .answer, t: 0.4),
            TokenEvent(text: ".", kind: .answer, t: 1.0),
        ]
        let header = TraceHeader(
            backend: "openai", task: .chat,
            server: .fields([("prompt_ms", .number(150)), ("predicted_per_second", .number(12.5))]),
            usage: .fields([("completion_tokens", .number(4))]))
        return Trace(header: header, events: events, end: .finished(t: 1.0, reason: "stop"))
    }

    static func report() -> BenchReport {
        let sim = simulated()
        let replay = BenchComputed.trace(trace(), mode: .original, task: .chat)
        return BenchReport(
            panes: [
                BenchPaneResult(label: "A", name: "sim:10@0.5s", source: "simulated", runs: [[sim], [sim], [sim]]),
                BenchPaneResult(
                    label: "B", name: "trace:t.jsonl", source: "trace", runs: [[replay], [replay], [replay]]),
            ], runs: 3)
    }

    private func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test func simulatedPaneFiguresAreExact() throws {
        let s = Self.simulated()
        #expect(close(s.metrics.ttft, 0.5))
        #expect(close(s.metrics.ttfa, 0.5))
        #expect(close(s.metrics.e2e, 0.9))
        #expect(close(s.decodeRate, 10))
        #expect(s.tokens == 5 && s.tokensSource == .counted)
        #expect(s.metrics.stallCount == 0)
        #expect(abs(try #require(s.metrics.itlP50) - 0.1) < 0.001)
        #expect(s.tokenTimes.count == 5)
    }

    @Test func tracePaneKeepsItsTimesUsageAndServerClocks() throws {
        let s = BenchComputed.trace(Self.trace(), mode: .original, task: .chat)
        #expect(s.metrics.ttft == 0.2)
        #expect(s.metrics.ttfa == 0.4)
        #expect(s.metrics.e2e == 1.0)
        #expect(s.metrics.stallCount == 1)
        #expect(close(s.metrics.longestStall, 0.6))
        #expect(s.tokens == 4 && s.tokensSource == .usage)
        #expect(s.serverPrefillMs == 150)
        #expect(s.serverDecodeRate == 12.5)
        #expect(close(s.decodeRate, 3.75))

        let twice = BenchComputed.trace(Self.trace(), mode: .speed(2), task: .chat)
        #expect(twice.metrics.e2e == 0.5)
    }

    @Test func failedTraceIsAFailedStreamWithTheServersWords() {
        var trace = Self.trace()
        trace.events = []
        trace.end = .failed(TraceFailure(status: 400, message: "the request exceeds the available context size"))
        let s = BenchComputed.trace(trace, mode: .original, task: .chat)
        #expect(s.failure == "HTTP 400: the request exceeds the available context size")
    }

    @Test func markdownHasOneRowPerPaneThenErrorsAndDefinitions() {
        let text = Self.report().markdown
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("| pane | source | ok | TTFT | TTFA | useful | E2E | decode |"))
        #expect(
            lines[2]
                == "| A sim:10@0.5s | simulated | 3/3 | 500 ms | 500 ms | 500 ms | 900 ms | 10.0 tok/s | 30.0 | 10.0 | 100 ms | 100 ms | 100 ms | 0 | 5 counted | — | — | 0.0 ms | 500 ms |"
        )
        #expect(lines[3].hasPrefix("| B trace:t.jsonl | trace | 3/3 | 200 ms | 400 ms | 400 ms | 1.00 s | 3.8 tok/s |"))
        #expect(lines[3].contains("| 1, 600 ms max | 4 usage | 150 ms | 12.5 tok/s |"))
        #expect(text.contains("Median over 3 runs; min–max in brackets. Task: chat."))
        #expect(text.contains("\nDefinitions:\n- TTFT: time to first token: request sent → first token of any kind"))
        for figure in BenchFigure.allCases { #expect(text.contains("- \(figure.title): ")) }
        #expect(!text.contains("Errors:"))
    }

    @Test func jsonParsesWithDefinitionsAndEveryFigure() throws {
        let data = Data(Self.report().json.utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["tokenpace_bench"] as? Int == 1)
        #expect(root["runs"] as? Int == 3)
        let definitions = try #require(root["definitions"] as? [String: String])
        for figure in BenchFigure.allCases { #expect(definitions[figure.key]?.isEmpty == false) }
        let panes = try #require(root["panes"] as? [[String: Any]])
        #expect(panes.count == 2)
        let figures = try #require(panes[0]["figures"] as? [String: Any])
        #expect(Set(figures.keys) == Set(BenchFigure.allCases.map(\.key)))
        let ttft = try #require(figures["ttft_s"] as? [String: Double])
        #expect(ttft == ["median": 0.5, "min": 0.5, "max": 0.5, "n": 3])
        #expect(figures["server_prefill_s"] is NSNull)
        let trace = try #require(panes[1]["figures"] as? [String: Any])
        #expect((trace["server_prefill_s"] as? [String: Double])?["median"] == 0.15)
        #expect(panes[1]["tokens_source"] as? String == "usage")
        let runs = try #require(panes[1]["runs"] as? [[[String: Any]]])
        #expect(runs.count == 3 && runs[0].count == 1)
        #expect(runs[0][0]["e2e_s"] as? Double == 1)
        #expect(runs[0][0]["error"] is NSNull)
    }

    @Test func csvHasTheHeaderAndOneRowPerPaneAndFigure() throws {
        var report = Self.report()
        report.panes[1].runs[1] = [BenchAggregationTests.stream([], fail: "HTTP 500, \"boom\"")]
        let rows = Self.parseCSV(report.csv)
        #expect(rows[0] == BenchReport.csvColumns)
        #expect(rows.count == 1 + 2 * (BenchFigure.allCases.count + 1))
        #expect(rows.allSatisfy { $0.count == BenchReport.csvColumns.count })
        let ttftA = try #require(rows.first { $0[0] == "A" && $0[3] == "ttft_s" })
        #expect(Array(ttftA[4...8]) == ["s", "0.5", "0.5", "0.5", "3"])
        #expect(ttftA[10].hasPrefix("time to first token"))
        let tokensB = try #require(rows.first { $0[0] == "B" && $0[3] == "tokens" })
        #expect(tokensB[5] == "4" && tokensB[8] == "2" && tokensB[9] == "usage")
        let errorsB = try #require(rows.first { $0[0] == "B" && $0[3] == "errors" })
        #expect(errorsB[5] == "1" && errorsB[8] == "3")
        #expect(errorsB[9] == "run 2 stream 1: HTTP 500, \"boom\"")
    }

    /// RFC 4180 reader, enough for the report: quoted fields with commas and doubled quotes.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        row.append(field)
        rows.append(row)
        return rows
    }
}
