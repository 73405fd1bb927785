import Testing

@testable import TokenPaceCore

/// The header's `stage`: written and read back, counted in token lines, moved by a replay, and
/// absent from old traces.
@Suite struct TraceStageTests {
    static let staged = """
        {"tokenpace_trace":1,"backend":"openai","stage":{"pieces":3,"end_ms":450,"reason":"stop"}}
        {"t_ms":300,"text":"It","kind":"answer","count":1}
        {"t_ms":350,"text":"","kind":"answer","count":0}
        {"t_ms":400,"text":" is.","kind":"answer","count":1}
        {"t_ms":700,"text":"Because","kind":"answer","count":1}
        {"t_ms":800,"text":" it is.","kind":"answer","count":1}
        {"end":{"t_ms":800,"reason":"stop"}}
        """

    @Test func stageReadsInTokenLinesAndRoundTrips() throws {
        let trace = try TraceFile.parse(Self.staged, path: "s.jsonl")
        // Three token lines, one of them empty (not a piece): the stage is the first two pieces.
        #expect(trace.header.stage == TraceStage(pieces: 2, t: 0.45, reason: "stop"))
        #expect(trace.events.count == 4)
        let back = try TraceFile.parse(TraceFile.encode(trace), path: "back.jsonl")
        #expect(back == trace)
        #expect(TraceFile.encode(trace).contains("\"stage\": {\"pieces\": 2, \"end_ms\": 450, \"reason\": \"stop\"}"))
    }

    /// A stage that was a request of its own keeps that request's counts, and a replay with a
    /// price bills its prompt too.
    @Test func anOutlineRequestsCountsRoundTripAndAreBilled() throws {
        let text = Self.staged.replacingOccurrences(
            of: "\"reason\":\"stop\"}}", with: "\"reason\":\"stop\",\"prompt_tokens\":25,\"completion_tokens\":2}}")
        let trace = try TraceFile.parse(text, path: "s.jsonl")
        #expect(
            trace.header.stage == TraceStage(pieces: 2, t: 0.45, reason: "stop", promptTokens: 25, completionTokens: 2))
        #expect(try TraceFile.parse(TraceFile.encode(trace), path: "back.jsonl") == trace)
        var setup = PaneSetup(
            profile: Profile(rate: 21), source: .replay(name: "t"), tokens: trace.tokens(), times: trace.times,
            promptTokens: 9)
        setup.stagePieces = trace.header.stage?.pieces
        setup.stagePromptTokens = trace.header.stage?.promptTokens
        setup.cost = .api(APIPrice(inputPerM: 3, outputPerM: 15))
        let sample = PresentationTests.sample
        let pane = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0).panes[0]
        let bill = try #require(pane.taskCost(shown: 4, elapsed: 5))
        #expect(bill.tokens.input == 9 + 25 && bill.tokens.generated == 4)
        // Without the counts (a pane that wrote its outline in one stream) only the answer's prompt.
        setup.stagePromptTokens = nil
        let one = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0).panes[0]
        #expect(try #require(one.taskCost(shown: 4, elapsed: 5)).tokens.input == 9)
    }

    @Test func oldTracesHaveNoStage() throws {
        let old = """
            {"tokenpace_trace":1,"backend":"openai"}
            {"t_ms":300,"text":"It","kind":"answer","count":1}
            """
        let trace = try TraceFile.parse(old, path: "old.jsonl")
        #expect(trace.header.stage == nil)
        #expect(!TraceFile.encode(trace).contains("stage"))
    }

    @Test func aStageLongerThanTheTraceIsAnError() {
        let bad = """
            {"tokenpace_trace":1,"backend":"openai","stage":{"pieces":5,"end_ms":450}}
            {"t_ms":300,"text":"It","kind":"answer","count":1}
            """
        #expect(
            throws: TraceError(
                path: "bad.jsonl", line: 1, message: "\"stage\" has 5 pieces but the trace holds 1 token lines")
        ) { try TraceFile.parse(bad, path: "bad.jsonl") }
        #expect(throws: TraceError.self) {
            try TraceFile.parse(
                "{\"tokenpace_trace\":1,\"backend\":\"x\",\"stage\":{\"pieces\":1}}\n{\"t_ms\":1,\"text\":\"a\"}",
                path: "b.jsonl")
        }
    }

    /// At 2x the outline's end keeps its place after the outline's last piece: (450 − 400) ÷ 2 after 200 ms.
    @Test func aReplayMovesTheStageWithItsPieces() throws {
        let trace = try TraceFile.parse(Self.staged, path: "s.jsonl")
        let fast = TraceReplay.replayed(trace, mode: .speed(2))
        #expect(abs(fast.header.stage!.t - 0.225) < 1e-9)
        #expect(fast.header.stage?.pieces == 2)
    }
}
