import Testing

@testable import TokenPaceCore

@Suite struct TraceRedactionTests {
    @Test func tracesNeverContainKeys() throws {
        let secrets = ["sk-SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET5", "hunter2", "SECRET6"]
        let settings = TraceJSON.fields([
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
}
