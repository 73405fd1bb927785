import Testing

@testable import TokenPaceCore

@Suite struct TraceRedactionTests {
    @Test func tracesNeverContainKeys() throws {
        let secrets = ["sk-SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET5", "hunter2", "SECRET6"]
        let settings = JSONValue.fields([
            ("authorization", .string("Bearer sk-SECRET1")),
            ("x-api-key", .string("SECRET2")),
            ("api_key", .string("SECRET3")),
            ("access_token", .string("SECRET4")),
            ("headers", .fields([("Authorization", .string("Bearer SECRET5")), ("X-Title", .string("kept"))])),
            ("max_tokens", .number(200)),
            ("temperature", .number(0)),
        ])
        let header = TraceHeader(
            backend: "openai", url: "https://user:hunter2@api.example.com/v1?key=SECRET6&alt=sse",
            settings: settings, server: .fields([("session_token", .string("SECRET5"))]))
        let text = TraceFile.encode(Trace(header: header, events: [TokenEvent(text: "a", kind: .answer, t: 0.1)]))
        for s in secrets { #expect(!text.contains(s), "\(s) leaked") }
        for word in ["authorization", "Authorization", "x-api-key", "api_key", "access_token", "hunter2"] {
            #expect(!text.contains(word), "\(word) leaked")
        }
        let back = try TraceFile.parse(text, path: "t")
        #expect(back.header.url == "https://api.example.com/v1?alt=sse")
        #expect(back.header.settings["max_tokens"] == .number(200))
        #expect(back.header.settings["headers"]?["X-Title"] == .string("kept"))
    }

    @Test func readingAHandWrittenTraceDropsKeysToo() throws {
        let text = """
            {"tokenpace_trace": 1, "backend": "openai", "url": "http://a:b@h/v1", "settings": {"api_key": "SECRET"}}
            {"t_ms": 1, "text": "x"}
            """
        let t = try TraceFile.parse(text, path: "t")
        #expect(t.header.url == "http://h/v1")
        #expect(t.header.settings == .object([]))
    }

    @Test func urlsWithoutSecretsStayAsTheyAre() {
        #expect(TraceRedaction.url("http://127.0.0.1:18080/v1") == "http://127.0.0.1:18080/v1")
        #expect(TraceRedaction.url("/v1/chat/completions") == "/v1/chat/completions")
        #expect(TraceRedaction.url("https://h/x?token=abc") == "https://h/x")
    }

    @Test func valuesThatLookLikeKeysAreDroppedWhateverTheirName() throws {
        // Request settings and a usage object as a server might echo them back.
        let settings = try JSONValue.parse(
            #"{"user": "sk-SECRET-user-0123456789", "metadata": {"session": "sk-SECRET-meta-0123456789", "note": "Bearer SECRET-bearer-xyz", "app": "kept"}, "tags": ["ok", "sk-ant-SECRET-tag-0123"], "client_ref": "MYKEY-SECRET-12345", "stream": true}"#
        )
        let usage = try JSONValue.parse(
            #"{"completion_tokens":1,"prompt_tokens":3,"owner":"sk-SECRET-usage-0123456789","prompt_tokens_details":{"cached_tokens":2,"session_token":"SECRET-nested"},"refresh_tokens":["SECRET-list"]}"#
        )
        var trace = Trace(
            header: TraceHeader(backend: "openai", settings: settings, usage: usage),
            events: [TokenEvent(text: "Hi", kind: .answer, t: 0.01)])
        trace.header.prompt = "my key is sk-SECRET-prompt-0123456789 and MYKEY-SECRET-12345, please"
        let text = TraceFile.encode(trace, secrets: ["MYKEY-SECRET-12345", "short"])
        #expect(!text.contains("SECRET"), "\(text)")
        let back = try TraceFile.parse(text, path: "t")
        #expect(back.header.settings["user"] == nil)
        #expect(back.header.settings["metadata"]?["session"] == nil)
        #expect(back.header.settings["metadata"]?["note"] == nil)
        #expect(back.header.settings["metadata"]?["app"] == .string("kept"))
        #expect(back.header.settings["tags"] == .array([.string("ok")]))
        #expect(back.header.settings["client_ref"] == nil)
        #expect(back.header.settings["stream"] == .bool(true))
        #expect(back.header.usage?["completion_tokens"]?.int == 1)
        #expect(back.header.usage?["owner"] == nil)
        // Counts named like tokens are kept, at any depth; text under such a name is not.
        #expect(back.header.usage?["prompt_tokens_details"]?["cached_tokens"]?.int == 2)
        #expect(back.header.usage?["prompt_tokens_details"]?["session_token"] == nil)
        #expect(back.header.usage?["refresh_tokens"] == nil)
        #expect(back.header.prompt == "my key is [redacted] and [redacted], please")
        // Ordinary text is left alone: "sk-" needs 8 more characters, and known keys under 8 are ignored.
        #expect(!TraceRedaction.looksLikeKey("ask-me", known: ["short"]))
        #expect(!TraceRedaction.looksLikeKey("a short note", known: ["short"]))
        #expect(TraceRedaction.looksLikeKey("sk-ant-api03-abcdef"))
        #expect(TraceRedaction.looksLikeKey("bearer abc"))
    }
}
