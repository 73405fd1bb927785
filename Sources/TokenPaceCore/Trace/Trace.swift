/// A recorded stream: who answered, what was asked, and when each token piece arrived.
///
/// Traces let a pane replay a real backend's pace (its TTFT, its jitter, its stalls) without the
/// backend, and let a simulated run be kept and compared. The file format is in `docs/traces.md`.
public struct Trace: Sendable, Equatable {
    public var header: TraceHeader
    /// Token pieces in arrival order; `t` is seconds since the request was sent.
    public var events: [TokenEvent]
    /// How the stream ended, when that was recorded.
    public var end: TraceEnd?

    public init(header: TraceHeader, events: [TokenEvent], end: TraceEnd? = nil) {
        self.header = header
        self.events = events
        self.end = end
    }

    /// The pieces as tokens for a pane (kinds kept; times come from `TraceReplay`).
    public func tokens() -> [Token] {
        events.map { Token($0.text, kind: $0.kind) }
    }

    /// Arrival times in seconds since the request.
    public var times: [Double] { events.map(\.t) }

    /// Model tokens per piece (a piece may stand for several).
    public var counts: [Int] { events.map(\.count) }

    /// All the text, in order.
    public var text: String { events.map(\.text).joined() }

    /// Model tokens the trace holds (tool results excluded).
    public var tokenCount: Int { events.reduce(0) { $0 + ($1.kind.isGenerated ? $1.count : 0) } }

    /// The stream's figures as a client saw them.
    public func metrics(stallThreshold: Double = StreamMetrics.defaultStallThreshold) -> StreamMetrics {
        let finished: Bool
        switch end {
        case .failed: finished = false
        case .finished, nil: finished = true
        }
        return StreamMetrics(
            tokens: tokens(), times: times, counts: counts, task: header.task ?? .chat, finished: finished,
            stallThreshold: stallThreshold)
    }
}

/// Line 1 of a trace: where the stream came from and what the server said about it.
public struct TraceHeader: Sendable, Equatable {
    /// Format version this build writes and reads.
    public static let formatVersion = 1

    /// "simulated", "openai", "anthropic", "llamacpp", "ollama", …
    public var backend: String
    /// Base URL, never with credentials (see `TraceRedaction`).
    public var url: String?
    public var model: String?
    public var prompt: String?
    public var promptTokens: Int?
    public var task: TaskKind?
    /// Request settings (temperature, max_tokens, rate, …), secrets removed.
    public var settings: JSONValue
    /// What the server reported about itself: llama.cpp `timings`, Ollama durations, …
    public var server: JSONValue
    /// The usage object as reported (token counts).
    public var usage: JSONValue?
    /// tokenpace version that wrote the trace.
    public var version: String?
    /// ISO 8601 time of the recording.
    public var recordedAt: String?
    /// A staged pane's first stage: the first pieces came from its outline request.
    public var stage: TraceStage?

    public init(
        backend: String, url: String? = nil, model: String? = nil, prompt: String? = nil, promptTokens: Int? = nil,
        task: TaskKind? = nil, settings: JSONValue = .object([]), server: JSONValue = .object([]),
        usage: JSONValue? = nil, version: String? = nil, recordedAt: String? = nil, stage: TraceStage? = nil
    ) {
        self.backend = backend
        self.url = url
        self.model = model
        self.prompt = prompt
        self.promptTokens = promptTokens
        self.task = task
        self.settings = settings
        self.server = server
        self.usage = usage
        self.version = version
        self.recordedAt = recordedAt
        self.stage = stage
    }
}

/// The first stage of a staged live pane (header key `stage`): the outline request streamed
/// before the answer request, in the same trace. Readers that do not know the key see one stream.
public struct TraceStage: Sendable, Equatable {
    /// The first this many token lines are the outline's.
    public var pieces: Int
    /// When the outline request finished (seconds since the first request); the answer request
    /// was sent then.
    public var t: Double
    /// Why the outline stopped (stop, length…), as the server said.
    public var reason: String?
    /// The outline request's own prompt and generated tokens as the server counted them (a staged
    /// live pane pays for both requests); nil for a pane that wrote its outline in one stream.
    public var promptTokens: Int?
    public var completionTokens: Int?

    public init(pieces: Int, t: Double, reason: String? = nil, promptTokens: Int? = nil, completionTokens: Int? = nil) {
        self.pieces = pieces
        self.t = t
        self.reason = reason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// The last line of a trace: a normal end, or the error the stream stopped with.
public enum TraceEnd: Sendable, Equatable {
    /// The stream finished at `t` seconds; `reason` as the server named it ("stop", "length", …).
    case finished(t: Double, reason: String?)
    case failed(TraceFailure)

    public var t: Double? {
        switch self {
        case .finished(let t, _): return t
        case .failed(let f): return f.t
        }
    }
}

/// A failed stream: HTTP status (when it failed before streaming) and the server's own words.
public struct TraceFailure: Sendable, Equatable {
    public var t: Double?
    public var status: Int?
    public var type: String?
    public var message: String

    /// The failure as a pane or report shows it: "HTTP 400: message".
    public var summary: String { (status.map { "HTTP \($0): " } ?? "") + message }

    public init(t: Double? = nil, status: Int? = nil, type: String? = nil, message: String) {
        self.t = t
        self.status = status
        self.type = type
        self.message = message
    }
}
