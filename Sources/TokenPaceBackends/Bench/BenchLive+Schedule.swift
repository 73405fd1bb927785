import AsyncHTTPClient
import TokenPaceCore
import TokenPaceWire

/// One sweep level of live panes: request k of every pane is sent at `offsets[k]` seconds after the
/// level starts (all 0 for a concurrency level, Poisson times for a request-rate level). Each
/// stream's clock starts when its own request is handed to the HTTP client (as load generators
/// time a request), so its TTFT holds the server's queueing but not the wait for its turn: the
/// client starting 256 streams at once takes a while to get to the last, and that is the
/// client's doing, not the server's.
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
        /// `walls[p]`: the level's start → the end of its last finished stream; `nil` when none finished.
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
        await withTaskGroup(of: (Int, Int, BenchStream?, Double).self) { group in
            for (p, pane) in requests.enumerated() {
                for (k, request) in pane.enumerated() {
                    let offset = k < offsets.count ? offsets[k] : 0
                    group.addTask {
                        let sendAt = start + .nanoseconds(Int64((offset * 1e9).rounded()))
                        if offset > 0 { try? await Task.sleep(until: sendAt, clock: .continuous) }
                        guard !Task.isCancelled else { return (p, k, nil, 0) }
                        let stream = await Self.collect(
                            request, client: client, start: nil, task: task, stallThreshold: stallThreshold)
                        let ended = StreamWatchdog.seconds(ContinuousClock.now - start)
                        progress(p, stream)
                        return (p, k, stream, ended)
                    }
                }
            }
            for await (p, k, stream, ended) in group {
                out[p][k] = stream
                // The wall ends when the stream's last event was read (its own clock starts later than
                // the level's, at its hand-off).
                if let stream, stream.succeeded { ends[p].append(ended) }
            }
        }
        return Result(streams: out.map { $0.compactMap { $0 } }, walls: ends.map { $0.max() })
    }

    /// One stream to its end; a stream cut by cancellation before it finished is "interrupted".
    public static func collect(
        _ stream: LiveStream, client: HTTPClient, start: ContinuousClock.Instant?, task: TaskKind,
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
