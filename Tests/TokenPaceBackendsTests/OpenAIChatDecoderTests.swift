import Testing
import TokenPaceCore

@testable import TokenPaceBackends

@Suite struct OpenAIChatDecoderTests {
    private func chunk(_ delta: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return "data: {\"choices\":[{\"index\":0,\"delta\":\(delta),\"finish_reason\":\(reason)}]}\n\n"
    }

    @Test(arguments: Capture.openAINames)
    func capturedStreamAssemblesTheServersAnswer(name: String) throws {
        let capture = try Capture.load(name)
        let out = decode(OpenAIChatDecoder(), capture.chunks.map { ($0.ms / 1000, $0.bytes) })
        #expect(out.text() == capture.expected.text)
        #expect(out.tokens.count == capture.expected.pieces)
        #expect(out.text(.reasoning).isEmpty)
        #expect(out.finished == .some(capture.expected.finishReason))
        #expect(out.failure == nil)
        #expect(out.usage?.completionTokens == capture.expected.completionTokens)
        #expect(out.usage?.promptTokens == capture.expected.promptTokens)
        #expect(out.timings?.promptMs == capture.expected.promptMs)
        #expect(out.timings?.predictedTokens == capture.expected.predictedTokens)
        #expect(out.ttft == capture.expected.firstTokenMs.map { $0 / 1000 })
        #expect(out.isWellFormed)
    }

    @Test func cachedPromptReportsCachedTokens() throws {
        let out = decode(OpenAIChatDecoder(), try Capture.load("llama-server-openai-summary-longprompt-cached").body.asText)
        #expect(out.usage?.cachedTokens == 2547)
        #expect(out.timings?.cachedTokens == 2547)
        #expect(out.timings?.promptTokens == 1)
    }

    @Test func capturedStreamSurvivesArbitrarySplits() throws {
        let capture = try Capture.load("llama-server-openai-chat-code")
        for seed in UInt64(1)...10 {
            let out = decode(OpenAIChatDecoder(), randomPieces(capture.body, seed: seed, maxPiece: 40).map { (0, $0) })
            #expect(out.text() == capture.expected.text)
            #expect(out.usage?.completionTokens == 200)
        }
    }

    @Test func roleOnlyAndEmptyDeltasAreNotTokens() {
        let out = decode(
            OpenAIChatDecoder(),
            chunk(#"{"role":"assistant","content":null}"#) + chunk(#"{"role":"assistant","content":""}"#)
                + chunk("{}") + chunk(#"{"content":"Hi"}"#) + chunk("{}", finish: "stop") + "data: [DONE]\n\n")
        #expect(out.tokens.map(\.text) == ["Hi"])
        #expect(out.finished == .some("stop"))
    }

    @Test func reasoningContentAndReasoningAreBothReasoning() {
        let out = decode(
            OpenAIChatDecoder(),
            chunk(#"{"reasoning_content":"Let me"}"#) + chunk(#"{"reasoning":" think"}"#)
                + chunk(#"{"content":null,"reasoning_content":"","reasoning":"."}"#) + chunk(#"{"content":"42"}"#)
                + "data: [DONE]\n\n")
        #expect(out.tokens.map(\.kind) == [.reasoning, .reasoning, .reasoning, .answer])
        #expect(out.text(.reasoning) == "Let me think.")
        #expect(out.text() == "42")
    }

    @Test func toolCallFragmentsAreToolCallTokens() {
        let out = decode(
            OpenAIChatDecoder(),
            chunk(#"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}"#)
                + chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"#)
                + chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"#)
                + chunk("{}", finish: "tool_calls") + "data: [DONE]\n\n")
        #expect(out.tokens.map(\.kind) == [.toolCall, .toolCall, .toolCall])
        #expect(out.text(.toolCall) == #"get_weather{"city":"Paris"}"#)
        #expect(out.finished == .some("tool_calls"))
    }

    @Test(arguments: [#""choices":[],"#, #""choices":null,"#, ""])
    func usageChunkWithEmptyNullOrMissingChoices(choices: String) {
        let usage =
            #"data: {\#(choices)"usage":{"prompt_tokens":12,"completion_tokens":34,"total_tokens":46,"#
            + #""completion_tokens_details":{"reasoning_tokens":20},"prompt_tokens_details":{"cached_tokens":8}}}"#
        let out = decode(OpenAIChatDecoder(), chunk(#"{"content":"x"}"#) + usage + "\n\ndata: [DONE]\n\n")
        #expect(out.usage == Usage(promptTokens: 12, completionTokens: 34, reasoningTokens: 20, cachedTokens: 8))
        #expect(out.tokens.count == 1)
        #expect(out.finished == .some(nil))
    }

    @Test func usageWithNullDetails() {
        let out = decode(
            OpenAIChatDecoder(),
            #"data: {"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"prompt_tokens_details":null}}"#
                + "\n\ndata: [DONE]\n\n")
        #expect(out.usage == Usage(promptTokens: 1, completionTokens: 2))
    }

    @Test func midStreamErrorObjectFailsWithServerMessage() {
        let out = decode(
            OpenAIChatDecoder(),
            chunk(#"{"content":"Hel"}"#)
                + #"data: {"error":{"message":"upstream overloaded","type":"server_error","code":503}}"#
                + "\n\n" + chunk(#"{"content":"lo"}"#))
        #expect(out.text() == "Hel")
        #expect(out.failure == .streamError(message: "upstream overloaded", type: "server_error"))
        #expect(out.isWellFormed)
    }

    @Test func namedErrorEventFails() {
        let out = decode(OpenAIChatDecoder(), "event: error\ndata: {\"error\":{\"message\":\"boom\"}}\n\n")
        #expect(out.failure == .streamError(message: "boom", type: nil))
    }

    @Test func streamWithoutDoneIsIncomplete() {
        let out = decode(OpenAIChatDecoder(), chunk(#"{"content":"cut"}"#) + chunk("{}", finish: "stop"))
        #expect(out.text() == "cut")
        #expect(out.failure == .incompleteStream(expected: "data: [DONE]"))
        #expect(out.failure?.description == "stream ended without data: [DONE]")
    }

    @Test func malformedJSONFails() {
        let out = decode(OpenAIChatDecoder(), "data: {\"choices\":[\n\n")
        if case .malformed(let detail) = out.failure {
            #expect(detail.contains("{\"choices\":["))
        } else {
            Issue.record("expected .malformed, got \(String(describing: out.failure))")
        }
    }

    @Test func tokenTimesAreTheArrivalTimesOfTheirBytes() {
        var decoder = OpenAIChatDecoder()
        let whole = Array(chunk(#"{"content":"αβ"}"#).utf8)
        let cut = whole.firstIndex(of: 0xCE)! + 1  // inside "α"
        #expect(decoder.feed(whole[..<cut], at: 1.0).isEmpty)
        let events = decoder.feed(whole[cut...], at: 2.5)
        #expect(events == [.token(TokenEvent(text: "αβ", kind: .answer, t: 2.5))])
    }
}

extension Array where Element == UInt8 {
    var asText: String { String(decoding: self, as: UTF8.self) }
}
