import AsyncHTTPClient
import TokenPaceCore
import TokenPaceWire

/// Runs the live panes of one bench run: every stream of every live pane starts at one shared
/// instant, each with its own request and its own clock, and is reduced to a `BenchStream`.
public struct BenchLive: Sendable {
    public var streams: [LiveStream]
    public var concurrency: Int
    public var task: TaskKind
    public var stallThreshold: Double

    public init(
        streams: [LiveStream], concurrency: Int = 1, task: TaskKind = .chat,
        stallThreshold: Double = StreamMetrics.defaultStallThreshold
    ) {
        self.streams = streams
        self.concurrency = concurrency
        self.task = task
        self.stallThreshold = stallThreshold
    }

    /// `result[p][k]`: stream k of live pane p. `progress` gets each stream (with its pane's index)
    /// as it ends, so a long run shows signs of life.
    public func run(
        client: HTTPClient, progress: @escaping @Sendable (Int, BenchStream) -> Void = { _, _ in }
    ) async -> [[BenchStream]] {
        let start = ContinuousClock.now
        var out = streams.map { _ in [BenchStream?](repeating: nil, count: concurrency) }
        await withTaskGroup(of: (Int, Int, BenchStream).self) { group in
            for (p, stream) in streams.enumerated() {
                for k in 0..<concurrency {
                    group.addTask {
                        let result = await Self.collect(
                            stream, client: client, start: start, task: task, stallThreshold: stallThreshold)
                        progress(p, result)
                        return (p, k, result)
                    }
                }
            }
            for await (p, k, result) in group { out[p][k] = result }
        }
        return out.map { $0.compactMap { $0 } }
    }

    public static func collect(
        _ stream: LiveStream, client: HTTPClient, start: ContinuousClock.Instant, task: TaskKind,
        stallThreshold: Double
    ) async -> BenchStream {
        var recorder = BenchRecorder()
        for await event in stream.events(client: client, start: start) {
            recorder.record(event)
        }
        return recorder.result(task: task, stallThreshold: stallThreshold)
    }
}
