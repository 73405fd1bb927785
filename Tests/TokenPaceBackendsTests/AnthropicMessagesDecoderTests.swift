import Testing
import TokenPaceCore

@testable import TokenPaceBackends

@Suite struct AnthropicMessagesDecoderTests {
    private func event(_ name: String, _ json: String) -> String { "event: \(name)\ndata: \(json)\n\n" }

    private var start: String {
        event(
            "message_start",
            #"{"type":"message_start","message":{"id":"m","role":"assistant","content":[],"usage":{"input_tokens":25,"cache_read_input_tokens":5,"output_tokens":1}}}"#
        )
    }

    private var stop: String { event("message_stop", #"{"type":"message_stop"}"#) }

    @Test func capturedStreamAssemblesTheServersAnswer() throws {
        let capture = try Capture.load("llama-server-anthropic-messages")
        let out = decode(AnthropicMessagesDecoder(), capture.chunks.map { ($0.ms / 1000, $0.bytes) })
        #expect(out.text() == capture.expected.text)
        #expect(out.tokens.count == capture.expected.pieces)
        #expect(out.usage?.completionTokens == capture.expected.completionTokens)
        // input_tokens 30 plus 7 read from the prompt cache.
        #expect(out.usage?.promptTokens == capture.expected.promptTokens.map { $0 + 7 })
        #expect(out.usage?.cachedTokens == 7)
        #expect(out.finished == .some(capture.expected.finishReason))
        #expect(out.ttft == capture.expected.firstTokenMs.map { $0 / 1000 })
        #expect(out.isWellFormed)
    }

    @Test func thinkingTextAndToolUseAreTyped() {
        let out = decode(
            AnthropicMessagesDecoder(),
            start
                + event("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"#)
                + event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm"}}"#)
                + event("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}"#)
                + event("content_block_stop", #"{"type":"content_block_stop","index":0}"#)
                + event("ping", #"{"type":"ping"}"#)
                + event("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#)
                + event("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Sure"}}"#)
                + event("content_block_start", #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"t1","name":"search","input":{}}}"#)
                + event("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"q\":"}}"#)
                + event("content_block_delta", #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\"x\"}"}}"#)
                + event("some_future_event", #"{"type":"some_future_event","what":1}"#)
                + event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":17}}"#)
                + stop)
        #expect(out.tokens.map(\.kind) == [.reasoning, .answer, .toolCall, .toolCall, .toolCall])
        #expect(out.text(.reasoning) == "Hmm")
        #expect(out.text() == "Sure")
        #expect(out.text(.toolCall) == #"search{"q":"x"}"#)
        #expect(out.usage == Usage(promptTokens: 30, completionTokens: 17, cachedTokens: 5))
        #expect(out.finished == .some("tool_use"))
    }

    @Test func errorEventFailsWithServerMessage() {
        let out = decode(
            AnthropicMessagesDecoder(),
            start
                + event("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#))
        #expect(out.failure == .streamError(message: "Overloaded", type: "overloaded_error"))
        #expect(out.failure?.description == "server error mid-stream (overloaded_error): Overloaded")
    }

    @Test func streamWithoutMessageStopIsIncomplete() {
        let out = decode(AnthropicMessagesDecoder(), start)
        #expect(out.failure == .incompleteStream(expected: "event: message_stop"))
    }
}

@Suite struct OllamaChatDecoderTests {
    static let stream = """
        {"model":"m","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","thinking":"Let"},"done":false}
        {"model":"m","message":{"role":"assistant","content":"","thinking":" me see"},"done":false}
        {"model":"m","message":{"role":"assistant","content":"Hello"},"done":false}
        {"model":"m","message":{"role":"assistant","content":" wörld"},"done":false}
        {"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4353619900,"load_duration":63915300,"prompt_eval_count":10,"prompt_eval_duration":246847000,"eval_count":17,"eval_duration":4032296000}

        """

    @Test func contentThinkingAndFinalDurations() {
        let out = decode(OllamaChatDecoder(), Self.stream)
        #expect(out.text(.reasoning) == "Let me see")
        #expect(out.text() == "Hello wörld")
        #expect(out.tokens.map(\.kind) == [.reasoning, .reasoning, .answer, .answer])
        #expect(out.usage == Usage(promptTokens: 10, completionTokens: 17))
        let timings = out.timings
        #expect(abs((timings?.promptMs ?? 0) - 246.847) < 1e-9)
        #expect(abs((timings?.predictedMs ?? 0) - 4032.296) < 1e-9)
        #expect(abs((timings?.loadMs ?? 0) - 63.9153) < 1e-9)
        #expect(abs((timings?.predictedPerSecond ?? 0) - 17 / 4.032296) < 1e-9)
        #expect(out.finished == .some("stop"))
    }

    @Test func everySplitGivesTheSameResult() {
        let bytes = Array(Self.stream.utf8)
        let whole = decode(OllamaChatDecoder(), Self.stream)
        for seed in UInt64(1)...10 {
            let split = decode(OllamaChatDecoder(), randomPieces(bytes, seed: seed).map { (0, $0) })
            #expect(split.events == whole.events)
        }
    }

    @Test func toolCallsAreToolCallTokens() {
        let out = decode(
            OllamaChatDecoder(),
            #"{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Paris","days":2}}}]},"done":false}"#
                + "\n" + #"{"message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}"# + "\n")
        #expect(out.tokens.map(\.kind) == [.toolCall])
        #expect(out.text(.toolCall) == #"get_weather{"city":"Paris","days":2}"#)
    }

    @Test func errorLineFails() {
        let out = decode(
            OllamaChatDecoder(),
            #"{"message":{"role":"assistant","content":"Hi"},"done":false}"# + "\n"
                + #"{"error":"model runner has unexpectedly stopped"}"# + "\n")
        #expect(out.text() == "Hi")
        #expect(out.failure == .streamError(message: "model runner has unexpectedly stopped", type: nil))
    }

    @Test func generateEndpointFieldsAreReadToo() {
        let out = decode(
            OllamaChatDecoder(),
            #"{"response":"","thinking":"hm","done":false}"# + "\n" + #"{"response":"ok","done":false}"# + "\n"
                + #"{"response":"","done":true,"done_reason":"stop"}"#)
        #expect(out.text(.reasoning) == "hm")
        #expect(out.text() == "ok")
        #expect(out.finished == .some("stop"))
    }

    @Test func streamWithoutDoneIsIncomplete() {
        let out = decode(OllamaChatDecoder(), #"{"message":{"content":"Hi"},"done":false}"# + "\n")
        #expect(out.failure == .incompleteStream(expected: "a final line with \"done\": true"))
    }
}

@Suite struct LlamaCppCompletionDecoderTests {
    @Test func capturedStreamAssemblesTheServersAnswer() throws {
        let capture = try Capture.load("llama-server-native-completion")
        let out = decode(LlamaCppCompletionDecoder(), capture.chunks.map { ($0.ms / 1000, $0.bytes) })
        #expect(out.text() == capture.expected.text)
        #expect(out.tokens.count == capture.expected.pieces)
        #expect(out.tokens.map(\.count).reduce(0, +) == capture.expected.completionTokens)
        #expect(out.usage?.completionTokens == capture.expected.completionTokens)
        #expect(out.usage?.promptTokens == capture.expected.promptTokens)
        #expect(out.timings?.promptMs == capture.expected.promptMs)
        #expect(out.finished == .some(capture.expected.finishReason))
        #expect(out.ttft == capture.expected.firstTokenMs.map { $0 / 1000 })
        #expect(out.isWellFormed)
    }

    @Test func errorAndTruncation() {
        let error = decode(
            LlamaCppCompletionDecoder(),
            "data: {\"error\":{\"code\":500,\"message\":\"slot unavailable\",\"type\":\"server_error\"}}\n\n")
        #expect(error.failure == .streamError(message: "slot unavailable", type: "server_error"))
        let cut = decode(LlamaCppCompletionDecoder(), "data: {\"content\":\"a\",\"stop\":false}\n\n")
        #expect(cut.failure == .incompleteStream(expected: "a final chunk with \"stop\": true"))
    }
}
