import Foundation
import TokenPaceCore

/// Traces for the core's trace tests: one built in code, and the ones shipped in `Samples/traces`
/// (converted from real llama-server captures by `tokenpace trace convert`).
enum TraceFixtures {
    static let shippedDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Samples/traces").standardized

    /// A shipped trace, read strictly.
    static func shipped(_ name: String) throws -> Trace {
        let url = shippedDir.appendingPathComponent(name + ".jsonl")
        return try TraceFile.parse(try String(contentsOf: url, encoding: .utf8), path: url.path)
    }

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
