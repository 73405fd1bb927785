import AsyncHTTPClient
import Foundation
import Testing
import TokenPaceCore
import TokenPaceTestSupport
import TokenPaceWire

@testable import TokenPaceBackends

/// llama.cpp native panes over a real socket: the chat template first (`POST /apply-template`),
/// then `/completion` with the templated prompt; `@raw` sends the text alone; a refused template
/// is the pane's failure in the server's words.
@Suite(.timeLimit(.minutes(5))) struct LlamaTemplateTests {
    static let templated = "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    /// How long the scripted server takes to answer the template request.
    static let templateMs = 40.0

    static func templateReply(_ body: String, status: Int = 200) -> [LoopbackServer.Step] {
        [.at(ms: templateMs), .head(status: status, headers: ["Content-Type": "application/json"]), .send(body), .end]
    }

    private func collect(_ spec: BackendSpec, capture: LiveCapture? = nil) async -> Assembled {
        var events: [BackendEvent] = []
        let options = StreamOptions(
            firstByteTimeout: LoopbackServer.patience, idleTimeout: LoopbackServer.patience, environment: [:],
            capture: capture)
        for await event in LiveStream(spec: spec, prompt: "hi", options: options).events(client: testClient) {
            events.append(event)
        }
        return Assembled(events)
    }

    @Test func templateThenCompletionAndTheRoundTripCountsInTTFT() async throws {
        let native = try Capture.load("llama-server-native-completion")
        let (steps, offsets) = native.replay(maxGapMs: 5)
        let reply = JSONValue.fields([("prompt", .string(Self.templated))]).tight
        let server = try await LoopbackServer { request in
            request.path == "/apply-template" ? Self.templateReply(reply) : steps
        }
        let received = LiveCapture()
        let out = await collect(try BackendSpec.parse("llamacpp:\(server.baseURL)"), capture: received)
        await server.stop()

        #expect(server.requests.map(\.path) == ["/apply-template", "/completion"])
        let template = try JSONValue.parse(server.requests[0].body)
        #expect(
            template
                == .fields([("messages", .array([.fields([("role", .string("user")), ("content", .string("hi"))])]))]))
        let completion = try JSONValue.parse(server.requests[1].body)
        #expect(completion["prompt"]?.string == Self.templated)
        #expect(completion["stream"]?.bool == true)

        #expect(out.failure == nil)
        #expect(out.text() == native.expected.text)
        #expect(out.finished == .some(native.expected.finishReason))
        // t = 0 is the template request: its round trip comes before the first token.
        let firstTokenChunk = try #require(native.chunks.firstIndex { $0.ms == native.expected.firstTokenMs })
        #expect(try #require(out.ttft) >= (Self.templateMs + offsets[firstTokenChunk]) / 1000)

        // What is kept for saving is the streaming request, and it converts like a capture file.
        let capture = try #require(received.capture)
        #expect(capture.path == "/completion")
        #expect(capture.request["prompt"]?.string == Self.templated)
        let trace = CaptureConverter.trace(capture)
        #expect(trace.text == out.text())
        #expect(trace.events.map(\.t) == out.tokens.map(\.t))
    }

    @Test func rawSendsTheTextAlone() async throws {
        let native = try Capture.load("llama-server-native-completion")
        let steps = native.replay(maxGapMs: 5).steps
        let server = try await LoopbackServer { _ in steps }
        let out = await collect(try BackendSpec.parse("llamacpp:\(server.baseURL)@raw"))
        await server.stop()
        #expect(server.requests.map(\.path) == ["/completion"])
        #expect(try JSONValue.parse(server.requests[0].body)["prompt"]?.string == "hi")
        #expect(out.failure == nil)
        #expect(out.text() == native.expected.text)
    }

    static let refusals: [(Int, String, String)] = [
        (
            500, #"{"error":{"code":500,"message":"this model has no chat template","type":"server_error"}}"#,
            "HTTP 500 Internal Server Error: applying the chat template (POST /apply-template): this model has no chat template (server_error)"
        ),
        (
            404, #"{"error":{"code":404,"message":"File Not Found","type":"not_found_error"}}"#,
            "HTTP 404 Not Found: applying the chat template (POST /apply-template): File Not Found (not_found_error); for text without a template, end the spec with @raw"
        ),
        (
            200, #"{"template":"?"}"#,
            #"unreadable stream data: /apply-template answered without a prompt: {"template":"?"}"#
        ),
    ]

    @Test(arguments: refusals)
    func aRefusedTemplateIsThePanesFailure(status: Int, body: String, shown: String) async throws {
        let server = try await LoopbackServer { request in
            request.path == "/apply-template" ? Self.templateReply(body, status: status) : [.head(status: 500), .end]
        }
        let received = LiveCapture()
        let out = await collect(try BackendSpec.parse("llamacpp:\(server.baseURL)"), capture: received)
        await server.stop()
        #expect(server.requests.map(\.path) == ["/apply-template"])
        #expect(out.failure?.description == shown)
        #expect(out.events.count == 1)
        #expect(out.tokens.isEmpty)
        #expect(received.capture == nil)
    }
}
