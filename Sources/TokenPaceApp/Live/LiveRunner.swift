import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// One thing a live pane's stream reported, for the run loop.
public struct LiveReport: Sendable {
    public var run: LiveRun
    public var event: BackendEvent
    /// For a batch pane: the item this report is about, and whether it only says the item's request
    /// went out (then `event` carries nothing).
    public var item: LiveItem?

    public init(run: LiveRun, event: BackendEvent, item: LiveItem? = nil) {
        self.run = run
        self.event = event
        self.item = item
    }
}

/// Runs the live panes' requests in the background and hands what they report to the run loop.
///
/// Each pane's stream is a task; each report is posted at once (`post`), which wakes the run loop:
/// nothing polls. Restarting a pane cancels its old request first; `shutdown` cancels every request.
public final class LiveRunner: @unchecked Sendable {
    let client = HTTPClient.makeForLiveBackends()
    let specs: [Int: BackendSpec]
    private let prompt: String
    let options: StreamOptions
    let post: @Sendable (LiveReport) -> Void
    let lock = NSLock()
    var tasks: [Int: Task<Void, Never>] = [:]
    var running: Set<Int> = []
    /// Each live pane's latest request, byte for byte, for saving it as a trace.
    private var captures: [Int: LiveCapture] = [:]

    /// `options` holds the timeouts every pane's stream gets.
    public init(
        specs: [Int: BackendSpec], prompt: String, options: StreamOptions = StreamOptions(),
        post: @escaping @Sendable (LiveReport) -> Void
    ) {
        self.specs = specs
        self.prompt = prompt
        self.options = options
        self.post = post
    }

    public var isEmpty: Bool { specs.isEmpty }

    /// True while any request is still streaming.
    public var busy: Bool { lock.withLock { !running.isEmpty } }

    /// Sends the requests of these runs, all from the same instant.
    public func start(_ runs: [LiveRun], at instant: ContinuousClock.Instant) {
        for run in runs {
            guard let spec = specs[run.paneID] else { continue }
            if let batch = run.batch {
                startBatch(run, batch, spec: spec, at: instant)
                continue
            }
            tasks[run.paneID]?.cancel()
            lock.withLock { _ = running.insert(run.paneID) }
            let capture = LiveCapture()
            lock.withLock { captures[run.paneID] = capture }
            var options = self.options
            options.capture = capture
            let system = HiddenInstructions.text(tokens: run.systemTokens).map { [ChatMessage.system($0)] } ?? []
            let stream = LiveStream(spec: spec, messages: system + [.user(prompt)], options: options)
            let client = self.client
            let post = self.post
            tasks[run.paneID] = Task.detached { [weak self] in
                for await event in stream.events(client: client, start: instant) {
                    if Task.isCancelled { break }
                    post(LiveReport(run: run, event: event))
                }
                self?.lock.withLock { _ = self?.running.remove(run.paneID) }
            }
        }
    }

    /// What each live pane's latest request has received so far, by pane index.
    public func received() -> [Int: CaptureReader.Capture] {
        lock.withLock { captures.compactMapValues(\.capture) }
    }

    public func shutdown() {
        for t in tasks.values { t.cancel() }
        tasks.removeAll()
        try? client.syncShutdown()
    }

    /// Feeds a report to its pane. A stream that ends or fails does so at `now` (or its last token,
    /// if later): the moment the run loop learned of it.
    public static func apply(_ report: LiveReport, to state: inout AppState, now: Double) {
        let run = report.run
        if let item = report.item {
            applyItem(report, item, to: &state, now: now)
            return
        }
        let pane = state.panes.first { $0.id == run.paneID }
        let last = pane?.schedule.times.last ?? 0
        let at: Double
        switch report.event {
        case .finished, .failed: at = max(last, now - (pane?.origin ?? 0))
        default: at = last
        }
        reduce(
            &state,
            .feed(paneID: run.paneID, generation: run.generation, event: feed(report.event, lastTokenAt: at)),
            now: now)
    }

    /// Runs every live pane of `state` once, headless, and feeds what arrives until each stream
    /// has ended; reports each pane's end on `progress`. Sleeps until a report arrives.
    public static func runToEnd(
        _ state: inout AppState, specs: [Int: BackendSpec], prompt: String, options: StreamOptions = StreamOptions(),
        progress: (PaneState) -> Void = { _ in }
    ) -> [Int: CaptureReader.Capture] {
        let inbox = Inbox<LiveReport>()
        let runner = LiveRunner(specs: specs, prompt: prompt, options: options) { inbox.post($0) }
        defer { runner.shutdown() }
        let clock = SystemClock()
        let origin = state.panes.first { $0.source.isLive }?.origin ?? 0
        let live = state.panes.filter { $0.source.isLive }.map(state.liveRun(for:))
        runner.start(live, at: clock.start)
        while true {
            // Reports are posted before a stream stops counting as busy: once idle, one more drain has them all.
            let wasBusy = runner.busy
            for report in inbox.drain() {
                apply(report, to: &state, now: origin + clock.now())
                if report.event.isTerminal, let pane = state.panes.first(where: { $0.id == report.run.paneID }),
                    report.item == nil || pane.isDone(elapsed: .infinity)
                {
                    progress(pane)
                }
            }
            if !wasBusy { break }
            var fd = pollfd(fd: inbox.wake.readFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 100)
        }
        return runner.received()
    }

    /// The core's view of a backend report, timed in seconds since the request.
    public static func feed(_ event: BackendEvent, lastTokenAt: Double) -> FeedEvent {
        switch event {
        case .token(let e):
            return .token(e)
        case .usage(let u):
            return .usage(completionTokens: u.completionTokens, promptTokens: u.promptTokens)
        case .serverTimings(let t):
            return .serverTimings(
                ServerFigures(
                    promptTokens: t.promptTokens, promptMs: t.promptMs, predictedTokens: t.predictedTokens,
                    predictedMs: t.predictedMs, cachedTokens: t.cachedTokens, loadMs: t.loadMs))
        case .finished(let reason):
            return .finished(at: lastTokenAt, reason: reason)
        case .failed(let error):
            return .failed(message: error.description, at: lastTokenAt)
        }
    }
}
