import Foundation
import TokenPaceCore

/// llama.cpp's native `/completion` stream: SSE `data:` objects with `content` and `tokens`;
/// the one with `"stop": true` is the last and carries `timings`.
///
/// `tokens` (when present) gives each piece's real token count.
public struct LlamaCppCompletionDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var done = false

    var payloads = PayloadDecoding()

    public init() {}

    /// With `fastJSON: false`, every payload is read by `JSONDecoder` (tests compare the two).
    init(fastJSON: Bool) { payloads.fast = fastJSON }

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
        if Decoding.isDone(event.data) {
            done = true
            return [.finished(reason: nil)]
        }
        let chunk: Chunk
        switch payloads.decode(Chunk.self, event.data, fast: Chunk.read) {
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

        // The fast path: the same fields straight from the bytes (see `JSONReader`).
        static let keys = JSONKeys(
            "content", "tokens", "stop", "stop_type", "tokens_predicted", "tokens_evaluated", "timings", "error")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Chunk {
            var c = Chunk()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: c.content = try r.string()
                case 1:
                    c.tokens = try r.array { (r) throws(JSONReadError) -> Int in
                        guard let id = try r.int() else { throw r.fail("null token id") }
                        return id
                    }
                case 2: c.stop = try r.bool()
                case 3: c.stopType = try r.string()
                case 4: c.tokensPredicted = try r.int()
                case 5: c.tokensEvaluated = try r.int()
                case 6: c.timings = try LlamaTimings.read(&r)
                default: try r.null(else: "an error object")
                }
            }
            guard found else { throw r.fail("null chunk") }
            return c
        }
    }
}
