import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceServe

@Suite(.serialized, .timeLimit(.minutes(5))) struct ServeHTTPTests {
    static let chatBody =
        #"{"model":"m1","messages":[{"role":"user","content":"Say hi"}],"stream":true,"stream_options":{"include_usage":true}}"#

    @Test func streamHasOpenAIShape() async throws {
        try await ServeHarness.with(ServeHarness.options(reasoning: true)) { h in
            let reply = try await RawHTTP.send(
                port: h.port, method: "POST", path: "/v1/chat/completions", body: Self.chatBody)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "text/event-stream")
            let data = sseData(reply.body)
            #expect(data.last == "[DONE]")
            let chunks = try data.dropLast().map { try JSONValue.parse($0) }
            #expect(chunks.count == 11)  // role, 8 tokens, finish, usage
            let first = chunks[0]["choices"]?.array?.first?["delta"]
            #expect(first?["role"] == .string("assistant"))
            #expect(first?["content"] == .string(""))
            var reasoning = ""
            var content = ""
            for c in chunks[1...8] {
                #expect(c["object"] == .string("chat.completion.chunk"))
                #expect(c["model"] == .string("m1"))
                let delta = c["choices"]?.array?.first?["delta"]
                reasoning += delta?["reasoning_content"]?.string ?? ""
                content += delta?["content"]?.string ?? ""
                #expect(c["choices"]?.array?.first?["finish_reason"] == .null)
            }
            #expect(reasoning == "Let me think.")
            #expect(content == "Hello, wörld 🚀\n\nDone.")
            #expect(chunks[9]["choices"]?.array?.first?["finish_reason"] == .string("stop"))
            #expect(chunks[10]["choices"] == .array([]))
            #expect(chunks[10]["usage"]?["completion_tokens"] == .number(8))
            #expect(chunks[10]["usage"]?["completion_tokens_details"]?["reasoning_tokens"] == .number(3))
            #expect(Set(chunks.compactMap { $0["id"]?.string }).count == 1)
            let record = await h.next(1)[0]
            #expect(record.completed && record.sentTokens == 8 && record.stream)
            // The server tallies its own pacing of the stream; the time figures are only bounded.
            let pace = try #require(record.pace)
            #expect(pace.firstLate! >= 0 && pace.worstLate! >= pace.firstLate!)
            #expect(record.arrived! >= 0)
            #expect(record.logLine.contains("pace: first token +"))
        }
    }

    /// Without `--reasoning on` the answer alone is sent: the first token a client sees is content,
    /// at the TTFT asked for, even when the client asks Ollama to think.
    @Test func noReasoningUnlessTurnedOn() async throws {
        try await ServeHarness.with(ServeHarness.options(rate: 2000, ttft: 0.05)) { h in
            let reply = try await RawHTTP.send(
                port: h.port, method: "POST", path: "/v1/chat/completions", body: Self.chatBody)
            let chunks = try sseData(reply.body).dropLast().map { try JSONValue.parse($0) }
            #expect(chunks.count == 8)  // role, 5 tokens, finish, usage
            #expect(!reply.body.contains("reasoning_content"))
            let first = chunks[1]["choices"]?.array?.first?["delta"]
            #expect(first?["content"] == .string("Hello"))
            #expect(chunks[7]["usage"]?["completion_tokens"] == .number(5))
            #expect(chunks[7]["usage"]?["completion_tokens_details"]?["reasoning_tokens"] == .number(0))
            let record = await h.next(1)[0]
            #expect(record.ttft == 0.05)

            let think = #"{"model":"m","messages":[{"role":"user","content":"x"}],"think":true,"stream":false}"#
            let ollama = try JSONValue.parse(
                try await RawHTTP.send(port: h.port, method: "POST", path: "/api/chat", body: think).body)
            #expect(ollama["message"]?["thinking"] == nil)
            #expect(ollama["message"]?["content"] == .string("Hello, wörld 🚀\n\nDone."))
        }
    }

    @Test func noUsageChunkUnlessAsked() async throws {
        try await ServeHarness.with(ServeHarness.options()) { h in
            let body = #"{"messages":[{"role":"user","content":"x"}],"stream":true}"#
            let reply = try await RawHTTP.send(port: h.port, method: "POST", path: "/v1/chat/completions", body: body)
            let data = sseData(reply.body)
            #expect(data.count == 8)  // role, 5 answer tokens (no reasoning by default), finish, [DONE]
            #expect(!reply.body.contains("\"usage\""))
        }
    }

    @Test func nonStreamingReturnsOneCompletion() async throws {
        try await ServeHarness.with(ServeHarness.options(reasoning: true)) { h in
            let body = #"{"model":"m2","messages":[{"role":"user","content":"x"}],"max_tokens":5}"#
            let reply = try await RawHTTP.send(port: h.port, method: "POST", path: "/v1/chat/completions", body: body)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "application/json")
            let json = try JSONValue.parse(reply.body)
            #expect(json["object"] == .string("chat.completion"))
            let choice = json["choices"]?.array?.first
            #expect(choice?["message"]?["content"] == .string("Hello,"))
            #expect(choice?["message"]?["reasoning_content"] == .string("Let me think."))
            #expect(choice?["finish_reason"] == .string("length"))
            #expect(json["usage"]?["completion_tokens"] == .number(5))
        }
    }

    @Test func ollamaChatStreamsNDJSON() async throws {
        try await ServeHarness.with(ServeHarness.options(reasoning: true)) { h in
            let body = #"{"model":"llama3","messages":[{"role":"user","content":"hi there"}]}"#
            let reply = try await RawHTTP.send(port: h.port, method: "POST", path: "/api/chat", body: body)
            #expect(reply.headers["content-type"] == "application/x-ndjson")
            let lines = try reply.body.split(separator: "\n").map { try JSONValue.parse(String($0)) }
            #expect(lines.count == 9)
            #expect(lines.dropLast().allSatisfy { $0["done"] == .bool(false) })
            #expect(lines.map { $0["message"]?["thinking"]?.string ?? "" }.joined() == "Let me think.")
            #expect(lines.map { $0["message"]?["content"]?.string ?? "" }.joined() == "Hello, wörld 🚀\n\nDone.")
            let last = lines.last!
            #expect(last["done"] == .bool(true))
            #expect(last["done_reason"] == .string("stop"))
            #expect(last["eval_count"] == .number(8))
            #expect(last["prompt_eval_count"]?.int == PromptEstimate.count("hi there"))
            #expect(last["total_duration"]?.int != nil)
            #expect(last["model"] == .string("llama3"))
        }
    }

    @Test func ollamaThinkFalseDropsReasoning() async throws {
        try await ServeHarness.with(ServeHarness.options(reasoning: true)) { h in
            let body = #"{"model":"m","messages":[{"role":"user","content":"x"}],"think":false,"stream":false}"#
            let reply = try await RawHTTP.send(port: h.port, method: "POST", path: "/api/chat", body: body)
            let json = try JSONValue.parse(reply.body)
            #expect(json["message"]?["thinking"] == nil)
            #expect(json["eval_count"] == .number(5))
            #expect(json["done"] == .bool(true))
        }
    }

    @Test func unknownRouteIs404AndWrongMethodIs405WithJSONBodies() async throws {
        try await ServeHarness.with(ServeHarness.options()) { h in
            let missing = try await RawHTTP.send(port: h.port, method: "GET", path: "/v1/nothing")
            #expect(missing.status == 404)
            let e404 = try JSONValue.parse(missing.body)["error"]
            #expect(e404?["type"] == .string("not_found_error"))
            #expect(e404?["message"]?.string?.contains("/v1/nothing") == true)

            let wrong = try await RawHTTP.send(port: h.port, method: "GET", path: "/v1/chat/completions")
            #expect(wrong.status == 405)
            #expect(wrong.headers["allow"] == "POST")
            let e405 = try JSONValue.parse(wrong.body)["error"]
            #expect(e405?["type"] == .string("method_not_allowed"))
            #expect(e405?["message"] != nil)

            let bad = try await RawHTTP.send(port: h.port, method: "POST", path: "/v1/chat/completions", body: "{nope")
            #expect(bad.status == 400)
            #expect(try JSONValue.parse(bad.body)["error"]?["type"] == .string("invalid_request_error"))

            let models = try await RawHTTP.send(port: h.port, method: "GET", path: "/v1/models")
            #expect(try JSONValue.parse(models.body)["data"]?.array?.first?["id"] == .string("pace-test"))
        }
    }

    @Test func invalidChatRequestsAre400WithJSONBodiesAndLogged() async throws {
        let lines = LogLines()
        var options = ServeHarness.options()
        options.log = { lines.append($0) }
        try await ServeHarness.with(options) { h in
            let cases: [(String, String, String)] = [
                ("/v1/chat/completions", "{}", "'messages' is a required property"),
                ("/v1/chat/completions", #"{"messages":"x"}"#, "'messages' must be an array"),
                ("/v1/chat/completions", #"{"messages":[]}"#, "at least one message"),
                ("/v1/chat/completions", #"{"messages":["hi"]}"#, "'messages[0]' must be an object"),
                (
                    "/v1/chat/completions", #"{"messages":[{"role":"user","content":"hi"}],"max_tokens":-1}"#,
                    "'max_tokens'"
                ),
                (
                    "/v1/chat/completions", #"{"messages":[{"role":"user","content":"hi"}],"max_completion_tokens":0}"#,
                    "'max_completion_tokens'"
                ),
                ("/v1/chat/completions", #"{"messages":[{"role":"user","content":"hi"}],"stream":"yes"}"#, "'stream'"),
                ("/api/chat", #"{"model":"m","messages":"x"}"#, "'messages' must be an array"),
                ("/v1/chat/completions", #"{"messages":[{"role":"user","content":5}]}"#, "'messages[0].content'"),
            ]
            for (path, body, message) in cases {
                let reply = try await RawHTTP.send(port: h.port, method: "POST", path: path, body: body)
                #expect(reply.status == 400, "\(body)")
                let error = try JSONValue.parse(reply.body)["error"]
                #expect(error?["type"] == .string("invalid_request_error"), "\(body)")
                #expect(error?["code"]?.int == 400)
                #expect(error?["message"]?.string?.contains(message) == true, "\(body): \(reply.body)")
            }
            let records = await h.next(cases.count)
            #expect(records.allSatisfy { $0.status == 400 })
        }
        #expect(lines.all.filter { $0.contains(" 400 ") && $0.contains("(") }.count == 9)
    }

    @Test func ollamaChatWithoutMessagesLoadsTheModelAndAnswersAtOnce() async throws {
        let lines = LogLines()
        var options = ServeHarness.options(rate: 1, ttft: 30)
        options.log = { lines.append($0) }
        try await ServeHarness.with(options) { h in
            for body in ["{}", #"{"model":"llama3","messages":[]}"#] {
                let reply = try await RawHTTP.send(port: h.port, method: "POST", path: "/api/chat", body: body)
                #expect(reply.status == 200)
                #expect(reply.headers["content-type"] == "application/json")
                let json = try JSONValue.parse(reply.body)
                #expect(json["done"] == .bool(true))
                #expect(json["done_reason"] == .string("load"))
                #expect(json["message"]?["content"] == .string(""))
                #expect(json["message"]?["role"] == .string("assistant"))
                #expect(json["created_at"]?.string != nil)
                #expect(json["model"] == .string(body == "{}" ? "pace-test" : "llama3"))
            }
            let records = await h.next(2)
            #expect(records.allSatisfy { $0.status == 200 && $0.sentTokens == 0 })
        }
        #expect(lines.all.filter { $0.contains("POST /api/chat 200") }.count == 2)
    }

    @Test func retrievesAModel() async throws {
        try await ServeHarness.with(ServeHarness.options()) { h in
            for path in ["/v1/models/pace-test", "/models/gpt-4o-mini"] {
                let reply = try await RawHTTP.send(port: h.port, method: "GET", path: path)
                #expect(reply.status == 200, "\(path)")
                let model = try JSONValue.parse(reply.body)
                #expect(model["object"] == .string("model"))
                #expect(model["id"]?.string == String(path.split(separator: "/").last!))
            }
            let wrong = try await RawHTTP.send(port: h.port, method: "POST", path: "/v1/models/pace-test")
            #expect(wrong.status == 405)
        }
    }

    @Test func concurrentClientsEachGetTheirOwnStream() async throws {
        let tokens = (0..<40).map { Token(" t\($0)") }
        try await ServeHarness.with(ServeHarness.options(rate: 200, ttft: 0.05, tokens: tokens)) { h in
            async let a = RawHTTP.send(port: h.port, method: "POST", path: "/v1/chat/completions", body: Self.chatBody)
            async let b = RawHTTP.send(
                port: h.port, method: "POST", path: "/api/chat", body: #"{"messages":[{"role":"user","content":"x"}]}"#)
            let (ra, rb) = try await (a, b)
            #expect(sseData(ra.body).count == 44)  // role, 40 tokens, finish, usage, [DONE]
            #expect(rb.body.split(separator: "\n").count == 41)
            let records = await h.next(2)
            #expect(records.allSatisfy { $0.completed && $0.sentTokens == 40 })
            // Served side by side, not one after the other.
            #expect(records[0].started < records[1].ended && records[1].started < records[0].ended)
        }
    }

    @Test func clientThatLeavesStopsOnlyItsOwnStream() async throws {
        let tokens = (0..<100).map { Token(" t\($0)") }
        try await ServeHarness.with(ServeHarness.options(rate: 100, ttft: 0, tokens: tokens)) { h in
            async let stay = RawHTTP.send(
                port: h.port, method: "POST", path: "/v1/chat/completions", body: Self.chatBody)
            async let leave = RawHTTP.send(
                port: h.port, method: "POST", path: "/v1/chat/completions", body: Self.chatBody, stopAfter: "t3\"")
            let (kept, left) = try await (stay, leave)
            #expect(sseData(kept.body).last == "[DONE]")
            #expect(!left.body.contains("[DONE]"))
            let records = await h.next(2)
            let gone = try #require(records.first { !$0.completed })
            #expect(gone.sentTokens < 100)
            #expect(records.contains { $0.completed && $0.sentTokens == 100 })
            #expect(gone.logLine.contains("client left after"))
        }
    }
}

/// Log lines a server wrote, collected from its tasks.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
