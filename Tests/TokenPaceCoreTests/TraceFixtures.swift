import Foundation
import TokenPaceCore

/// The raw llama-server captures copied beside the tests, and the text a client would assemble
/// from them (computed independently of the capture reader: whole-body split on blank lines).
enum TraceFixtures {
    static let capturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/captures")

    static func capture(_ name: String) throws -> (path: String, text: String) {
        let url = capturesDir.appendingPathComponent(name + ".jsonl")
        return (url.path, try String(contentsOf: url, encoding: .utf8))
    }

    /// Socket reads of a capture: (t seconds, data).
    static func reads(_ text: String) throws -> [(Double, String)] {
        try text.split(separator: "\n").dropFirst().map { line in
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return ((obj["t_ms"] as! Double) / 1000, obj["data"] as! String)
        }
    }

    static func header(_ text: String) throws -> [String: Any] {
        let first = text.split(separator: "\n").first!
        return try JSONSerialization.jsonObject(with: Data(first.utf8)) as! [String: Any]
    }

    static let all = [
        "llama-server-anthropic-messages", "llama-server-native-completion", "llama-server-openai-chat-code",
        "llama-server-openai-chat-nousage", "llama-server-openai-error-context-exceeded",
        "llama-server-openai-summary-longprompt", "llama-server-openai-summary-longprompt-cached",
    ]

    static func sampleTrace() -> Trace {
        let header = TraceHeader(
            backend: "openai", url: "http://127.0.0.1:18080/v1", model: "m", prompt: "Hi\n\"there\"", promptTokens: 12,
            task: .reasoning, settings: .fields([("temperature", .number(0)), ("max_tokens", .number(50))]),
            server: .fields([("predicted_per_second", .number(40.5))]),
            usage: .fields([("completion_tokens", .number(4))]), version: "0.1.0", recordedAt: "2026-11-29T05:00:00Z")
        let events = [
            TokenEvent(text: "Hmm", kind: .reasoning, t: 0.25),
            TokenEvent(text: " ok", kind: .reasoning, t: 0.3),
            TokenEvent(text: "Yes 🚀\n", kind: .answer, t: 0.375, count: 2),
            TokenEvent(text: "\t\"done\"", kind: .answer, t: 0.5),
        ]
        return Trace(header: header, events: events, end: .finished(t: 0.5, reason: "stop"))
    }
}
