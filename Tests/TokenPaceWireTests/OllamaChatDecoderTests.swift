import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

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
        var decoder = OllamaChatDecoder()
        _ = decoder.feed(Self.stream, at: 0)
        #expect(decoder.report.model == "m")
        #expect(decoder.report.server?["total_duration"]?.number == 4_353_619_900)
        #expect(decoder.report.server.map { ServerTimings(reported: $0) } == timings)
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
        #expect(out.text(.toolCall) == #"get_weather {"city":"Paris","days":2}"#)
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
