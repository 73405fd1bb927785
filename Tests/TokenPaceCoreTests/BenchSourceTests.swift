import Testing

@testable import TokenPaceCore

@Suite struct BenchSourceTests {
    @Test func readsEachKindOfPane() throws {
        #expect(try BenchSource.parse("sim:60") == .simulated(rate: 60, firstToken: BenchSource.defaultFirstToken))
        #expect(try BenchSource.parse("sim:21@0.5s") == .simulated(rate: 21, firstToken: .fixed(0.5)))
        #expect(try BenchSource.parse("sim:21tok/s@300ms") == .simulated(rate: 21, firstToken: .fixed(0.3)))
        #expect(try BenchSource.parse("trace:run.jsonl@2x") == .trace(path: "run.jsonl", mode: .speed(2)))
        #expect(
            try BenchSource.parse("hw:rtx4090/llama-3.1-8b/q4_k_m")
                == .hardware(HardwareQuery(gpu: "rtx4090", model: "llama-3.1-8b", quant: "q4_k_m")))
        #expect(try BenchSource.parse("openai:http://127.0.0.1:18080/v1") == .live("openai:http://127.0.0.1:18080/v1"))
    }

    @Test(arguments: [
        ("sim:fast", "sim:fast"), ("sim:", "sim:"), ("sim:10,20", "sim:10,20"), ("sim:9000", "sim:9000"),
        ("sim:10@soon", "sim:10@soon"), ("hw:rtx4090/llama", "hw:rtx4090/llama"), ("trace:", "trace:"),
    ])
    func badSpecsNameTheSpec(spec: String, named: String) {
        #expect {
            try BenchSource.parse(spec)
        } throws: { error in
            (error as? ValueError)?.description.contains(named) == true
        }
    }

    @Test func emptySpecIsRefused() {
        #expect(throws: ValueError.self) { try BenchSource.parse("  ") }
    }

    @Test func answerStopsAtMaxTokensKeepingToolResults() {
        let tokens = [
            Token("a", kind: .toolCall), Token("r", kind: .toolResult), Token("b"), Token("c"), Token("d"),
        ]
        #expect(BenchComputed.answer(tokens, maxTokens: 2).map(\.text) == ["a", "r", "b"])
        #expect(BenchComputed.answer(tokens, maxTokens: nil).count == 5)
    }
}
