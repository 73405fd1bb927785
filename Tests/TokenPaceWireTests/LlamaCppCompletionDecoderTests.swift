import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

@Suite struct LlamaCppCompletionDecoderTests {
    @Test func capturedStreamAssemblesTheServersAnswer() throws {
        let name = "llama-server-native-completion"
        let expected = try Fixtures.expected(name)
        let out = decode(LlamaCppCompletionDecoder(), try Fixtures.pieces(name))
        #expect(out.text() == expected.text)
        #expect(out.tokens.count == expected.pieces)
        #expect(out.tokens.map(\.count).reduce(0, +) == expected.completionTokens)
        #expect(out.usage?.completionTokens == expected.completionTokens)
        #expect(out.usage?.promptTokens == expected.promptTokens)
        #expect(out.timings?.promptMs == expected.promptMs)
        #expect(out.finished == .some(expected.finishReason))
        #expect(out.ttft == expected.firstTokenMs.map { $0 / 1000 })
        #expect(out.isWellFormed)
        var decoder = LlamaCppCompletionDecoder()
        _ = decoder.feed(try Fixtures.body(name), at: 0)
        #expect(decoder.report.countsFromServer)
        #expect(decoder.report.usage?["tokens_cached"]?.int == 90)
        #expect(decoder.report.server?["prompt_per_second"]?.number != nil)
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
