import Foundation
import Testing

@testable import TokenPaceCore

/// The bootstrap interval and `bench compare` over saved reports.
@Suite struct BenchCompareTests {
    /// Three runs of four streams, TTFT `base` plus a small spread that differs per run.
    static func runs(_ base: Double, spread: Double = 0.01) -> [[Double]] {
        (0..<3).map { r in (0..<4).map { k in base + spread * Double((r * 4 + k) % 5) } }
    }

    @Test func intervalLeavesOutZeroOnlyForARealDifference() throws {
        let a = Self.runs(0.30)
        let same = BootstrapInterval.difference(baseline: a, other: Self.runs(0.30), seed: 1)
        let shifted = BootstrapInterval.difference(baseline: a, other: Self.runs(0.40), seed: 1)
        let r = try #require(same)
        #expect(r.low <= 0 && r.high >= 0)
        #expect(!r.excludesZero)
        #expect(r.unit == "runs")
        let s = try #require(shifted)
        #expect(s.excludesZero)
        #expect(s.low > 0.05 && s.high < 0.15)
        // Seeded: the same interval every time.
        #expect(BootstrapInterval.difference(baseline: a, other: Self.runs(0.40), seed: 1) == shifted)
        // A wide spread swallows the same shift.
        let noisy = BootstrapInterval.difference(
            baseline: Self.runs(0.30, spread: 0.3), other: Self.runs(0.40, spread: 0.3), seed: 1)
        #expect(noisy?.excludesZero == false)
        // One run each: the streams are resampled; one value each: nothing to tell.
        #expect(BootstrapInterval.difference(baseline: [[1, 2]], other: [[3, 4]], seed: 1)?.unit == "streams")
        #expect(BootstrapInterval.difference(baseline: [[1]], other: [[3]], seed: 1) == nil)
    }

    static func report(ttft: Double) -> String {
        let streams = Self.runs(ttft).map { run in
            run.map { SweepTests.stream(ttft: $0, gap: 0.02) }
        }
        return BenchReport(
            panes: [BenchPaneResult(label: "A", name: "openai:x", source: "live", runs: streams)], runs: 3,
            concurrency: 4
        ).json
    }

    @Test func compareReadsSavedReportsAndFlagsADifferenceBeyondSpread() throws {
        let a = try BenchComparison.read(Self.report(ttft: 0.30), name: "a.json")
        let b = try BenchComparison.read(Self.report(ttft: 0.40), name: "b.json")
        #expect(a.groups.first?.panes.first?.runs.map(\.count) == [4, 4, 4])
        #expect(a.groups.first?.panes.first?.raceTimes.count == 5)
        let comparison = try BenchComparison([a, b], seed: 1)
        let ttft = try #require(comparison.rows.first { $0.figure == .ttft })
        #expect(abs(ttft.medians[0]! - 0.315) < 1e-9)
        #expect(abs(ttft.medians[1]! - 0.415) < 1e-9)
        #expect(ttft.intervals[0]?.excludesZero == true)
        let decode = try #require(comparison.rows.first { $0.figure == .decodeRate })
        #expect(decode.intervals[0]?.excludesZero == false)
        let md = comparison.markdown
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| A openai:x | TTFT |") })
        #expect(row.contains("+100 ms"))
        #expect(row.hasSuffix("| yes |"))
        #expect(throws: ValueError.self) { try BenchComparison([a], seed: 1) }
        #expect(throws: ValueError.self) { try BenchComparison.read("{\"x\": 1}", name: "x.json") }
        #expect(throws: ValueError.self) { try BenchComparison.read("not json", name: "y.json") }
    }
}
