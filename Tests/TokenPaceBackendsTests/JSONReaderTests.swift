import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceBackends

/// The decoders' fast JSON reader: values, escapes, skipping, and that anything it should not
/// read itself is an error (the decoders then use `JSONDecoder`), never a crash.
@Suite struct JSONReaderTests {
    /// Reads `{"v": <value>}` (other members skipped) with `value`.
    private func member<T>(_ json: String, _ value: (inout JSONReader) throws(JSONReadError) -> T) throws(JSONReadError)
        -> T?
    {
        try JSONReader.read(json) { (r) throws(JSONReadError) -> T? in
            var out: T?
            _ = try r.object(JSONKeys("v")) { (_, r) throws(JSONReadError) in out = try value(&r) }
            return out
        }
    }

    private func string(_ json: String) throws(JSONReadError) -> String? { try member(json) { r throws(JSONReadError) in try r.string() } ?? nil }
    private func int(_ json: String) throws(JSONReadError) -> Int? { try member(json) { r throws(JSONReadError) in try r.int() } ?? nil }
    private func double(_ json: String) throws(JSONReadError) -> Double? { try member(json) { r throws(JSONReadError) in try r.double() } ?? nil }

    private func fails(_ json: String, _ read: (String) throws(JSONReadError) -> Any?) -> Bool {
        do {
            _ = try read(json)
            return false
        } catch {
            return true
        }
    }

    @Test func everyEscape() throws {
        #expect(try string(#"{"v":"q\" b\\ s\/ \b\f\n\r\t"}"#) == "q\" b\\ s/ \u{08}\u{0C}\n\r\t")
        #expect(try string(#"{"v":"\u0041\u00e9\u20AC\u0000."}"#) == "Aé€\u{0}.")
        #expect(try string(#"{"v":"plain é 🙂 text"}"#) == "plain é 🙂 text")
        #expect(try string(#"{"v":"mixed é\u00e9"}"#) == "mixed éé")
        #expect(try string(#"{"v":""}"#) == "")
    }

    @Test func surrogatePairsMakeOneCharacter() throws {
        #expect(try string(#"{"v":"\ud83d\ude00"}"#) == "😀")
        #expect(try string(#"{"v":"a\uD834\uDD1Eb"}"#) == "a𝄞b")
        #expect(try string(#"{"v":"\udbff\udfff"}"#) == "\u{10FFFF}")
    }

    @Test(arguments: [
        #"{"v":"\ud800"}"#, #"{"v":"\ud800x"}"#, #"{"v":"\udc00"}"#, #"{"v":"\ud800\u0041"}"#,
        #"{"v":"\ud800\n"}"#, #"{"other":"\ude00"}"#,
    ])
    func unpairedSurrogatesAreErrors(json: String) {
        #expect(fails(json, string))
    }

    @Test func irrelevantAndNestedMembersAreSkipped() throws {
        let json = """
            { "a" : {"b":[1, -2.5e3, {"c":"}]\\"{"}, [], {}], "d":null, "e":true, "f":false},
              "g": "x\\u00e9\\"", "h": [[[[]]]], "i": 0.0, "v" : "found", "j": {"v": "not this one"} }
            """
        #expect(try string(json) == "found")
        #expect(try string(#"{"v":"first","w":"second"}"#) == "first")
        #expect(try string(#"{"w":1}"#) == nil)
        #expect(try string("\t\r\n {\"v\" :\n\"spaced\" } \n") == "spaced")
    }

    @Test func numbers() throws {
        #expect(try int(#"{"v":0}"#) == 0)
        #expect(try int(#"{"v":-0}"#) == 0)
        #expect(try int(#"{"v":42}"#) == 42)
        #expect(try int(#"{"v":-17}"#) == -17)
        #expect(try int(#"{"v":9223372036854775807}"#) == Int.max)
        #expect(try int(#"{"v":-9223372036854775808}"#) == Int.min)
        #expect(try double(#"{"v":232.908}"#) == 232.908)
        #expect(try double(#"{"v":-1.5e-3}"#) == -0.0015)
        #expect(try double(#"{"v":1E+2}"#) == 100)
        #expect(try double(#"{"v":7}"#) == 7)
        #expect(try double(#"{"v":0.1}"#) == 0.1)
        #expect(try double(#"{"v":109.4607654662836}"#) == 109.4607654662836)
        // Integers the full decoder reads its own way, or not at all.
        for json in [#"{"v":9223372036854775808}"#, #"{"v":12.0}"#, #"{"v":1e2}"#, #"{"v":"1"}"#, #"{"v":true}"#] {
            #expect(fails(json, int), "\(json)")
        }
        #expect(fails(#"{"v":1e400}"#, double))
        // Not JSON numbers at all, even where they would be skipped.
        for bad in ["01", "1.", ".5", "+1", "-", "1e", "1e+", "-a", "0x10", "NaN", "Infinity", "1.5.2"] {
            #expect(fails(#"{"v":\#(bad)}"#, double), "\(bad)")
            #expect(fails(#"{"skipped":\#(bad),"v":1}"#, double), "\(bad) skipped")
        }
    }

    @Test func nullsReadAsNil() throws {
        #expect(try string(#"{"v":null}"#) == nil)
        #expect(try int(#"{"v":null}"#) == nil)
        #expect(try double(#"{"v":null}"#) == nil)
        #expect(try member(#"{"v":null}"#) { r throws(JSONReadError) in try r.bool() } == .some(nil))
        #expect(try member(#"{"v":null}"#) { r throws(JSONReadError) in try r.array { r throws(JSONReadError) in try r.int() } } == .some(nil))
        #expect(try member(#"{"v":null}"#) { r throws(JSONReadError) in try r.object(JSONKeys("x")) { _, r throws(JSONReadError) in try r.skipValue() } } == false)
        #expect(try member(#"{"v":[1,null,3]}"#) { r throws(JSONReadError) in try r.array { r throws(JSONReadError) in try r.int() } } == [1, nil, 3])
        #expect(try member(#"{"v":[]}"#) { r throws(JSONReadError) in try r.array { r throws(JSONReadError) in try r.int() } } == [])
        #expect(try member(#"{"v":true}"#) { r throws(JSONReadError) in try r.bool() } == true)
    }

    @Test func wrongTypesAreErrors() {
        #expect(fails(#"{"v":1}"#, string))
        #expect(fails(#"{"v":{}}"#, string))
        #expect(fails(#"{"v":"x"}"#, int))
        #expect(fails(#"{"v":nul}"#, string))
        #expect(fails(#"["v"]"#, string))
        // A null object is no object (the decoders turn a null chunk into an error themselves).
        #expect((try? JSONReader.read("null") { r throws(JSONReadError) in try r.beginObject() }) == false)
    }

    @Test func keysTheFullDecoderMightReadDifferentlyAreLeftToIt() {
        // A wanted key twice: JSONDecoder keeps the first; the reader does not guess.
        #expect(fails(#"{"v":"a","v":"b"}"#, string))
        // convertFromSnakeCase maps these onto reasoningContent; the reader only knows reasoning_content.
        for key in ["reasoningContent", "Reasoning_Content", "reasoning__content", "_v", "v_", "caf\u{e9}", #"\u0076"#] {
            #expect(fails(#"{"\#(key)":1,"v":"x"}"#, string), "\(key)")
        }
        // Plain snake-case keys it does not want are skipped.
        #expect((try? string(#"{"system_fingerprint":"b0","prompt_n2":1,"v":"x"}"#)) == "x")
    }

    @Test(arguments: [
        "", " ", "{", "}", "{\"v\"", "{\"v\":", "{\"v\":}", "{\"v\":\"x\"", "{\"v\":\"x\",}", "{\"w\":[1,],\"v\":\"x\"}",
        "{\"w\":{\"a\":1,},\"v\":\"x\"}", "{\"v\":\"\\x\"}", "{\"w\":\"\\x\"}", "{\"v\":\"\\u12\"}", "{\"v\":\"\\u12g4\"}",
        "{\"v\":tru}", "{\"v\":\"unterminated}", "{\"v\":\"tab\there\"}", "{\"v\":\"x\"} x", "{\"v\":\"x\"}}", "{v:1}",
        "{\"v\" \"x\"}", "{\"v\":\"x\" \"w\":1}", "{'v':'x'}", "[", "\u{FEFF}{\"v\":\"x\"}", "{\"v\":\"x\"\u{0}}",
    ])
    func malformedTextIsAnError(json: String) {
        #expect(fails(json, string))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(fails(#"{"w":\#(deep),"v":"x"}"#, string))
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? string(#"{"w":\#(ok),"v":"x"}"#)) == "x")
    }

    @Test func everyTruncationAndRandomBytesAreErrorsNotCrashes() {
        let chunk = #"{"choices":[{"finish_reason":null,"index":0,"delta":{"content":"é\u00e9\ud83d\ude00 \"q\""}}],"usage":{"prompt_tokens":53},"n":-1.5e3}"#
        let bytes = Array(chunk.utf8)
        for cut in 0..<bytes.count {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            #expect(throws: JSONReadError.self) { try JSONReader.read(text) { r throws(JSONReadError) in try r.skipValue() } }
        }
        #expect(throws: Never.self) { try JSONReader.read(chunk) { r throws(JSONReadError) in try r.skipValue() } }
        var rng = SplitMix64(seed: 7)
        let alphabet = Array(#"{}[]":,\ nultrfase0123456789.-+eEu"#.utf8)
        for _ in 0..<2000 {
            let n = Int(rng.next() % 40)
            let text = String(decoding: (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            _ = try? JSONReader.read(text) { r throws(JSONReadError) in try r.skipValue() }
        }
    }
}

/// The fast path against `JSONDecoder` alone (`fastJSON: false`): the same events for every
/// captured stream and every edge case, and the fast path really reads the captured streams.
@Suite struct FastDecodeEquivalenceTests {
    private func run<D: StreamDecoder>(_ decoder: D, _ pieces: [(Double, [UInt8])]) -> (events: [BackendEvent], decoder: D) {
        var decoder = decoder
        var events: [BackendEvent] = []
        for (t, bytes) in pieces { events += decoder.feed(bytes, at: t) }
        events += decoder.finish(at: pieces.last?.0 ?? 0)
        return (events, decoder)
    }

    private func splits(_ capture: Capture) -> [[(Double, [UInt8])]] {
        [capture.chunks.map { ($0.ms / 1000, $0.bytes) }, [(0, capture.body)]]
            + (UInt64(1)...5).map { seed in randomPieces(capture.body, seed: seed, maxPiece: 30).map { (0, $0) } }
    }

    static let captures = [
        "llama-server-openai-chat-code", "llama-server-openai-chat-nousage", "llama-server-openai-summary-longprompt",
        "llama-server-openai-summary-longprompt-cached", "llama-server-openai-error-context-exceeded",
        "llama-server-anthropic-messages", "llama-server-native-completion",
    ]

    @Test(arguments: captures)
    func capturedStreamDecodesTheSameBothWays(name: String) throws {
        let capture = try Capture.load(name)
        for pieces in splits(capture) {
            switch capture.path {
            case "/v1/messages":
                let fast = run(AnthropicMessagesDecoder(), pieces)
                #expect(fast.events == run(AnthropicMessagesDecoder(fastJSON: false), pieces).events)
                #expect(fast.decoder.payloads.fullDecodes == 0)
            case "/completion":
                let fast = run(LlamaCppCompletionDecoder(), pieces)
                #expect(fast.events == run(LlamaCppCompletionDecoder(fastJSON: false), pieces).events)
                #expect(fast.decoder.payloads.fullDecodes == 0)
            default:
                let fast = run(OpenAIChatDecoder(), pieces)
                let full = run(OpenAIChatDecoder(fastJSON: false), pieces)
                #expect(fast.events == full.events)
                if capture.status == 200 {
                    #expect(fast.decoder.payloads.fullDecodes == 0)
                    #expect(fast.events.count > 20)
                } else {
                    // The 400 body is one JSON error object: left to JSONDecoder, as before.
                    #expect(fast.decoder.payloads.fullDecodes <= 1)
                }
            }
        }
    }

    private func openAI(_ payloads: [String]) -> String {
        payloads.map { "data: \($0)\n\n" }.joined() + "data: [DONE]\n\n"
    }

    static let openAIEdgeCases: [String] = [
        #"{"choices":[{"index":0,"delta":{"content":"esc \"q\" \\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00"},"finish_reason":null}]}"#,
        #"{"choices":[{"delta":{"role":"assistant","content":null}}]}"#,
        #"{"choices":[{"delta":{"reasoning_content":"","reasoning":"think"}}]}"#,
        #"{"choices":[{"delta":{"reasoningContent":"camel"}}]}"#,
        #"{"choices":[{"delta":{"Reasoning_Content":"caps"}}]}"#,
        #"{"choices":[{"delta":{"content":"first","content":"second"}}]}"#,
        #"{"choices":[{"delta":{"cont\u0065nt":"escaped key"}}]}"#,
        #"{"choices":[{"delta":{"content":"lone \ud800"}}]}"#,
        #"{"choices":[{"delta":{"content":"trailing comma"},}]}"#,
        #"{"choices":[{"delta":{"content":5}}]}"#,
        #"{"choices":[null]}"#,
        #"{"choices":null,"usage":{"prompt_tokens":12.0,"completion_tokens":1e1}}"#,
        #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"prompt_tokens_details":null,"completion_tokens_details":{"reasoning_tokens":3}}}"#,
        #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"name":"f","arguments":"{\"a\":1}"}}]}}]}"#,
        #"{"choices":[{"delta":{"tool_calls":[{"function":null},{}]}}]}"#,
        #"{"choices":[],"timings":{"prompt_n":1,"prompt_ms":1e400,"predicted_n":2}}"#,
        #"{"choices":[],"timings":{"prompt_n":1,"prompt_ms":0.5,"predicted_per_second":1.5E2,"cache_n":null}}"#,
        #"{"error":null,"choices":[{"delta":{"content":"null error"}}]}"#,
        #"{"error":{"message":"boom","type":"server_error"}}"#,
        #"{"error":"plain text error"}"#,
        #" {"choices":[{"delta":{"content":"spaces"}}]} "#,
        #"{"choices":[{"delta":{"content":"x"}}]} trailing"#,
        #"["not an object"]"#,
        "null",
        "[DONE] ",
    ]

    @Test(arguments: openAIEdgeCases)
    func openAIEdgeCaseDecodesTheSameBothWays(payload: String) {
        let text = openAI([#"{"choices":[{"delta":{"content":"a"}}]}"#, payload, #"{"choices":[{"delta":{"content":"z"}}]}"#])
        #expect(run(OpenAIChatDecoder(), [(0, Array(text.utf8))]).events
            == run(OpenAIChatDecoder(fastJSON: false), [(0, Array(text.utf8))]).events)
    }

    @Test func anthropicEdgeCasesDecodeTheSameBothWays() {
        let events = [
            ("message_start", #"{"type":"message_start","message":{"usage":{"input_tokens":3,"cache_read_input_tokens":2,"cache_creation_input_tokens":1}}}"#),
            ("content_block_start", #"{"type":"content_block_start","content_block":{"type":"tool_use","name":"search","input":{}}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","delta":{"type":"input_json_delta","partial_json":"{\"q\":\"\u00e9\"}"}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","delta":{"type":"text_delta","text":"a","text":"b"}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"hm"}}"#),
            ("message", #"{"type":"content_block_delta","delta":{"type":"text_delta","text":"typed by payload"}}"#),
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}"#),
            ("error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ]
        for cut in 0...events.count {
            let text = events.prefix(cut).map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
            #expect(run(AnthropicMessagesDecoder(), [(0, Array(text.utf8))]).events
                == run(AnthropicMessagesDecoder(fastJSON: false), [(0, Array(text.utf8))]).events)
        }
    }

    @Test func ollamaEdgeCasesDecodeTheSameBothWays() {
        let lines = OllamaChatDecoderTests.stream.split(separator: "\n").map(String.init) + [
            #"{"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"b":2,"a":[1,null]}}}]},"done":false}"#,
            #"{"message":{"content":"\u00e9\ud83d\ude00","tool_calls":[]},"done":false}"#,
            #"{"response":"gen","thinking":"t","done":null}"#,
            #"{"message":{"content":"x"},"done":false,"eval_count":1.0}"#,
            #"{"error":"model runner has unexpectedly stopped"}"#,
        ]
        for cut in 0...lines.count {
            let text = lines.prefix(cut).joined(separator: "\n") + "\n"
            #expect(run(OllamaChatDecoder(), [(0, Array(text.utf8))]).events
                == run(OllamaChatDecoder(fastJSON: false), [(0, Array(text.utf8))]).events)
        }
        var fast = OllamaChatDecoder()
        _ = fast.feed(OllamaChatDecoderTests.stream, at: 0)
        #expect(fast.payloads.fullDecodes == 0)
    }

    @Test func llamaCppEdgeCasesDecodeTheSameBothWays() {
        let payloads = [
            #"{"content":"a","tokens":[1,2],"stop":false}"#, #"{"content":"b","tokens":null,"stop":null}"#,
            #"{"content":"c","tokens":[null]}"#, #"{"content":"d","tokens":[1.5]}"#,
            #"{"error":{"code":500,"message":"slot unavailable","type":"server_error"}}"#,
            #"{"content":"","tokens":[],"stop":true,"stop_type":"eos","tokens_predicted":3,"tokens_evaluated":4,"timings":{"prompt_n":4,"cache_n":1,"predicted_ms":2.5}}"#,
        ]
        for cut in 0...payloads.count {
            let text = payloads.prefix(cut).map { "data: \($0)\n\n" }.joined()
            #expect(run(LlamaCppCompletionDecoder(), [(0, Array(text.utf8))]).events
                == run(LlamaCppCompletionDecoder(fastJSON: false), [(0, Array(text.utf8))]).events)
        }
    }
}
