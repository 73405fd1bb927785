import Testing

@testable import TokenPaceCore

@Suite struct TraceInfoTests {
    @Test func putsServerTimingsBesideClientFigures() throws {
        let trace = try TraceFixtures.shipped("llama-server-openai-summary-longprompt")
        let info = TraceInfo(trace: trace, path: "long.jsonl")
        #expect(info.text.contains("TTFT              13.280 s"))
        #expect(info.text.contains("prefill           13.267 s"))
        #expect(info.text.contains("decode rate       40.5 tok/s"))
        #expect(info.text.contains("tokens            120 in 120 pieces"))
        let json = info.json
        #expect(json["client"]?["ttft_s"] == .number(13.28024))
        #expect(json["client"]?["tokens"] == .number(120))
        #expect(json["server"]?["prompt_n"] == .number(2548))
        #expect(json["end"]?["reason"] == .string("length"))
    }

    @Test func errorTraceShowsTheServersWords() throws {
        let trace = try TraceFixtures.shipped("llama-server-openai-error-context-exceeded")
        let info = TraceInfo(trace: trace, path: "e.jsonl")
        #expect(info.text.contains("error    HTTP 400 exceed_context_size_error: request (2548 tokens) exceeds"))
        #expect(info.json["client"]?["ttft_s"] == nil)
        #expect(info.metrics.e2e == nil)
    }

    @Test func ollamaDurationsAreNanoseconds() {
        let header = TraceHeader(
            backend: "ollama",
            server: .fields([
                ("eval_count", .number(17)), ("eval_duration", .number(4_032_296_000)),
                ("prompt_eval_duration", .number(246_847_000)),
            ]))
        let info = TraceInfo(trace: Trace(header: header, events: []), path: "o")
        let rate = info.serverFigures.first { $0.name == "decode rate" }?.value
        #expect(abs(rate! - 17 / 4.032296) < 1e-9)
        #expect(info.serverFigures.first { $0.name == "prefill" }?.value == 0.246847)
    }

    @Test func fixedFormatting() {
        #expect(Format.fixed(40.5398, 1) == "40.5")
        #expect(Format.fixed(0.04, 3) == "0.040")
        #expect(Format.fixed(-1.25, 1) == "-1.3")
        #expect(Format.duration(0.0470671, .precise) == "47.1 ms")
    }

    @Test func liveEventsBecomeATrace() throws {
        let events = [TokenEvent(text: "Hi", kind: .answer, t: 0.2), TokenEvent(text: "!", kind: .answer, t: 0.3)]
        let trace = Trace.fromEvents(
            events, header: TraceHeader(backend: "openai"), end: .finished(t: 0.31, reason: "stop"))
        let back = try TraceFile.parse(TraceFile.encode(trace), path: "t")
        #expect(back == trace)
        #expect(back.text == "Hi!")
    }
}
