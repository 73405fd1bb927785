import Foundation
import TokenPaceCore
import TokenPaceTestSupport

/// Streams recorded byte for byte from a real llama-server (`Fixtures/*.jsonl`, read by the core's
/// capture reader), and what a correct client must assemble from each (`*.expected.json`, computed
/// by `Fixtures/make-expected.py` independently of the Swift decoders).
enum Fixtures {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures").standardized

    typealias Expected = CaptureExpected

    static let all = [
        "llama-server-anthropic-messages", "llama-server-native-completion", "llama-server-openai-chat-code",
        "llama-server-openai-chat-nousage", "llama-server-openai-error-context-exceeded",
        "llama-server-openai-summary-longprompt", "llama-server-openai-summary-longprompt-cached",
    ]

    static let streams = all.filter { !$0.contains("error") }

    static let openAI = streams.filter { $0.contains("openai") }

    static func text(_ name: String) throws -> (path: String, text: String) {
        let url = dir.appendingPathComponent(name + ".jsonl")
        return (url.path, try String(contentsOf: url, encoding: .utf8))
    }

    static func capture(_ name: String) throws -> CaptureReader.Capture {
        let (path, text) = try text(name)
        return try CaptureReader.parse(text, path: path)
    }

    static func expected(_ name: String) throws -> Expected {
        let url = dir.appendingPathComponent(name + ".expected.json")
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }

    /// The capture's reads as (seconds, bytes), for the decode helpers.
    static func pieces(_ name: String) throws -> [(t: Double, bytes: [UInt8])] {
        try capture(name).reads.map { ($0.t, $0.bytes) }
    }

    /// The whole body, as if it arrived at once.
    static func body(_ name: String) throws -> [UInt8] {
        try capture(name).reads.flatMap(\.bytes)
    }
}
