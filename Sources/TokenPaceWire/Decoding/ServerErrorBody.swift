import Foundation
import TokenPaceCore

/// A server's own words about an error, from the shapes servers send: `{"error": {"message",
/// "type"}}` (OpenAI, llama.cpp, Anthropic's inner object), `{"error": "text"}` (Ollama), a bare
/// `{"message": ...}` or `{"detail": ...}`, or a plain string.
public struct ServerErrorBody: Sendable, Equatable {
    public var message: String
    public var type: String?
    /// The prompt's length when the server says so (llama.cpp's `n_prompt_tokens` when it is too long).
    public var promptTokens: Int?

    public init(message: String, type: String? = nil, promptTokens: Int? = nil) {
        self.message = message
        self.type = type
        self.promptTokens = promptTokens
    }

    /// The message in any of the shapes above; nil when there is none.
    public init?(_ json: JSONValue) {
        if let text = json.string {
            self.init(message: text)
        } else if let message = json["message"]?.string {
            self.init(message: message, type: json["type"]?.string, promptTokens: json["n_prompt_tokens"]?.int)
        } else if let detail = json["detail"]?.string {
            self.init(message: detail)
        } else if let inner = json["error"], let error = ServerErrorBody(inner) {
            self = error
        } else {
            return nil
        }
    }

    /// An error body's JSON text read, if it holds a message.
    public static func parse(_ body: String) -> ServerErrorBody? {
        (try? JSONValue.parse(body)).flatMap { ServerErrorBody($0) }
    }

    /// The server's message from an error response body, with its type: what a pane shows after
    /// "HTTP 400 Bad Request:". A body without a message is shown as text (cut short); nil if empty.
    public static func message(in body: String) -> String? {
        if let error = parse(body) { return error.type.map { "\(error.message) (\($0))" } ?? error.message }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : Decoding.snippet(trimmed, limit: 300)
    }

    /// The `error` member of a stream payload: nil for `null`; an error without a message keeps
    /// its JSON as the message, so the pane still shows what the server said.
    static func read(_ r: inout JSONReader) throws(JSONReadError) -> ServerErrorBody? {
        let json = try r.value()
        if json.isNull { return nil }
        return ServerErrorBody(json) ?? ServerErrorBody(message: json.tight)
    }
}

extension BackendError {
    /// A reply that was not 2xx, with the server's own message from its body.
    public static func http(status: Int, body: String) -> BackendError {
        .http(status: status, message: ServerErrorBody.message(in: body))
    }
}
