import AsyncHTTPClient
import Foundation
import NIOConcurrencyHelpers
import Testing
import TokenPaceCore
import TokenPaceTestSupport
import TokenPaceWire

@testable import TokenPaceBackends

/// The client against a real socket server replaying captured and crafted streams.
@Suite(.timeLimit(.minutes(5))) struct LiveStreamTests {
    let client = testClient
    let secret = "sk-live-test-SECRET-987"

    private func collect(_ stream: LiveStream, start: ContinuousClock.Instant? = nil) async -> Assembled {
        var events: [BackendEvent] = []
        for await event in stream.events(client: client, start: start) { events.append(event) }
        return Assembled(events)
    }

    /// llama.cpp panes send raw text here, as the native capture was recorded; the chat template
    /// step has its own tests (`LlamaTemplateTests`).
    private func spec(_ kind: BackendKind, _ server: LoopbackServer, model: String? = "m") -> BackendSpec {
        let base = kind == .openai ? server.baseURL + "/v1" : server.baseURL
        return BackendSpec(kind: kind, baseURL: base, model: model, rawPrompt: kind == .llamacpp)
    }

    private func options(firstByte: Duration = LoopbackServer.patience, idle: Duration = LoopbackServer.patience)
        -> StreamOptions
    {
        StreamOptions(firstByteTimeout: firstByte, idleTimeout: idle, environment: [:])
    }

    // MARK: captured streams

    static let replayed: [(String, BackendKind)] =
        Capture.openAINames.map { ($0, .openai) } + [
            ("llama-server-anthropic-messages", .anthropic), ("llama-server-native-completion", .llamacpp),
        ]

    @Test(arguments: replayed)
    func replayedCaptureGivesTheServersAnswerAndTiming(name: String, kind: BackendKind) async throws {
        let capture = try Capture.load(name)
        let (steps, offsets) = capture.replay()
        let server = try await LoopbackServer { _ in steps }
        let out = await collect(LiveStream(spec: spec(kind, server), prompt: "hi", options: options()))
        await server.stop()

        #expect(out.failure == nil)
        #expect(out.text() == capture.expected.text)
        #expect(out.tokens.count == capture.expected.pieces)
        #expect(out.usage?.completionTokens == capture.expected.completionTokens)
        #expect(out.finished == .some(capture.expected.finishReason))
        #expect(out.isWellFormed)
        let firstTokenChunk = try #require(capture.chunks.firstIndex { $0.ms == capture.expected.firstTokenMs })
        let ttft = try #require(out.ttft)
        #expect(ttft >= offsets[firstTokenChunk] / 1000)
        // Done (last token) is no earlier than the replayed send time of the last chunk holding a token.
        var decoder = kind.makeDecoder()
        let chunksWithTokens = capture.chunks.indices.filter { i in
            decoder.feed(capture.chunks[i].bytes, at: 0).contains { $0.isToken }
        }
        let lastTokenChunk = try #require(chunksWithTokens.last)
        #expect(try #require(out.tokens.last?.t) >= offsets[lastTokenChunk] / 1000)
        #expect(server.requests.map(\.path) == [capture.path])
    }

    @Test func requestSentIsTheProtocolsStreamingRequest() async throws {
        let capture = try Capture.load("llama-server-openai-chat-code")
        let server = try await LoopbackServer { _ in capture.replay(maxGapMs: 1).steps }
        var spec = spec(.openai, server, model: "smollm2")
        spec.maxTokens = 200
        spec.temperature = 0
        var options = options()
        options.environment = ["OPENAI_API_KEY": secret]
        _ = await collect(LiveStream(spec: spec, prompt: "hi", options: options))
        await server.stop()
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.headers["authorization"] == "Bearer \(secret)")
        #expect(request.headers["content-type"] == "application/json")
        let body = try #require(JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect((body["stream_options"] as? [String: Bool]) == ["include_usage": true])
        #expect(body["stream"] as? Bool == true)
    }

    // MARK: crafted streams per protocol

    @Test func openAIReasoningThenAnswerOverTheWire() async throws {
        let chunk: @Sendable (String) -> String = { "data: {\"choices\":[{\"index\":0,\"delta\":\($0)}]}\n\n" }
        let server = try await LoopbackServer { _ in
            [
                .head(status: 200), .at(ms: 30), .send(chunk(#"{"role":"assistant","content":null}"#)),
                .at(ms: 60), .send(chunk(#"{"reasoning_content":"Think"}"#)), .at(ms: 90),
                .send(chunk(#"{"reasoning":"ing"}"#)), .at(ms: 120), .send(chunk(#"{"content":"Done"}"#)),
                .at(ms: 130),
                .send(
                    #"data: {"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"completion_tokens_details":{"reasoning_tokens":2}}}"#
                        + "\n\ndata: [DONE]\n\n"), .end,
            ]
        }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.text(.reasoning) == "Thinking")
        #expect(out.text() == "Done")
        #expect(out.usage == Usage(promptTokens: 5, completionTokens: 3, reasoningTokens: 2))
        // TTFT is the first reasoning token, not the role-only chunk; TTFA comes later.
        let ttft = try #require(out.ttft)
        let ttfa = try #require(out.tokens.first { $0.kind == .answer }?.t)
        #expect(ttft >= 0.060)
        #expect(ttfa >= 0.120)
        #expect(ttfa > ttft)
    }

    static let ollamaStream = [
        #"{"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"Let"},"done":false}"#,
        #"{"model":"m","message":{"role":"assistant","content":"","thinking":" me see"},"done":false}"#,
        #"{"model":"m","message":{"role":"assistant","content":"Hello"},"done":false}"#,
        #"{"model":"m","message":{"role":"assistant","content":" wörld"},"done":false}"#,
        #"{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4353619900,"load_duration":63915300,"prompt_eval_count":10,"prompt_eval_duration":246847000,"eval_count":17,"eval_duration":4032296000}"#,
    ]

    @Test func ollamaNDJSONWithThinkingOverTheWire() async throws {
        let lines = Self.ollamaStream.map { $0 + "\n" }
        let server = try await LoopbackServer { _ in
            var steps: [LoopbackServer.Step] = [.head(status: 200, headers: ["Content-Type": "application/x-ndjson"])]
            for (i, line) in lines.enumerated() {
                // Split each line mid-way, the way a socket might.
                let bytes = Array(line.utf8)
                steps += [
                    .at(ms: Double(40 + 20 * i)), .send(Array(bytes[..<(bytes.count / 2)])),
                    .send(Array(bytes[(bytes.count / 2)...])),
                ]
            }
            return steps + [.end]
        }
        let out = await collect(LiveStream(spec: spec(.ollama, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.failure == nil)
        #expect(out.text(.reasoning) == "Let me see")
        #expect(out.text() == "Hello wörld")
        #expect(out.usage?.completionTokens == 17)
        #expect(try #require(out.ttft) >= 0.040)
        #expect(server.requests.first?.path == "/api/chat")
    }

    @Test func anthropicMidStreamErrorEvent() async throws {
        let server = try await LoopbackServer { _ in
            [
                .head(status: 200),
                .send(
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Par\"}}\n\n"
                ),
                .at(ms: 20),
                .send(
                    "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
                ),
            ]
        }
        let out = await collect(LiveStream(spec: spec(.anthropic, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.text() == "Par")
        #expect(out.failure?.description == "server error mid-stream (overloaded_error): Overloaded")
        #expect(out.isWellFormed)
    }

    // MARK: failures

    @Test func capturedContextErrorShowsTheServersMessage() async throws {
        let capture = try Capture.load("llama-server-openai-error-context-exceeded")
        let server = try await LoopbackServer { _ in capture.replay().steps }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        let message = try #require(capture.expected.errorMessage)
        #expect(out.failure == .http(status: 400, message: "\(message) (exceed_context_size_error)"))
        #expect(out.failure?.description.hasPrefix("HTTP 400 Bad Request: request (2548 tokens) exceeds") == true)
        #expect(out.events.count == 1)
    }

    static let httpErrors: [(BackendKind, Int, String, String)] = [
        (
            .openai, 401, #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#,
            "HTTP 401 Unauthorized: Incorrect API key provided (invalid_request_error) (check the key in $OPENAI_API_KEY)"
        ),
        (
            .ollama, 404, #"{"error":"model \"nope\" not found, try pulling it first"}"#,
            #"HTTP 404 Not Found: model "nope" not found, try pulling it first"#
        ),
        (
            .anthropic, 429, #"{"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}"#,
            "HTTP 429 Too Many Requests: Rate limited (rate_limit_error)"
        ),
        (
            .llamacpp, 503, #"{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"#,
            "HTTP 503 Service Unavailable: Loading model (unavailable_error)"
        ),
        (.openai, 502, "<html>bad gateway</html>", "HTTP 502 Bad Gateway: <html>bad gateway</html>"),
    ]

    @Test(arguments: httpErrors)
    func httpErrorsCarryTheServersMessage(kind: BackendKind, status: Int, body: String, expected: String) async throws {
        let server = try await LoopbackServer { _ in
            [.head(status: status, headers: ["Content-Type": "application/json"]), .send(body), .end]
        }
        var options = options()
        options.environment = ["OPENAI_API_KEY": secret, "ANTHROPIC_API_KEY": secret]
        let out = await collect(LiveStream(spec: spec(kind, server), prompt: "hi", options: options))
        await server.stop()
        #expect(out.failure?.description == expected)
        #expect(!(out.failure?.description.contains(secret) ?? true))
    }

    @Test func missingKeyIsNamedOn401() async throws {
        let server = try await LoopbackServer { _ in [.head(status: 401), .end] }
        let out = await collect(LiveStream(spec: spec(.anthropic, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.failure?.description == "HTTP 401 Unauthorized: no API key: set $ANTHROPIC_API_KEY")
    }

    @Test func connectionRefused() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let spec = BackendSpec(kind: .openai, baseURL: "http://127.0.0.1:\(port)/v1")
        let out = await collect(LiveStream(spec: spec, prompt: "hi", options: options()))
        withExtendedLifetime(refusing) {}
        #expect(out.failure == .connectionRefused(host: "127.0.0.1", port: port))
        #expect(out.failure?.description == "connection refused by 127.0.0.1:\(port) (is the server running?)")
    }

    @Test func unknownHost() async throws {
        let spec = BackendSpec(kind: .ollama, baseURL: "http://no-such-host.invalid:11434", model: "m")
        let out = await collect(LiveStream(spec: spec, prompt: "hi", options: options()))
        #expect(out.failure == .dnsFailure(host: "no-such-host.invalid"))
    }

    @Test func tlsToAPlainServer() async throws {
        let server = try await LoopbackServer { _ in [.head(status: 200), .end] }
        let spec = BackendSpec(kind: .openai, baseURL: "https://127.0.0.1:\(server.port)/v1")
        let out = await collect(LiveStream(spec: spec, prompt: "hi", options: options()))
        await server.stop()
        guard case .tls = out.failure else {
            Issue.record("expected a TLS failure, got \(String(describing: out.failure))")
            return
        }
    }

    @Test func timeoutBeforeFirstByte() async throws {
        let server = try await LoopbackServer { _ in [.head(status: 200)] }  // headers, then nothing
        let out = await collect(
            LiveStream(spec: spec(.openai, server), prompt: "hi", options: options(firstByte: .milliseconds(300))))
        await server.stop()
        #expect(out.failure == .timeoutBeforeFirstByte(0.3))
        #expect(out.failure?.description == "no response within 0.3 s (--first-byte-timeout)")
    }

    @Test func idleTimeoutMidStream() async throws {
        let server = try await LoopbackServer { _ in
            [
                .head(status: 200), .send("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"), .at(ms: 100),
                .send(": keep-alive\n"),
            ]
        }
        let out = await collect(
            LiveStream(
                spec: spec(.openai, server), prompt: "hi",
                options: options(firstByte: .seconds(5), idle: .milliseconds(400))))
        await server.stop()
        #expect(out.text() == "a")
        #expect(out.failure == .idleTimeout(0.4))
        #expect(out.isWellFormed)
    }

    @Test func connectionResetMidStream() async throws {
        let server = try await LoopbackServer { _ in
            [
                .head(status: 200), .send("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"), .at(ms: 50),
                .reset,
            ]
        }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.text() == "a")
        #expect(out.failure == .connectionReset)
    }

    @Test func connectionClosedBeforeAnyReplyIsSentOnceMore() async throws {
        // The first connection closes without a reply, as a kept-alive one the server has just
        // dropped does; the request goes out once more and streams.
        let count = NIOLockedValueBox(0)
        let server = try await LoopbackServer { _ in
            let n = count.withLockedValue {
                $0 += 1; return $0
            }
            if n == 1 { return [.close] }
            return [
                .head(status: 200), .send("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"),
                .send("data: [DONE]\n\n"), .end,
            ]
        }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.failure == nil)
        #expect(out.text() == "a")
        #expect(count.withLockedValue { $0 } == 2)
    }

    @Test func connectionThatAlwaysClosesFailsAfterOneMoreTry() async throws {
        let count = NIOLockedValueBox(0)
        let server = try await LoopbackServer { _ in
            count.withLockedValue { $0 += 1 }
            return [.close]
        }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.failure == .connectionReset)
        #expect(count.withLockedValue { $0 } == 2)
    }

    @Test func connectionClosedWithoutEndingTheBody() async throws {
        let server = try await LoopbackServer { _ in
            [
                .head(status: 200), .send("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"), .at(ms: 50),
                .close,
            ]
        }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.text() == "a")
        #expect(out.failure == .connectionReset)
    }

    @Test func bodyEndedWithoutDone() async throws {
        let server = try await LoopbackServer { _ in
            [
                .head(status: 200),
                .send("data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}\n\n"), .end,
            ]
        }
        let out = await collect(LiveStream(spec: spec(.openai, server), prompt: "hi", options: options()))
        await server.stop()
        #expect(out.failure == .incompleteStream(expected: "data: [DONE]"))
    }

    @Test func cancellingTheConsumerCancelsTheRequest() async throws {
        let server = try await LoopbackServer { _ in
            [.head(status: 200), .send("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n")]  // then holds
        }
        let stream = LiveStream(spec: spec(.openai, server), prompt: "hi", options: options(idle: .seconds(60)))
        let (firstToken, gotToken) = AsyncStream.makeStream(of: Void.self)
        let client = self.client
        let consumer = Task {
            var events: [BackendEvent] = []
            for await event in stream.events(client: client) {
                events.append(event)
                gotToken.yield()
            }
            return events
        }
        for await _ in firstToken { break }
        consumer.cancel()
        let closedPath = await firstOf(seconds: 5) { await server.nextEarlyClose() }
        #expect(closedPath == .some("/v1/chat/completions"))
        let events = await consumer.value
        #expect(!events.contains { $0.isTerminal })
        await server.stop()
    }

    @Test func onePanesFailureLeavesTheOthersAlone() async throws {
        let capture = try Capture.load("llama-server-openai-chat-nousage")
        let server = try await LoopbackServer { request in
            switch request.path {
            case "/good/v1/chat/completions": return capture.replay(maxGapMs: 20).steps
            case "/error/v1/chat/completions":
                return [
                    .head(status: 500, headers: ["Content-Type": "application/json"]), .send(#"{"error":"boom"}"#),
                    .end,
                ]
            case "/reset/v1/chat/completions":
                return [.head(status: 200), .send(Array(capture.chunks[0].bytes)), .reset]
            default: return [.head(status: 200)]  // silent: first-byte timeout
            }
        }
        let refused = try await LoopbackServer { _ in [] }
        let refusedPort = refused.port
        await refused.stop()
        // Only the silent pane has a short first-byte timeout, so a loaded machine cannot trip the others.
        let panes =
            ["good", "error", "reset", "silent"].map {
                LiveStream(
                    spec: BackendSpec(kind: .openai, baseURL: "\(server.baseURL)/\($0)/v1"), prompt: "hi",
                    options: options(firstByte: $0 == "silent" ? .milliseconds(500) : LoopbackServer.patience))
            } + [
                LiveStream(
                    spec: BackendSpec(kind: .openai, baseURL: "http://127.0.0.1:\(refusedPort)/v1"), prompt: "hi")
            ]
        let start = ContinuousClock.now
        let results = await withTaskGroup(of: (Int, Assembled).self) { group in
            for (i, pane) in panes.enumerated() {
                group.addTask { (i, await collect(pane, start: start)) }
            }
            var results: [Int: Assembled] = [:]
            for await (i, out) in group { results[i] = out }
            return results
        }
        await server.stop()
        let good = try #require(results[0])
        #expect(good.failure == nil)
        #expect(good.text() == capture.expected.text)
        #expect(good.finished == .some("stop"))
        #expect(results[1]?.failure == .http(status: 500, message: "boom"))
        #expect(results[2]?.failure == .connectionReset)
        #expect(results[3]?.failure == .timeoutBeforeFirstByte(0.5))
        #expect(results[4]?.failure == .connectionRefused(host: "127.0.0.1", port: refusedPort))
    }
}

extension BackendEvent {
    var isToken: Bool { if case .token = self { return true } else { return false } }
}

/// One client for the whole run, as the app would have; never shut down before the process ends.
let testClient = HTTPClient.makeForLiveBackends()

/// The operation's result, or nil if it takes longer than `seconds` (a bound, not a timing assertion).
func firstOf<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await operation() }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
