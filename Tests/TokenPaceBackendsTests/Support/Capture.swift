import Foundation
import TokenPaceTestSupport

/// A stream recorded byte-for-byte from a real llama-server (the wire tests' `Fixtures/*.jsonl`), with
/// the values a correct client must assemble from it (`*.expected.json`, computed by
/// `Fixtures/make-expected.py`).
struct Capture: Sendable {
    struct Chunk: Sendable {
        var ms: Double
        var bytes: [UInt8]
    }

    typealias Expected = CaptureExpected

    var name: String
    var path: String
    var status: Int
    var contentType: String
    var contentLength: String?
    /// The request body as it was sent, as JSON text.
    var requestJSON: String
    var chunks: [Chunk]
    var expected: Expected

    var body: [UInt8] { chunks.flatMap(\.bytes) }

    /// The fixtures live beside the wire tests, which decode them; these tests replay them over sockets.
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../TokenPaceWireTests/Fixtures").standardized

    static func url(_ name: String) -> URL { dir.appendingPathComponent(name + ".jsonl") }

    static func load(_ name: String) throws -> Capture {
        let url = url(name)
        let expectedURL = dir.appendingPathComponent(name + ".expected.json")
        guard FileManager.default.fileExists(atPath: url.path) else { throw CaptureError.missing(name) }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        guard let first = lines.first,
            let head = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
            let status = head["status"] as? Int, let headers = head["headers"] as? [String: String],
            let path = head["path"] as? String, let request = head["request"]
        else { throw CaptureError.malformed(name) }
        let chunks = try lines.dropFirst().map { line -> Chunk in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let ms = object["t_ms"] as? Double, let data = object["data"] as? String
            else { throw CaptureError.malformed(name) }
            return Chunk(ms: ms, bytes: Array(data.utf8))
        }
        let requestJSON = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: expectedURL))
        return Capture(
            name: name, path: path, status: status, contentType: headers["Content-Type"] ?? "text/event-stream",
            contentLength: headers["Content-Length"], requestJSON: requestJSON, chunks: chunks, expected: expected)
    }

    static let openAINames = [
        "llama-server-openai-chat-code", "llama-server-openai-chat-nousage",
        "llama-server-openai-summary-longprompt", "llama-server-openai-summary-longprompt-cached",
    ]
}

enum CaptureError: Error {
    case missing(String)
    case malformed(String)
}
