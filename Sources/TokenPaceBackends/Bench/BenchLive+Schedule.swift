import AsyncHTTPClient
import TokenPaceCore
import TokenPaceWire

/// One sweep level of live panes: request k of every pane is sent at `offsets[k]` seconds after the
/// level starts (all 0 for a concurrency level, Poisson times for a request-rate level). Each
/// stream's clock starts when its own request is sent, so its TTFT holds the server's queueing but
/// not the wait for its turn.
public struct BenchSchedule: Sendable {
    /// `requests[p][k]`: pane p's k-th request (its prompt may differ per request).
    public var requests: [[LiveStream]]
    public var offsets: [Double]
    public var task: TaskKind
    public var stallThreshold: Double

    public init(requests: [[LiveStream]], offsets: [Double], task: TaskKind, stallThreshold: Double) {
        self.requests = requests
        self.offsets = offsets
        self.task = task
        self.stallThreshold = stallThreshold
    }

    public struct Result: Sendable {
        /// `streams[p]`: the requests of pane p that were sent, in send order.
        public var streams: [[BenchStream]]
        /// `walls[p]`: first send → last token of a finished stream; `nil` when none finished.
        public var walls: [Double?]
    }

    /// Runs every request; cancelling the calling task stops sending, and streams in flight end
    /// as failed "interrupted".
    public func run(
        client: HTTPClient, progress: @escaping @Sendable (Int, BenchStream) -> Void = { _, _ in }
    ) async -> Result {
        let start = ContinuousClock.now
        var out = requests.map { [BenchStream?](repeating: nil, count: $0.count) }
        var ends = requests.map { _ in [Double]() }
        await withTaskGroup(of: (Int, Int, BenchStream?).self) { group in
            for (p, pane) in requests.enumerated() {
                for (k, request) in pane.enumerated() {
                    let offset = k < offsets.count ? offsets[k] : 0
                    group.addTask {
                        let sendAt = start + .nanoseconds(Int64((offset * 1e9).rounded()))
                        if offset > 0 { try? await Task.sleep(until: sendAt, clock: .continuous) }
                        guard !Task.isCancelled else { return (p, k, nil) }
                        let stream = await Self.collect(
                            request, client: client, start: sendAt, task: task, stallThreshold: stallThreshold)
                        progress(p, stream)
                        return (p, k, stream)
                    }
                }
            }
            for await (p, k, stream) in group {
                out[p][k] = stream
                if let stream, stream.succeeded, let last = stream.tokenTimes.last {
                    ends[p].append((k < offsets.count ? offsets[k] : 0) + last)
                }
            }
        }
        return Result(streams: out.map { $0.compactMap { $0 } }, walls: ends.map { $0.max() })
    }

    /// One stream to its end; a stream cut by cancellation before it finished is "interrupted".
    public static func collect(
        _ stream: LiveStream, client: HTTPClient, start: ContinuousClock.Instant, task: TaskKind,
        stallThreshold: Double
    ) async -> BenchStream {
        var recorder = BenchRecorder()
        var ended = false
        for await event in stream.events(client: client, start: start) {
            recorder.record(event)
            switch event {
            case .finished, .failed: ended = true
            default: break
            }
        }
        if !ended { recorder.fail("interrupted before the stream finished") }
        return recorder.result(task: task, stallThreshold: stallThreshold)
    }
}
