import TokenPaceCore

/// llama.cpp's native `/completion` stream: SSE `data:` objects with `content` and `tokens`;
/// the one with `"stop": true` is the last and carries `timings`.
///
/// `tokens` (when present) gives each piece's real token count.
public struct LlamaCppCompletionDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var done = false
    public private(set) var report = StreamReport()

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
        if Decoding.isDone(event.data) {
            done = true
            return [.finished(reason: nil)]
        }
        let chunk: Chunk
        switch Decoding.read(event.data, Chunk.read) {
        case .success(let c): chunk = c
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let error = chunk.error {
            done = true
            return [.failed(.streamError(message: error.message, type: error.type))]
        }
        if chunk.tokens != nil { report.countsFromServer = true }
        var out = [Decoding.token(chunk.content, .answer, t, count: chunk.tokens ?? 1)].compactMap { $0 }
        guard chunk.stop == true else { return out }
        done = true
        if let model = chunk.model { report.model = model }
        let timings = chunk.timings.map { ServerTimings(llamaTimings: $0) }
        report.usage = .fields([
            ("tokens_predicted", chunk.tokensPredicted.map { .number(Double($0)) }),
            ("tokens_evaluated", chunk.tokensEvaluated.map { .number(Double($0)) }),
            ("tokens_cached", chunk.tokensCached.map { .number(Double($0)) }),
        ])
        if let predicted = timings?.predictedTokens ?? chunk.tokensPredicted {
            let prompt = chunk.tokensEvaluated ?? timings.map { ($0.promptTokens ?? 0) + ($0.cachedTokens ?? 0) } ?? 0
            out.append(
                .usage(Usage(promptTokens: prompt, completionTokens: predicted, cachedTokens: timings?.cachedTokens)))
        }
        if let json = chunk.timings, let timings {
            report.server = json
            out.append(.serverTimings(timings))
        }
        out.append(.finished(reason: chunk.stopType))
        return out
    }

    /// The fields of a chunk a pane needs, read straight from the bytes (see `JSONReader`).
    private struct Chunk {
        var content: String?
        /// How many token ids the chunk lists (not the ids themselves).
        var tokens: Int?
        var stop: Bool?
        var stopType: String?
        var model: String?
        var tokensPredicted: Int?
        var tokensEvaluated: Int?
        var tokensCached: Int?
        var timings: JSONValue?
        var error: ServerErrorBody?

        static let keys = JSONKeys(
            "content", "tokens", "stop", "stop_type", "tokens_predicted", "tokens_evaluated", "tokens_cached",
            "timings", "error", "model")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Chunk {
            var c = Chunk()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: c.content = try r.string()
                case 1:
                    guard try r.beginArray() else { break }
                    var n = 0
                    while try r.nextElement() {
                        guard try r.int() != nil else { throw r.fail("null token id") }
                        n += 1
                    }
                    c.tokens = n
                case 2: c.stop = try r.bool()
                case 3: c.stopType = try r.string()
                case 4: c.tokensPredicted = try r.int()
                case 5: c.tokensEvaluated = try r.int()
                case 6: c.tokensCached = try r.int()
                case 7: c.timings = try r.objectValue()
                case 8: c.error = try ServerErrorBody.read(&r)
                default: c.model = try r.string()
                }
            }
            guard found else { throw r.fail("null chunk") }
            return c
        }
    }
}
