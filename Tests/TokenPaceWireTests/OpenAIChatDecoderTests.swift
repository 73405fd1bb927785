import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

@Suite struct OpenAIChatDecoderTests {
    private func chunk(_ delta: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        return "data: {\"choices\":[{\"index\":0,\"delta\":\(delta),\"finish_reason\":\(reason)}]}\n\n"
    }

    @Test(arguments: Fixtures.openAI)
    func capturedStreamAssemblesTheServersAnswer(name: String) throws {
        let expected = try Fixtures.expected(name)
        var decoder = OpenAIChatDecoder()
        let out = decode(decoder, try Fixtures.pieces(name))
        #expect(out.text() == expected.text)
        #expect(out.tokens.count == expected.pieces)
        #expect(out.text(.reasoning).isEmpty)
        #expect(out.finished == .some(expected.finishReason))
        #expect(out.failure == nil)
        #expect(out.usage?.completionTokens == expected.completionTokens)
        #expect(out.usage?.promptTokens == expected.promptTokens)
        #expect(out.timings?.promptMs == expected.promptMs)
        #expect(out.timings?.predictedTokens == expected.predictedTokens)
        #expect(out.ttft == expected.firstTokenMs.map { $0 / 1000 })
        #expect(out.isWellFormed)
        _ = decoder.feed(try Fixtures.body(name), at: 0)
        #expect(decoder.report.model == "SmolLM2-135M-Instruct.Q4_1.gguf")
        #expect(decoder.report.server?["prompt_ms"]?.number == expected.promptMs)
        #expect(decoder.report.usage?["completion_tokens"]?.int == expected.completionTokens)
    }

    @Test func cachedPromptReportsCachedTokens() throws {
        let out = decode(OpenAIChatDecoder(), try Fixtures.body("llama-server-openai-summary-longprompt-cached").asText)
        #expect(out.usage?.cachedTokens == 2547)
        #expect(out.timings?.cachedTokens == 2547)
        #expect(out.timings?.promptTokens == 1)
    }

    @Test func capturedStreamSurvivesArbitrarySplits() throws {
        let body = try Fixtures.body("llama-server-openai-chat-code")
        let text = try Fixtures.expected("llama-server-openai-chat-code").text
        for seed in UInt64(1)...10 {
            let out = decode(OpenAIChatDecoder(), randomPieces(body, seed: seed, maxPiece: 40).map { (0, $0) })
            #expect(out.text() == text)
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
            chunk(
                #"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}"#
            )
                + chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"#)
                + chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}"#)
                + chunk("{}", finish: "tool_calls") + "data: [DONE]\n\n")
        #expect(out.tokens.map(\.kind) == [.toolCall, .toolCall, .toolCall])
        #expect(out.text(.toolCall) == #"get_weather {"city":"Paris"}"#)
        #expect(out.finished == .some("tool_calls"))
    }

    @Test func refusalIsAnswerText() {
        let out = decode(
            OpenAIChatDecoder(),
            chunk(#"{"content":null,"refusal":"I can't"}"#) + chunk(#"{"refusal":" help with that."}"#)
                + chunk("{}", finish: "stop") + "data: [DONE]\n\n")
        #expect(out.tokens.map(\.kind) == [.answer, .answer])
        #expect(out.text() == "I can't help with that.")
    }

    @Test func bothReasoningFieldsInOneDeltaAreOnePiece() {
        let out = decode(
            OpenAIChatDecoder(), chunk(#"{"reasoning_content":"Hmm","reasoning":"Hmm"}"#) + "data: [DONE]\n\n")
        #expect(out.tokens.map(\.text) == ["Hmm"])
        #expect(out.tokens.map(\.kind) == [.reasoning])
    }

    @Test func legacyCompletionTextIsAnswer() {
        let out = decode(
            OpenAIChatDecoder(),
            #"data: {"choices":[{"index":0,"text":"Once","finish_reason":null}]}"# + "\n\n"
                + #"data: {"choices":[{"index":0,"text":" upon","finish_reason":"length"}]}"# + "\n\ndata: [DONE]\n\n")
        #expect(out.text() == "Once upon")
        #expect(out.finished == .some("length"))
    }

    @Test func errorObjectWithoutMessageKeepsItsJSON() {
        let out = decode(OpenAIChatDecoder(), #"data: {"error":{"code":500}}"# + "\n\n")
        #expect(out.failure == .streamError(message: #"{"code":500}"#, type: nil))
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
