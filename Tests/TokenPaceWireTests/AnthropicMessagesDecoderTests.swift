import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

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
        let name = "llama-server-anthropic-messages"
        let expected = try Fixtures.expected(name)
        let out = decode(AnthropicMessagesDecoder(), try Fixtures.pieces(name))
        #expect(out.text() == expected.text)
        #expect(out.tokens.count == expected.pieces)
        #expect(out.usage?.completionTokens == expected.completionTokens)
        // input_tokens 30 plus 7 read from the prompt cache.
        #expect(out.usage?.promptTokens == expected.promptTokens.map { $0 + 7 })
        #expect(out.usage?.cachedTokens == 7)
        #expect(out.finished == .some(expected.finishReason))
        #expect(out.ttft == expected.firstTokenMs.map { $0 / 1000 })
        #expect(out.isWellFormed)
        var decoder = AnthropicMessagesDecoder()
        _ = decoder.feed(try Fixtures.body(name), at: 0)
        #expect(decoder.report.model == "SmolLM2-135M-Instruct.Q4_1.gguf")
        // message_start's usage, its output count replaced by message_delta's.
        #expect(decoder.report.usage?["input_tokens"]?.int == 30)
        #expect(decoder.report.usage?["output_tokens"]?.int == expected.completionTokens)
    }

    @Test func thinkingTextAndToolUseAreTyped() {
        let out = decode(
            AnthropicMessagesDecoder(),
            start
                + event(
                    "content_block_start",
                    #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"#)
                + event(
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Hmm"}}"#)
                + event(
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}"#)
                + event("content_block_stop", #"{"type":"content_block_stop","index":0}"#)
                + event("ping", #"{"type":"ping"}"#)
                + event(
                    "content_block_start",
                    #"{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}"#)
                + event(
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Sure"}}"#)
                + event(
                    "content_block_start",
                    #"{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"t1","name":"search","input":{}}}"#
                )
                + event(
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"q\":"}}"#
                )
                + event(
                    "content_block_delta",
                    #"{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"\"x\"}"}}"#
                )
                + event("some_future_event", #"{"type":"some_future_event","what":1}"#)
                + event(
                    "message_delta",
                    #"{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":17}}"#)
                + stop)
        #expect(out.tokens.map(\.kind) == [.reasoning, .answer, .toolCall, .toolCall, .toolCall])
        #expect(out.text(.reasoning) == "Hmm")
        #expect(out.text() == "Sure")
        #expect(out.text(.toolCall) == #"search {"q":"x"}"#)
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
