import Testing

@testable import TokenPaceCore

/// Medians over runs, failed streams left out of the figures, and usage vs counted tokens.
@Suite struct BenchAggregationTests {
    /// A finished stream: one answer piece per time, each `count` tokens.
    static func stream(
        _ times: [Double], count: Int = 1, usage: Int? = nil, prefillMs: Double? = nil, fail: String? = nil
    ) -> BenchStream {
        var r = BenchRecorder()
        for (i, t) in times.enumerated() { r.token(TokenEvent(text: "w\(i) ", kind: .answer, t: t, count: count)) }
        if let usage { r.usage(completionTokens: usage) }
        r.serverTimings(promptMs: prefillMs, decodeRate: nil)
        if let fail { r.fail(fail) } else { r.finish() }
        return r.result(task: .chat)
    }

    /// Three words 1 s apart; a 250 words/min reader takes 0.24 s a word: read by 0.24, 1.24 and
    /// 2.24 s, so 0.76 s of nothing to read before each of the last two.
    @Test func benchWritesTheReaderFigures() {
        let s = Self.stream([0.5, 1.5, 2.5])
        #expect(abs(BenchFigure.waitingForText.value(of: s)! - 1.52) < 1e-9)
        #expect(BenchFigure.blocked.value(of: s) == 0.5)
        #expect(Self.stream([0.5, 1.5], fail: "cut").waitingForText == nil)
    }

    @Test func statTakesTheMiddleOrTheMeanOfTheMiddleTwo() throws {
        let odd = try #require(BenchStat([0.4, 0.2, 0.3]))
        #expect(odd == BenchStat(median: 0.3, min: 0.2, max: 0.4, count: 3))
        let even = try #require(BenchStat([4, 1, 3, 2]))
        #expect(even == BenchStat(median: 2.5, min: 1, max: 4, count: 4))
        #expect(BenchStat([]) == nil)
    }

    @Test func medianOverRunsSkipsFailedStreamsAndListsTheirReasons() throws {
        let pane = BenchPaneResult(
            label: "A", name: "x", source: "live",
            runs: [
                [Self.stream([0.2, 0.3, 0.4])],
                [Self.stream([0.9], fail: "HTTP 503 Service Unavailable")],
                [Self.stream([0.4, 0.6, 0.8])],
                [Self.stream([0.3, 0.4, 0.5, 0.6])],
            ])
        let ttft = try #require(pane.stat(.ttft))
        #expect(ttft == BenchStat(median: 0.3, min: 0.2, max: 0.4, count: 3))
        let e2e = try #require(pane.stat(.e2e))
        #expect(e2e.median == 0.6 && e2e.min == 0.4 && e2e.max == 0.8)
        let tokens = try #require(pane.stat(.tokens))
        #expect(tokens == BenchStat(median: 3, min: 3, max: 4, count: 3))
        #expect(pane.errors.count == 1)
        #expect(pane.errors.first?.run == 2)
        #expect(pane.errors.first?.reason == "HTTP 503 Service Unavailable")
        #expect(pane.successes.count == 3)
        #expect(pane.representative?.metrics.e2e == 0.6)
    }

    @Test func serverUsageWinsOverCountedPiecesAndSetsTheDecodeRate() throws {
        // Three deltas of what the server says were 10 tokens: the first holds one.
        let withUsage = Self.stream([1.0, 1.5, 2.0], usage: 10)
        #expect(withUsage.tokens == 10)
        #expect(withUsage.countedTokens == 3)
        #expect(withUsage.tokensSource == .usage)
        #expect(try #require(withUsage.decodeRate) == 9)

        let counted = Self.stream([1.0, 1.5, 2.0])
        #expect(counted.tokens == 3)
        #expect(counted.tokensSource == .counted)
        #expect(try #require(counted.decodeRate) == 2)

        let pieces = Self.stream([1.0, 2.0], count: 3)
        #expect(pieces.tokens == 6)
        #expect(pieces.tokenTimes == [1, 1, 1, 2, 2, 2])

        let both = BenchPaneResult(label: "A", name: "x", source: "live", runs: [[withUsage], [counted]])
        #expect(both.tokensSource == .mixed)
        #expect(BenchPaneResult(label: "A", name: "x", source: "live", runs: [[withUsage]]).tokensSource == .usage)
    }

    @Test func concurrentStreamsAreEachOneSample() throws {
        let pane = BenchPaneResult(
            label: "A", name: "x", source: "live",
            runs: [
                [Self.stream([0.1, 0.2]), Self.stream([0.5, 0.6])],
                [Self.stream([0.2, 0.3]), Self.stream([0.4, 0.5], fail: "stream stalled")],
            ])
        let ttft = try #require(pane.stat(.ttft))
        #expect(ttft == BenchStat(median: 0.2, min: 0.1, max: 0.5, count: 3))
        #expect(pane.errors.map(\.stream) == [2])
        #expect(pane.errors.map(\.run) == [2])
    }

    @Test func aStreamThatNeverFinishedIsAFailure() {
        var r = BenchRecorder()
        r.token(TokenEvent(text: "a", kind: .answer, t: 0.1))
        let s = r.result(task: .chat)
        #expect(!s.succeeded)
        #expect(s.metrics.e2e == nil)
    }

    @Test func everyLiveRunFailedOnlyWhenNoLiveStreamFinished() {
        let failed = BenchPaneResult(label: "A", name: "x", source: "live", runs: [[Self.stream([], fail: "refused")]])
        let sim = BenchPaneResult(label: "B", name: "sim:10", source: "simulated", runs: [[Self.stream([0.5])]])
        #expect(BenchReport(panes: [failed, sim], runs: 1).everyLiveRunFailed)
        #expect(!BenchReport(panes: [sim], runs: 1).everyLiveRunFailed)
        let ok = BenchPaneResult(label: "C", name: "y", source: "live", runs: [[Self.stream([0.2])]])
        #expect(!BenchReport(panes: [failed, ok], runs: 1).everyLiveRunFailed)
    }
}
