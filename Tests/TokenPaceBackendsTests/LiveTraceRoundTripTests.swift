import AsyncHTTPClient
import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceBackends

/// Record a live stream (over a real socket) as a trace, write it, read it back and replay it:
/// the same text and the same token times, and no key anywhere in the file.
@Suite(.timeLimit(.minutes(5))) struct LiveTraceRoundTripTests {
    @Test func liveStreamRecordedAndReplayedExactly() async throws {
        let capture = try Capture.load("llama-server-openai-chat-code")
        let server = try await LoopbackServer { _ in capture.replay(maxGapMs: 5).steps }
        let secret = "sk-roundtrip-SECRET-123"
        let spec = BackendSpec(kind: .openai, baseURL: server.baseURL + "/v1", model: "smollm2")
        let stream = LiveStream(
            spec: spec, prompt: "hi",
            options: StreamOptions(firstByteTimeout: .seconds(10), idleTimeout: .seconds(10), environment: ["OPENAI_API_KEY": secret]))
        var tokens: [TokenEvent] = []
        for await event in stream.events(client: testClient) {
            if case .token(let e) = event { tokens.append(e) }
        }
        await server.stop()
        #expect(tokens.count > 10)

        let header = TraceHeader(backend: "openai", url: TraceRedaction.url(spec.baseURL), model: spec.model, task: .code)
        let trace = Trace.fromEvents(tokens, header: header, end: .finished(t: tokens.last!.t, reason: "stop"))
        let text = TraceFile.encode(trace)
        #expect(!text.contains(secret))
        let back = try TraceFile.parse(text, path: "roundtrip.jsonl")
        #expect(back.text == tokens.map(\.text).joined())
        let replayed = TraceReplay.times(back, mode: .original)
        #expect(replayed.count == tokens.count)
        // Times are written with microsecond precision.
        for (a, b) in zip(replayed, tokens.map(\.t)) { #expect(abs(a - b) <= 0.000_001) }
    }
}
