import TokenPaceCore

/// A response body run through its protocol's decoder the way a live pane's stream is: one
/// `feed` per socket read, stamped with that read's arrival, nothing after the first terminal
/// event, and `finish` when the body ended without one.
public struct DecodedStream: Sendable {
    /// Each event with the arrival time of the read that completed it.
    public var events: [(t: Double, event: BackendEvent)]
    /// What the server said beyond the events (model, usage and timings as sent).
    public var report: StreamReport

    /// `ended`: the body is over (a capture file, a request that finished). A body still arriving
    /// (a pane saved mid-stream) gets no end from its missing tail.
    public init(kind: BackendKind, reads: [CaptureReader.Read], ended: Bool = true) {
        var decoder = kind.makeDecoder()
        var events: [(t: Double, event: BackendEvent)] = []
        var t = 0.0
        var over = false
        reading: for read in reads {
            t = read.t
            for event in decoder.feed(read.bytes, at: read.t) {
                events.append((read.t, event))
                if event.isTerminal {
                    over = true
                    break reading
                }
            }
        }
        if ended, !over { events += decoder.finish(at: t).map { (t, $0) } }
        self.events = events
        self.report = decoder.report
    }

    public var tokens: [TokenEvent] {
        events.compactMap { if case .token(let e) = $0.event { e } else { nil } }
    }

    /// The server's latest counts (Anthropic and vLLM send running totals).
    public var usage: Usage? {
        events.last { if case .usage = $0.event { true } else { false } }.flatMap {
            if case .usage(let u) = $0.event { u } else { nil }
        }
    }

    public var timings: ServerTimings? {
        events.last { if case .serverTimings = $0.event { true } else { false } }.flatMap {
            if case .serverTimings(let s) = $0.event { s } else { nil }
        }
    }

    /// The stream's end as a trace records it: the finish reason, or the failure in the server's
    /// words, at the arrival of the read that ended it; nil while it has not ended.
    public var end: TraceEnd? {
        guard let (t, event) = events.last, event.isTerminal else { return nil }
        switch event {
        case .finished(let reason): return .finished(t: t, reason: reason)
        case .failed(.streamError(let message, let type)):
            return .failed(TraceFailure(t: t, type: type, message: message))
        case .failed(let error): return .failed(TraceFailure(t: t, message: error.description))
        default: return nil
        }
    }
}
