import Foundation
import Testing
import TokenPaceWire

@testable import TokenPaceBackends

@Suite struct BackendSpecParseTests {
    @Test func openAIWithURLAndModel() throws {
        let spec = try BackendSpec.parse("openai:http://127.0.0.1:8080/v1@qwen3")
        #expect(spec.kind == .openai)
        #expect(spec.baseURL == "http://127.0.0.1:8080/v1")
        #expect(spec.model == "qwen3")
        #expect(spec.apiKeyEnv == "OPENAI_API_KEY")
    }

    @Test func ollamaModelOnlyUsesDefaultBase() throws {
        let spec = try BackendSpec.parse("ollama:llama3.2")
        #expect(spec.kind == .ollama)
        #expect(spec.baseURL == "http://localhost:11434")
        #expect(spec.model == "llama3.2")
        #expect(spec.apiKeyEnv == nil)
    }

    @Test func anthropicModelOnly() throws {
        let spec = try BackendSpec.parse("anthropic:claude-sonnet-4-5")
        #expect(spec.baseURL == "https://api.anthropic.com")
        #expect(spec.model == "claude-sonnet-4-5")
        #expect(spec.apiKeyEnv == "ANTHROPIC_API_KEY")
    }

    @Test func llamaCppURLOnlyTrailingSlashDropped() throws {
        let spec = try BackendSpec.parse("llamacpp:http://127.0.0.1:8080/")
        #expect(spec.kind == .llamacpp)
        #expect(spec.baseURL == "http://127.0.0.1:8080")
        #expect(spec.model == nil)
    }

    @Test func llamaCppAppliesTheChatTemplateUnlessRaw() throws {
        let chat = try BackendSpec.parse("llamacpp:http://127.0.0.1:8080")
        #expect(!chat.rawPrompt)
        #expect(chat.appliesChatTemplate)
        for text in ["llamacpp:http://127.0.0.1:8080@raw", "llamacpp:http://127.0.0.1:8080/@RAW", "llama.cpp:raw"] {
            let raw = try BackendSpec.parse(text)
            #expect(raw.kind == .llamacpp)
            #expect(raw.rawPrompt, "\(text)")
            #expect(!raw.appliesChatTemplate)
            #expect(raw.model == nil)
        }
        #expect(try BackendSpec.parse("llamacpp:raw").baseURL == BackendKind.llamacpp.defaultBaseURL)
        let described = String(describing: try BackendSpec.parse("llamacpp:http://127.0.0.1:8080@raw"))
        #expect(described.hasPrefix("llamacpp:http://127.0.0.1:8080@raw, raw prompt, no chat template"))
        #expect(!String(describing: chat).contains("raw"))
        // Other kinds have no raw mode; a model called raw elsewhere is still a model.
        #expect(throws: BackendSpecError.self) { try BackendSpec.parse("openai:http://127.0.0.1:8080/v1@raw") }
        #expect(try BackendSpec.parse("ollama:raw").model == "raw")
    }

    @Test func modelNamesWithSlashesAndColons() throws {
        let spec = try BackendSpec.parse("openai:https://openrouter.ai/api/v1@deepseek/deepseek-r1:free")
        #expect(spec.baseURL == "https://openrouter.ai/api/v1")
        #expect(spec.model == "deepseek/deepseek-r1:free")
        #expect(try BackendSpec.parse("ollama:qwen3:8b").model == "qwen3:8b")
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("llama3.2", "no kind before ':'"),
        ("gemini:flash", "unknown kind 'gemini'"),
        ("http://127.0.0.1:8080", "starts with a URL"),
        ("openai:", "nothing after 'openai:'"),
        ("ollama:http://host:11434", "ollama needs a model name"),
        ("openai:http://127.0.0.1:8080/v1@", "no model name after '@'"),
        ("openai:ftp://host/x", "only http:// and https://"),
        ("openai:http://@m", "is not a URL with a host"),
    ])
    func clearErrors(spec: String, fragment: String) {
        #expect {
            try BackendSpec.parse(spec)
        } throws: { error in
            let text = String(describing: error)
            return text.contains(fragment) && text.contains("KIND:")
        }
    }
}

@Suite struct BackendRequestTests {
    private let secret = "sk-test-SECRET-123456"

    private func json(_ request: BackendRequest) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func openAIAsksForUsageAndSendsBearerKey() throws {
        var spec = try BackendSpec.parse("openai:http://127.0.0.1:8080/v1@qwen3")
        spec.temperature = 0
        spec.seed = 7
        spec.maxTokens = 64
        let request = try spec.request(messages: [.user("hi")], environment: ["OPENAI_API_KEY": secret])
        #expect(request.url == "http://127.0.0.1:8080/v1/chat/completions")
        #expect(request.header("authorization") == "Bearer \(secret)")
        #expect(request.header("accept") == "text/event-stream")
        let body = try json(request)
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        #expect(body["max_tokens"] as? Int == 64)
        #expect(body["temperature"] as? Double == 0)
        #expect(body["seed"] as? Int == 7)
        #expect(body["model"] as? String == "qwen3")
        #expect((body["messages"] as? [[String: String]]) == [["role": "user", "content": "hi"]])
    }

    @Test func openAIWithoutKeySendsNoAuthorization() throws {
        let request = try BackendSpec.parse("openai:http://127.0.0.1:8080/v1").request(
            messages: [.user("hi")], environment: [:])
        #expect(request.header("authorization") == nil)
        #expect(try json(request)["model"] == nil)
    }

    @Test func openAIHostUsesMaxCompletionTokens() throws {
        let request = try BackendSpec.parse("openai:gpt-4.1-mini").request(messages: [.user("hi")], environment: [:])
        #expect(request.url == "https://api.openai.com/v1/chat/completions")
        let body = try json(request)
        #expect(body["max_completion_tokens"] as? Int == 1024)
        #expect(body["max_tokens"] == nil)
    }

    @Test func reasoningSwitchForOpenAICompatibleServers() throws {
        var spec = try BackendSpec.parse("openai:http://127.0.0.1:8000/v1@qwen3")
        spec.reasoning = false
        let body = try json(spec.request(messages: [.user("hi")], environment: [:]))
        #expect((body["chat_template_kwargs"] as? [String: Bool]) == ["enable_thinking": false])
    }

    @Test func anthropicHeadersSystemAndThinking() throws {
        var spec = try BackendSpec.parse("anthropic:claude-sonnet-4-5")
        spec.reasoning = true
        spec.maxTokens = 4096
        let request = try spec.request(
            messages: [.system("Be brief."), .user("hi")], environment: ["ANTHROPIC_API_KEY": secret])
        #expect(request.url == "https://api.anthropic.com/v1/messages")
        #expect(request.header("x-api-key") == secret)
        #expect(request.header("anthropic-version") == "2023-06-01")
        #expect(request.header("authorization") == nil)
        let body = try json(request)
        #expect(body["system"] as? String == "Be brief.")
        #expect((body["messages"] as? [[String: String]]) == [["role": "user", "content": "hi"]])
        #expect(body["max_tokens"] as? Int == 4096)
        let thinking = try #require(body["thinking"] as? [String: Any])
        #expect(thinking["type"] as? String == "enabled")
        #expect(thinking["budget_tokens"] as? Int == 2048)
    }

    @Test func anthropicBaseEndingInV1IsNotDoubled() throws {
        let request = try BackendSpec.parse("anthropic:http://127.0.0.1:18080/v1@smollm2").request(
            messages: [.user("hi")], environment: [:])
        #expect(request.url == "http://127.0.0.1:18080/v1/messages")
    }

    @Test func ollamaThinkAndOptions() throws {
        var spec = try BackendSpec.parse("ollama:qwen3")
        spec.reasoning = true
        spec.temperature = 0.5
        spec.maxTokens = 100
        let request = try spec.request(messages: [.user("hi")], environment: [:])
        #expect(request.url == "http://localhost:11434/api/chat")
        let body = try json(request)
        #expect(body["think"] as? Bool == true)
        #expect(body["stream"] as? Bool == true)
        let options = try #require(body["options"] as? [String: Any])
        #expect(options["num_predict"] as? Int == 100)
        #expect(options["temperature"] as? Double == 0.5)
    }

    @Test func llamaCppNativePrompt() throws {
        var spec = try BackendSpec.parse("llamacpp:http://127.0.0.1:8080@raw")
        spec.maxTokens = 80
        let request = try spec.request(messages: [.user("The three things")], environment: [:])
        #expect(request.url == "http://127.0.0.1:8080/completion")
        let body = try json(request)
        #expect(body["prompt"] as? String == "The three things")
        #expect(body["n_predict"] as? Int == 80)
        #expect(body["stream"] as? Bool == true)
    }

    @Test func llamaCppTemplateRequestThenTheTemplatedPrompt() throws {
        let spec = try BackendSpec.parse("llamacpp:http://127.0.0.1:8080/")
        let messages: [ChatMessage] = [.system("Be brief."), .user("Why is the sky blue?")]
        let template = try spec.templateRequest(messages: messages, environment: [:])
        #expect(template.url == "http://127.0.0.1:8080/apply-template")
        #expect(template.method == "POST")
        let sent = try json(template)
        #expect(
            (sent["messages"] as? [[String: String]]) == [
                ["role": "system", "content": "Be brief."], ["role": "user", "content": "Why is the sky blue?"],
            ])
        let reply = #"{"prompt":"<|im_start|>user\nWhy is the sky blue?<|im_end|>\n<|im_start|>assistant\n"}"#
        let prompt = try BackendSpec.templatedPrompt(in: reply)
        #expect(prompt.hasSuffix("<|im_start|>assistant\n"))
        let completion = try json(spec.request(messages: messages, prompt: prompt, environment: [:]))
        #expect(completion["prompt"] as? String == prompt)
        #expect(throws: BackendError.self) { try BackendSpec.templatedPrompt(in: #"{"error":"no"}"#) }
    }

    @Test func keyFileWinsAndIsTrimmed() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tokenpace-key-\(UUID())")
        try "  \(secret)\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var spec = try BackendSpec.parse("openai:gpt-4.1-mini")
        spec.apiKeyFile = file.path
        #expect(try spec.apiKey(environment: ["OPENAI_API_KEY": "other"]) == secret)
        spec.apiKeyFile = file.path + ".missing"
        #expect(throws: BackendError.configuration("cannot read the API key file \(file.path).missing")) {
            try spec.apiKey(environment: [:])
        }
    }

    @Test func descriptionsNeverShowTheKey() throws {
        var spec = try BackendSpec.parse("openai:https://openrouter.ai/api/v1@m")
        spec.headers = ["Authorization": "Bearer \(secret)", "HTTP-Referer": "https://tokenpace.dev"]
        let request = try spec.request(messages: [.user("hi")], environment: ["OPENAI_API_KEY": secret])
        var dumped = ""
        dump(request, to: &dumped)
        dump(spec, to: &dumped)
        let texts = [
            String(describing: spec), String(reflecting: spec), String(describing: request),
            String(reflecting: request), "\(request)", dumped,
        ]
        for text in texts {
            #expect(!text.contains(secret), "leaked in: \(text)")
        }
        #expect(String(describing: request).contains("Authorization: <redacted>"))
        #expect(String(describing: spec).contains("HTTP-Referer: https://tokenpace.dev"))
        #expect(String(describing: spec).contains("key from $OPENAI_API_KEY"))
    }
}
