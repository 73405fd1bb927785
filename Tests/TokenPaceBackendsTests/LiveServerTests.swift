import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TokenPaceCore

@testable import TokenPaceBackends

/// Against a real llama.cpp server (`scripts/llama-server.sh start` prints its URL):
/// `TOKENPACE_LIVE_URL=http://127.0.0.1:18080 swift test --filter LiveServerTests`.
///
/// Each protocol streams first (so TTFT includes a real prefill), then the same request is made
/// without streaming at temperature 0; the assembled text must be the server's whole answer.
/// The answer is cut by `max_tokens`, so every generated token is a streamed piece.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["TOKENPACE_LIVE_URL"] != nil,
        "set TOKENPACE_LIVE_URL (e.g. from scripts/llama-server.sh start) to run the live-server tests"),
    .timeLimit(.minutes(5)))
struct LiveServerTests {
    let base = ProcessInfo.processInfo.environment["TOKENPACE_LIVE_URL"] ?? ""
    let chatPrompt = "Write a long story about a lighthouse keeper and a storm."
    /// The native endpoint applies no chat template, so it gets text to continue.
    let rawPrompt = "The three things that make an AI product feel fast are"
    let maxTokens = 24

    private func spec(_ kind: BackendKind, _ path: String = "") -> BackendSpec {
        BackendSpec(kind: kind, baseURL: base + path, model: "smollm2", maxTokens: maxTokens, temperature: 0, seed: 42)
    }

    private func prompt(_ spec: BackendSpec) -> String { spec.kind == .llamacpp ? rawPrompt : chatPrompt }

    private func stream(_ spec: BackendSpec) async -> Assembled {
        var events: [BackendEvent] = []
        let live = LiveStream(
            spec: spec, prompt: prompt(spec),
            options: StreamOptions(firstByteTimeout: .seconds(300), idleTimeout: .seconds(60), environment: [:]))
        for await event in live.events(client: testClient) { events.append(event) }
        return Assembled(events)
    }

    /// The server's whole answer to the same request without streaming.
    private func whole(_ spec: BackendSpec) async throws -> [String: Any] {
        let request = try spec.request(messages: [.user(prompt(spec))], stream: false, environment: [:])
        var http = HTTPClientRequest(url: request.url)
        http.method = .POST
        for header in request.headers { http.headers.add(name: header.name, value: header.value) }
        http.body = .bytes(ByteBuffer(bytes: request.body))
        // A client of its own: llama.cpp closes the connection the stream just used, and reusing it
        // at once would race that close.
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        let response = try await client.execute(http, timeout: .seconds(300))
        #expect(response.status.code == 200)
        let body = try await response.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        return try #require(json as? [String: Any])
    }

    @Test func openAIChatStreamMatchesTheServer() async throws {
        let out = await stream(spec(.openai, "/v1"))
        #expect(out.failure == nil)
        #expect(out.finished == .some("length"))
        let usage = try #require(out.usage)
        #expect(usage.completionTokens == maxTokens)
        #expect(out.tokens.map(\.count).reduce(0, +) == usage.completionTokens)
        let promptMs = try #require(out.timings?.promptMs)
        let ttft = try #require(out.ttft)
        #expect(ttft >= promptMs / 1000)
        #expect(out.isWellFormed)

        let reply = try await whole(spec(.openai, "/v1"))
        let choice = try #require((reply["choices"] as? [[String: Any]])?.first)
        #expect(out.text() == (choice["message"] as? [String: Any])?["content"] as? String)
        #expect((reply["usage"] as? [String: Any])?["completion_tokens"] as? Int == usage.completionTokens)
    }

    @Test func anthropicMessagesStreamMatchesTheServer() async throws {
        let out = await stream(spec(.anthropic))
        #expect(out.failure == nil)
        #expect(out.finished == .some("max_tokens"))
        let usage = try #require(out.usage)
        #expect(usage.completionTokens == maxTokens)
        #expect(out.tokens.map(\.count).reduce(0, +) == usage.completionTokens)
        #expect(try #require(out.ttft) > 0)

        let reply = try await whole(spec(.anthropic))
        let block = try #require((reply["content"] as? [[String: Any]])?.first)
        #expect(out.text() == block["text"] as? String)
        #expect((reply["usage"] as? [String: Any])?["output_tokens"] as? Int == usage.completionTokens)
    }

    @Test func nativeCompletionStreamMatchesTheServer() async throws {
        let out = await stream(spec(.llamacpp))
        #expect(out.failure == nil)
        #expect(out.finished == .some("limit"))
        let usage = try #require(out.usage)
        #expect(usage.completionTokens == maxTokens)
        #expect(out.tokens.map(\.count).reduce(0, +) == usage.completionTokens)
        let promptMs = try #require(out.timings?.promptMs)
        let ttft = try #require(out.ttft)
        #expect(ttft >= promptMs / 1000)

        let reply = try await whole(spec(.llamacpp))
        #expect(out.text() == reply["content"] as? String)
        #expect(reply["tokens_predicted"] as? Int == usage.completionTokens)
    }

    @Test func wrongPathIsAnHTTPErrorForThisPaneOnly() async throws {
        let out = await stream(BackendSpec(kind: .openai, baseURL: base + "/v1/nope", model: "m"))
        guard case .http(404, _) = out.failure else {
            Issue.record("expected HTTP 404, got \(String(describing: out.failure))")
            return
        }
    }
}
