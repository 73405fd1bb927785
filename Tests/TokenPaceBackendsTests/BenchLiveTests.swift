import Testing
import TokenPaceCore
import TokenPaceWire

@testable import TokenPaceBackends

/// A bench run of live panes against the loopback server replaying real llama-server streams:
/// every stream starts at the shared instant, keeps the server's usage and timings, and a pane
/// that fails says why without stopping the others.
@Suite(.timeLimit(.minutes(5))) struct BenchLiveTests {
    @Test func liveRunReportsEachStreamFromOneSharedStart() async throws {
        let chat = try Capture.load("llama-server-openai-chat-code")
        let native = try Capture.load("llama-server-native-completion")
        let (chatSteps, chatOffsets) = chat.replay(maxGapMs: 50)
        let (nativeSteps, _) = native.replay(maxGapMs: 50)
        let server = try await LoopbackServer { request in
            if request.path.hasPrefix("/down") {
                return [
                    .head(status: 503, headers: ["Content-Type": "application/json"]),
                    .send(#"{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"#), .end,
                ]
            }
            return request.path.hasSuffix("/chat/completions") ? chatSteps : nativeSteps
        }
        // Generous timeouts: six streams at once share the machine with the rest of the suite, and
        // a slow accept must not read as a failed stream.
        let options = StreamOptions(firstByteTimeout: .seconds(60), idleTimeout: .seconds(60), environment: [:])
        let panes = [
            BackendSpec(kind: .openai, baseURL: server.baseURL + "/v1", model: "m"),
            BackendSpec(kind: .llamacpp, baseURL: server.baseURL, rawPrompt: true),
            BackendSpec(kind: .openai, baseURL: server.baseURL + "/down/v1", model: "m"),
        ].map { LiveStream(spec: $0, prompt: "hi", options: options) }
        let bench = BenchLive(streams: panes, concurrency: 2, task: .code)
        let results = await bench.run(client: testClient)
        await server.stop()

        #expect(results.map(\.count) == [2, 2, 2])
        #expect(server.requests.count == 6)
        let firstTokenChunk = try #require(chat.chunks.firstIndex { $0.ms == chat.expected.firstTokenMs })
        for stream in results[0] {
            #expect(stream.failure == nil)
            #expect(stream.usageTokens == chat.expected.completionTokens)
            #expect(stream.tokensSource == .usage)
            #expect(stream.serverPrefillMs == chat.expected.promptMs)
            #expect(stream.serverDecodeRate != nil)
            #expect(try #require(stream.metrics.ttft) >= chatOffsets[firstTokenChunk] / 1000)
            #expect(stream.metrics.e2e != nil)
            #expect(stream.metrics.useful != nil)
        }
        for stream in results[1] {
            #expect(stream.failure == nil)
            #expect(stream.tokens == native.expected.completionTokens ?? native.expected.pieces)
        }
        for stream in results[2] {
            #expect(stream.failure?.contains("HTTP 503") == true)
            #expect(stream.failure?.contains("Loading model") == true)
        }
        let report = BenchReport(
            panes: results.enumerated().map { i, runs in
                BenchPaneResult(label: "\(i)", name: "p\(i)", source: "live", runs: [runs])
            }, runs: 1, concurrency: 2, task: .code)
        #expect(!report.everyLiveRunFailed)
        #expect(report.panes[2].errors.count == 2)
    }
}
