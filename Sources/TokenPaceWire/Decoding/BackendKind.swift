/// The wire protocols tokenpace speaks to live servers.
public enum BackendKind: String, Sendable, CaseIterable, Equatable {
    /// OpenAI Chat Completions (also llama.cpp, vLLM, SGLang, LM Studio, OpenRouter, Ollama `/v1`).
    case openai
    /// Ollama's native `/api/chat` (NDJSON).
    case ollama
    /// Anthropic Messages.
    case anthropic
    /// llama.cpp's native `/completion`.
    case llamacpp

    /// Where a spec without a URL points.
    public var defaultBaseURL: String {
        switch self {
        case .openai: return "https://api.openai.com/v1"
        case .ollama: return "http://localhost:11434"
        case .anthropic: return "https://api.anthropic.com"
        case .llamacpp: return "http://127.0.0.1:8080"
        }
    }

    /// The environment variable an API key is read from unless the spec names another.
    public var defaultAPIKeyEnv: String? {
        switch self {
        case .openai: return "OPENAI_API_KEY"
        case .anthropic: return "ANTHROPIC_API_KEY"
        case .ollama, .llamacpp: return nil
        }
    }

    /// A fresh decoder for this protocol's response body.
    public func makeDecoder() -> any StreamDecoder {
        switch self {
        case .openai: return OpenAIChatDecoder()
        case .ollama: return OllamaChatDecoder()
        case .anthropic: return AnthropicMessagesDecoder()
        case .llamacpp: return LlamaCppCompletionDecoder()
        }
    }
}
