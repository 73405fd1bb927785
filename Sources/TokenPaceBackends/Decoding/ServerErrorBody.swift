import Foundation

/// The error shapes servers send: `{"error": {"message", "type"}}` (OpenAI, llama.cpp, Anthropic's
/// inner object), `{"error": "text"}` (Ollama), or a bare `{"message": ...}`.
struct ServerErrorBody: Decodable, Sendable, Equatable {
    var message: String
    var type: String?

    private enum Keys: String, CodingKey { case message, type, error, detail }

    init(message: String, type: String?) {
        self.message = message
        self.type = type
    }

    init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(message: text, type: nil)
            return
        }
        let c = try decoder.container(keyedBy: Keys.self)
        if let message = try? c.decode(String.self, forKey: .message) {
            self.init(message: message, type: try? c.decode(String.self, forKey: .type))
        } else if let detail = try? c.decode(String.self, forKey: .detail) {
            self.init(message: detail, type: nil)
        } else if let inner = try? c.decode(ServerErrorBody.self, forKey: .error) {
            self = inner
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "no error message"))
        }
    }

    /// The server's own message from an error response body, if the body says anything.
    static func message(in body: String) -> String? {
        if case .success(let e) = Decoding.decode(ServerErrorBody.self, body) {
            return e.type.map { "\(e.message) (\($0))" } ?? e.message
        }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : Decoding.snippet(trimmed, limit: 300)
    }
}
