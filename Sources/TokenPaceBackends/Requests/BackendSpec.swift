import TokenPaceWire

/// Everything needed to reach one live backend: what a pane spec on the command line becomes.
///
/// The API key itself is never stored here, only where to read it from (an environment variable
/// or a file), so a spec can be printed, logged or saved with a trace without leaking it.
public struct BackendSpec: Sendable, Equatable {
    public var kind: BackendKind
    /// Base URL as the user gave it (OpenAI-style bases usually end in `/v1`).
    public var baseURL: String
    /// Model name; `nil` lets servers that serve a single model (llama.cpp) pick their own.
    public var model: String?
    /// Environment variable holding the API key; defaults per kind (`OPENAI_API_KEY`, ...).
    public var apiKeyEnv: String?
    /// A file whose (trimmed) content is the API key; wins over `apiKeyEnv`.
    public var apiKeyFile: String?
    /// Extra request headers (e.g. OpenRouter's `HTTP-Referer`). Values of headers that carry
    /// credentials are redacted whenever the spec is described.
    public var headers: [String: String]
    public var maxTokens: Int
    public var temperature: Double?
    public var seed: Int?
    /// Ask for (true) or against (false) a thinking phase; `nil` leaves the server's default.
    public var reasoning: Bool?
    /// llama.cpp native only (`llamacpp:URL@raw`): send the messages as raw text to continue,
    /// without the model's chat template — for base models. Off, the server's template is applied
    /// first (`appliesChatTemplate`).
    public var rawPrompt: Bool

    public init(
        kind: BackendKind, baseURL: String? = nil, model: String? = nil, apiKeyEnv: String? = nil,
        apiKeyFile: String? = nil, headers: [String: String] = [:], maxTokens: Int = 1024,
        temperature: Double? = nil, seed: Int? = nil, reasoning: Bool? = nil, rawPrompt: Bool = false
    ) {
        self.kind = kind
        self.baseURL = baseURL ?? kind.defaultBaseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv ?? kind.defaultAPIKeyEnv
        self.apiKeyFile = apiKeyFile
        self.headers = headers
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.seed = seed
        self.reasoning = reasoning
        self.rawPrompt = rawPrompt
    }
}

extension BackendSpec: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The spec as a user would type it, plus the settings that matter; never a credential.
    public var description: String {
        var parts = ["\(kind.rawValue):\(baseURL)" + (model.map { "@\($0)" } ?? "") + (rawPrompt ? "@raw" : "")]
        if rawPrompt { parts.append("raw prompt, no chat template") }
        if let apiKeyFile {
            parts.append("key from file \(apiKeyFile)")
        } else if let apiKeyEnv {
            parts.append("key from $\(apiKeyEnv)")
        }
        if !headers.isEmpty { parts.append("headers " + Redaction.describe(headers)) }
        parts.append("max_tokens \(maxTokens)")
        if let temperature { parts.append("temperature \(temperature)") }
        if let seed { parts.append("seed \(seed)") }
        if let reasoning { parts.append("reasoning \(reasoning ? "on" : "off")") }
        return parts.joined(separator: ", ")
    }

    public var debugDescription: String { "BackendSpec(\(description))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}
