import Foundation
import TokenPaceCore

/// llama.cpp's native `/completion` stream: SSE `data:` objects with `content` and `tokens`;
/// the one with `"stop": true` is the last and carries `timings`.
///
/// `tokens` (when present) gives each piece's real token count.
public struct LlamaCppCompletionDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var done = false

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>, at t: Double) -> [BackendEvent] {
        var out: [BackendEvent] = []
        for event in sse.feed(bytes) where !done {
            out += handle(event, at: t)
        }
        return out
    }

    public mutating func finish(at t: Double) -> [BackendEvent] {
        guard !done else { return [] }
        done = true
        return [.failed(.incompleteStream(expected: "a final chunk with \"stop\": true"))]
    }

    private mutating func handle(_ event: SSEEvent, at t: Double) -> [BackendEvent] {
        if event.data.trimmingCharacters(in: .whitespaces) == "[DONE]" {
            done = true
            return [.finished(reason: nil)]
        }
        let chunk: Chunk
        switch Decoding.decode(Chunk.self, event.data) {
        case .success(let c): chunk = c
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let error = chunk.error {
            done = true
            return [.failed(.streamError(message: error.message, type: error.type))]
        }
        var out = [Decoding.token(chunk.content, .answer, t, count: chunk.tokens?.count ?? 1)].compactMap { $0 }
        guard chunk.stop == true else { return out }
        done = true
        let predicted = chunk.timings?.predictedN ?? chunk.tokensPredicted
        if let predicted {
            out.append(
                .usage(
                    Usage(
                        promptTokens: chunk.tokensEvaluated ?? chunk.timings.map { ($0.promptN ?? 0) + ($0.cacheN ?? 0) } ?? 0,
                        completionTokens: predicted, cachedTokens: chunk.timings?.cacheN)))
        }
        if let timings = chunk.timings { out.append(.serverTimings(timings.serverTimings)) }
        out.append(.finished(reason: chunk.stopType))
        return out
    }

    private struct Chunk: Decodable {
        var content: String?
        var tokens: [Int]?
        var stop: Bool?
        var stopType: String?
        var tokensPredicted: Int?
        var tokensEvaluated: Int?
        var timings: LlamaTimings?
        var error: ServerErrorBody?
    }
}
