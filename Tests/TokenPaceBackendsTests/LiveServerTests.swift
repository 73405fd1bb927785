import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import TokenPaceCore
import TokenPaceTestSupport
import TokenPaceWire

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
    /// A native pane with `@raw` sends text to continue, without the chat template.
    let rawPrompt = "The three things that make an AI product feel fast are"
    let maxTokens = 24

    private func spec(_ kind: BackendKind, _ path: String = "") -> BackendSpec {
        BackendSpec(
            kind: kind, baseURL: base + path, model: "smollm2", maxTokens: maxTokens, temperature: 0, seed: 42,
            rawPrompt: kind == .llamacpp)
    }

    private func prompt(_ spec: BackendSpec) -> String { spec.rawPrompt ? rawPrompt : chatPrompt }

    private func stream(_ spec: BackendSpec, prompt: String? = nil) async -> Assembled {
        var events: [BackendEvent] = []
        let live = LiveStream(
            spec: spec, prompt: prompt ?? self.prompt(spec),
            options: StreamOptions(firstByteTimeout: .seconds(300), idleTimeout: .seconds(60), environment: [:]))
        for await event in live.events(client: testClient) { events.append(event) }
        return Assembled(events)
    }

    /// The dashboard's default question: the first chat sample.
    private func defaultChatQuestion() throws -> String {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Samples").standardized.path
        let chat = try SampleLibrary(directory: samples).samples(for: .chat).sorted { $0.id < $1.id }
        return try #require(chat.first).prompt
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

    /// `llamacpp:URL` applies the model's chat template, so an instruct model answers the question
    /// (given bare text it ends its turn at once), as the OpenAI pane of the same server does.
    @Test func nativePaneAnswersTheDefaultChatQuestion() async throws {
        let question = try defaultChatQuestion()
        let native = BackendSpec(kind: .llamacpp, baseURL: base, maxTokens: 400, temperature: 0, seed: 42)
        #expect(native.appliesChatTemplate)
        let out = await stream(native, prompt: question)
        #expect(out.failure == nil)
        let usage = try #require(out.usage)
        #expect(usage.completionTokens >= 24)
        #expect(usage.completionTokens < 400)
        // llama.cpp's own word for the model ending its turn (OpenAI's `stop`), not the token limit;
        // the end-of-sequence token it counts is never sent as text.
        #expect(out.finished == .some("eos"))
        #expect(out.tokens.map(\.count).reduce(0, +) + 1 == usage.completionTokens)
        #expect(out.text().split(separator: " ").count >= 10)
        // The template puts the question in the prompt: far more tokens than the question alone.
        #expect(usage.promptTokens > question.split(separator: " ").count + 10)

        let openAI = await stream(
            BackendSpec(
                kind: .openai, baseURL: base + "/v1", model: "smollm2", maxTokens: 400, temperature: 0, seed: 42),
            prompt: question)
        #expect(openAI.finished == .some("stop"))
        #expect(openAI.usage?.promptTokens == usage.promptTokens)
    }

    /// A staged pane against the real server, over OpenAI chat and the native endpoint (with its
    /// chat template): the model writes a real outline (at most `StageRequest.maxTokens` tokens),
    /// then the answer; the answer's times come after the outline's end.
    @Test(arguments: [BackendKind.openai, .llamacpp])
    func stagedPaneWritesARealOutlineThenTheAnswer(kind: BackendKind) async throws {
        let spec = BackendSpec(
            kind: kind, baseURL: base + (kind == .openai ? "/v1" : ""), model: "smollm2", maxTokens: 60,
            temperature: 0, seed: 42)
        let staged = StagedStream(
            spec: spec, messages: [.system("You are a helpful assistant."), .user(try defaultChatQuestion())],
            options: StreamOptions(firstByteTimeout: .seconds(300), idleTimeout: .seconds(60), environment: [:]))
        var events: [StagedEvent] = []
        for await e in staged.events(client: testClient) { events.append(e) }
        let stage = events.compactMap { if case .stageToken(let e) = $0 { e } else { nil } }
        let answer = events.compactMap { if case .answer(.token(let e)) = $0 { e } else { nil } }
        let ended = events.compactMap { if case .stageEnded(let at, _, let u, _) = $0 { (at, u) } else { nil } }
        // The server counts the outline request's prompt: the question and the outline instruction.
        let outlinePrompt = events.compactMap { if case .stageEnded(_, _, _, let p) = $0 { p } else { nil } }
        #expect(outlinePrompt.count == 1 && outlinePrompt[0] > Tokenizer.count(StageRequest.instruction))
        #expect(!stage.isEmpty && !answer.isEmpty)
        #expect(stage.map(\.count).reduce(0, +) <= StageRequest.maxTokens)
        let (at, usage) = try #require(ended.first)
        #expect((usage ?? 0) <= StageRequest.maxTokens + 1)
        #expect(at >= stage.last!.t)
        #expect(answer.first!.t > at)
        guard case .answer(.finished)? = events.last else {
            Issue.record("the pair did not finish: \(String(describing: events.last))")
            return
        }
    }

    @Test func wrongPathIsAnHTTPErrorForThisPaneOnly() async throws {
        let out = await stream(BackendSpec(kind: .openai, baseURL: base + "/v1/nope", model: "m"))
        guard case .http(404, _) = out.failure else {
            Issue.record("expected HTTP 404, got \(String(describing: out.failure))")
            return
        }
    }
}
