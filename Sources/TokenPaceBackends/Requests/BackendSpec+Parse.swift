import Foundation
import TokenPaceWire

extension BackendSpec {
    /// Reads a pane spec: `openai:http://127.0.0.1:8080/v1@qwen3`, `ollama:llama3.2`,
    /// `anthropic:claude-…`, `llamacpp:http://127.0.0.1:8080` (chat template applied) or
    /// `llamacpp:http://127.0.0.1:8080@raw` (raw text, for base models).
    ///
    /// A URL is recognised by its `http://`/`https://` scheme; the model follows the last `@`.
    /// Without a URL the kind's default base is used. Ollama and Anthropic need a model name.
    public static func parse(_ spec: String) throws(BackendSpecError) -> BackendSpec {
        let text = spec.trimmingCharacters(in: .whitespaces)
        func fail(_ problem: String) -> BackendSpecError { BackendSpecError(spec: text, problem: problem) }

        guard !text.isEmpty else { throw fail("it is empty") }
        guard let colon = text.firstIndex(of: ":") else {
            throw fail("no kind before ':'; write e.g. ollama:\(text)")
        }
        let kindText = text[..<colon].lowercased()
        var rest = String(text[text.index(after: colon)...])
        guard let kind = BackendKind(rawValue: kindText) ?? Self.aliases[kindText] else {
            if kindText == "http" || kindText == "https" {
                throw fail("it starts with a URL; put the kind first, e.g. openai:\(text)")
            }
            throw fail("unknown kind '\(kindText)'")
        }
        guard !rest.isEmpty else { throw fail("nothing after '\(kindText):'") }

        // `@raw` ends a llama.cpp spec (`llamacpp:URL@raw`, `llamacpp:raw`): text without the chat template.
        var rawPrompt = false
        if (kind == .llamacpp && rest.lowercased() == "raw") || rest.lowercased().hasSuffix("@raw") {
            guard kind == .llamacpp else {
                throw fail("@raw (text without the chat template) is for llamacpp panes only")
            }
            rawPrompt = true
            rest.removeLast(rest.count == 3 ? 3 : 4)
        }

        var base: String?
        var model: String?
        let lower = rest.lowercased()
        if rest.isEmpty {
            // `llamacpp:raw`: the default base.
        } else if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let afterScheme = rest[rest.range(of: "://")!.upperBound...]
            if let at = afterScheme.lastIndex(of: "@") {
                base = String(rest[..<at])
                model = String(rest[rest.index(after: at)...])
                guard !model!.isEmpty else { throw fail("no model name after '@'") }
            } else {
                base = rest
            }
            guard let components = URLComponents(string: base!), let host = components.host, !host.isEmpty else {
                throw fail("'\(base!)' is not a URL with a host")
            }
            while base!.hasSuffix("/") { base!.removeLast() }
        } else if rest.contains("://") {
            throw fail("only http:// and https:// URLs are supported")
        } else {
            model = rest
        }
        if model == nil, kind == .ollama || kind == .anthropic {
            throw fail(
                "\(kind.rawValue) needs a model name, e.g. \(kind.rawValue):\(base ?? kind.defaultBaseURL)@MODEL")
        }
        return BackendSpec(kind: kind, baseURL: base, model: model, rawPrompt: rawPrompt)
    }

    private static let aliases: [String: BackendKind] = [
        "llama.cpp": .llamacpp, "llama-cpp": .llamacpp, "llama": .llamacpp, "claude": .anthropic,
    ]
}
