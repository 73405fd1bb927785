import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

/// Odd payloads between two ordinary ones: what each decoder makes of them, event by event, and
/// that a payload it cannot read ends the stream with `.malformed` instead of a crash.
@Suite struct DecoderEdgeCaseTests {
    /// Events in a short, comparable spelling.
    static func spell(_ events: [BackendEvent]) -> [String] {
        events.map { event in
            switch event {
            case .token(let e): return "\(e.kind.rawValue):\(e.text)" + (e.count > 1 ? "×\(e.count)" : "")
            case .usage(let u): return "usage:\(u.promptTokens)/\(u.completionTokens)"
            case .serverTimings(let s): return "timings:\(s.promptTokens.map(String.init) ?? "-")"
            case .finished(let reason): return "finished:\(reason ?? "-")"
            case .failed(.malformed): return "malformed"
            case .failed(.streamError(let message, let type)): return "error:\(message)" + (type.map { "/\($0)" } ?? "")
            case .failed(let e): return "failed:\(e)"
            }
        }
    }

    static let openAICases: [(String, [String])] = [
        (
            #"{"choices":[{"index":0,"delta":{"content":"esc \"q\" \\ \/ \t \u00e9 \ud83d\ude00"},"finish_reason":null}]}"#,
            ["answer:esc \"q\" \\ / \t é 😀"]
        ),
        (#"{"choices":[{"delta":{"role":"assistant","content":null}}]}"#, []),
        (#"{"choices":[{"delta":{"reasoning_content":"","reasoning":"think"}}]}"#, ["reasoning:think"]),
        (#"{"choices":[{"delta":{"reasoningContent":"camel"}}]}"#, []),
        (#"{"choices":[{"delta":{"content":"first","content":"second"}}]}"#, ["answer:second"]),
        (#"{"choices":[{"delta":{"cont\u0065nt":"escaped key"}}]}"#, ["answer:escaped key"]),
        (#"{"choices":null,"usage":{"prompt_tokens":12.0,"completion_tokens":1e1}}"#, ["usage:12/10"]),
        (#"{"choices":[{"delta":{"tool_calls":[{"function":null},{}]}}]}"#, []),
        (#"{"choices":[],"timings":{"prompt_n":1,"prompt_ms":0.5,"cache_n":null}}"#, ["timings:1"]),
        (#"{"error":null,"choices":[{"delta":{"content":"null error"}}]}"#, ["answer:null error"]),
        (#" {"choices":[{"delta":{"content":"spaces"}}]} "#, ["answer:spaces"]),
        (#"{"error":{"message":"boom","type":"server_error"}}"#, ["error:boom/server_error"]),
        (#"{"error":"plain text error"}"#, ["error:plain text error"]),
        (#"{"choices":[{"delta":{"content":"lone \ud800"}}]}"#, ["malformed"]),
        (#"{"choices":[{"delta":{"content":"trailing comma"},}]}"#, ["malformed"]),
        (#"{"choices":[{"delta":{"content":5}}]}"#, ["malformed"]),
        (#"{"choices":[null]}"#, ["malformed"]),
        (#"{"choices":[],"timings":{"prompt_ms":1e400}}"#, ["malformed"]),
        (#"{"choices":[{"delta":{"content":"x"}}]} trailing"#, ["malformed"]),
        (#"["not an object"]"#, ["malformed"]),
        ("null", ["malformed"]),
        ("[DONE] ", ["finished:-"]),
    ]

    @Test(arguments: openAICases)
    func openAI(payload: String, middle: [String]) {
        let text =
            [#"{"choices":[{"delta":{"content":"a"}}]}"#, payload, #"{"choices":[{"delta":{"content":"z"}}]}"#]
            .map { "data: \($0)\n\n" }.joined() + "data: [DONE]\n\n"
        var want = ["answer:a"] + middle
        if !(middle.last.map { $0 == "malformed" || $0.hasPrefix("error:") || $0.hasPrefix("finished") } ?? false) {
            want += ["answer:z", "finished:-"]
        }
        #expect(Self.spell(decode(OpenAIChatDecoder(), text).events) == want)
    }

    @Test func anthropic() {
        let events = [
            (
                "message_start",
                #"{"type":"message_start","message":{"usage":{"input_tokens":3,"cache_read_input_tokens":2,"cache_creation_input_tokens":1}}}"#
            ),
            (
                "content_block_start",
                #"{"type":"content_block_start","content_block":{"type":"tool_use","name":"search","input":{}}}"#
            ),
            (
                "content_block_delta",
                #"{"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{\"q\":\"\u00e9\"}"}}"#
            ),
            (
                "content_block_delta",
                #"{"type":"content_block_delta","delta":{"type":"text_delta","text":"a","text":"b"}}"#
            ),
            (
                "content_block_delta",
                #"{"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"hm"}}"#
            ),
            ("message", #"{"type":"content_block_delta","delta":{"type":"text_delta","text":"typed by payload"}}"#),
            (
                "message_delta",
                #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9,"input_tokens":null}}"#
            ),
            ("message_stop", #"{"type":"message_stop"}"#),
        ]
        let text = events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()
        #expect(
            Self.spell(decode(AnthropicMessagesDecoder(), text).events) == [
                "tool-call:search ", #"tool-call:{"q":"é"}"#, "answer:b", "reasoning:hm", "answer:typed by payload",
                "usage:6/9", "finished:end_turn",
            ])
    }

    @Test func ollama() {
        let lines = [
            #"{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"b":2,"a":[1,null]}}}]},"done":false}"#,
            #"{"message":{"content":"\u00e9\ud83d\ude00","tool_calls":[]},"done":false}"#,
            #"{"response":"gen","thinking":"t","done":null}"#,
            #"{"message":{"content":"x"},"done":false,"eval_count":1.0}"#,
            #"{"error":"model runner has unexpectedly stopped"}"#,
        ]
        #expect(
            Self.spell(decode(OllamaChatDecoder(), lines.joined(separator: "\n") + "\n").events) == [
                #"tool-call:f {"b":2,"a":[1,null]}"#, "answer:é😀", "reasoning:t", "answer:gen", "answer:x",
                "error:model runner has unexpectedly stopped",
            ])
    }

    @Test func llamaCpp() {
        let payloads = [
            #"{"content":"a","tokens":[1,2],"stop":false}"#, #"{"content":"b","tokens":null,"stop":null}"#,
            #"{"content":"","tokens":[],"stop":true,"stop_type":"eos","tokens_predicted":3,"tokens_evaluated":4,"timings":{"prompt_n":4,"cache_n":1,"predicted_ms":2.5}}"#,
        ]
        let text = payloads.map { "data: \($0)\n\n" }.joined()
        #expect(
            Self.spell(decode(LlamaCppCompletionDecoder(), text).events) == [
                "answer:a×2", "answer:b", "usage:4/3", "timings:4", "finished:eos",
            ])
        for bad in [#"{"content":"c","tokens":[null]}"#, #"{"content":"d","tokens":[1.5]}"#] {
            #expect(Self.spell(decode(LlamaCppCompletionDecoder(), "data: \(bad)\n\n").events) == ["malformed"])
        }
    }
}
