import AsyncHTTPClient
import TokenPaceCore
import TokenPaceWire

/// What a staged pane's two requests report, in order: the outline's tokens, its end, then the
/// answer request's events.
public enum StagedEvent: Sendable, Equatable {
    /// A token of the outline request (its time counts from the outline request).
    case stageToken(TokenEvent)
    /// The outline request finished at `at` seconds; the answer request is sent now. `usageTokens`
    /// and `promptTokens`: the server's counts of the outline's tokens and of its request, when it
    /// reported them.
    case stageEnded(at: Double, reason: String?, usageTokens: Int?, promptTokens: Int? = nil)
    /// The outline request failed: the answer request is not sent.
    case stageFailed(BackendError)
    /// An event of the answer request, its token times counted from the outline request.
    case answer(BackendEvent)

    /// The last event of the pair.
    public var isTerminal: Bool {
        switch self {
        case .stageFailed: return true
        case .answer(let e): return e.isTerminal
        case .stageToken, .stageEnded: return false
        }
    }
}

/// A staged live pane: the model really writes a short first stage before the answer. The same
/// backend first gets the pane's messages with `StageRequest.instruction` added to the question,
/// capped at `StageRequest.maxTokens` (and without thinking where the protocol has a switch, so the cap is spent on the
/// outline); when that stream ends, the pane's own request streams the full answer. Both carry the
/// same system message, so a server's prompt cache serves the second from the first.
public struct StagedStream: Sendable {
    public var spec: BackendSpec
    public var messages: [ChatMessage]
    public var options: StreamOptions
    /// Keeps the outline request's bytes (the answer's go to `options.capture`).
    public var stageCapture: LiveCapture?

    public init(
        spec: BackendSpec, messages: [ChatMessage], options: StreamOptions = StreamOptions(),
        stageCapture: LiveCapture? = nil
    ) {
        self.spec = spec
        self.messages = messages
        self.options = options
        self.stageCapture = stageCapture
    }

    /// The outline request: the question with the instruction after it, a small cap, no thinking.
    public var outline: LiveStream {
        var s = spec
        s.maxTokens = min(spec.maxTokens, StageRequest.maxTokens)
        if s.reasoning != nil { s.reasoning = false }
        var m = messages
        if let last = m.lastIndex(where: { $0.role == "user" }) {
            m[last].content += "\n\n" + StageRequest.instruction
        } else {
            m.append(.user(StageRequest.instruction))
        }
        var o = options
        o.capture = stageCapture
        return LiveStream(spec: s, messages: m, options: o)
    }

    /// The answer request, exactly as an unstaged pane sends it.
    public var answer: LiveStream { LiveStream(spec: spec, messages: messages, options: options) }

    /// Streams the outline request from `start`, then the answer request; every time counts from
    /// `start`. Cancelling the consumer cancels whichever request is running.
    public func events(client: HTTPClient, start: ContinuousClock.Instant? = nil) -> AsyncStream<StagedEvent> {
        AsyncStream { continuation in
            let task = Task {
                let origin = start ?? ContinuousClock.now
                var ended: (at: Double, reason: String?)?
                var usage: Int?
                var prompt: Int?
                for await event in outline.events(client: client, start: origin) {
                    switch event {
                    case .token(let e): continuation.yield(.stageToken(e))
                    case .usage(let u):
                        usage = u.completionTokens
                        prompt = u.promptTokens
                    case .serverTimings: break
                    case .finished(let reason):
                        ended = (Self.seconds(ContinuousClock.now - origin), reason)
                    case .failed(let error):
                        continuation.yield(.stageFailed(error))
                    }
                }
                if let ended, !Task.isCancelled {
                    continuation.yield(
                        .stageEnded(at: ended.at, reason: ended.reason, usageTokens: usage, promptTokens: prompt))
                    for await event in answer.events(client: client, start: ContinuousClock.now, timesFrom: origin) {
                        continuation.yield(.answer(event))
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    static func seconds(_ d: Duration) -> Double { StreamWatchdog.seconds(d) }
}
