import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// One thing a live pane's stream reported, for the run loop: an event of its (answer) request,
/// or of a staged pane's outline request before it.
public struct LiveReport: Sendable {
    public var run: LiveRun
    public var event: StagedEvent
    /// For a batch pane: the item this report is about, and whether it only says the item's request
    /// went out (then `event` carries nothing).
    public var item: LiveItem?

    public init(run: LiveRun, event: BackendEvent, item: LiveItem? = nil) {
        self.run = run
        self.event = .answer(event)
        self.item = item
    }

    public init(run: LiveRun, staged event: StagedEvent) {
        self.run = run
        self.event = event
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
    /// A staged pane's latest outline request, byte for byte.
    private var stageCaptures: [Int: LiveCapture] = [:]

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
            let stageCapture = run.staged ? LiveCapture() : nil
            lock.withLock {
                captures[run.paneID] = capture
                stageCaptures[run.paneID] = stageCapture
            }
            var options = self.options
            options.capture = capture
            let system = HiddenInstructions.text(tokens: run.systemTokens).map { [ChatMessage.system($0)] } ?? []
            let stream = StagedStream(
                spec: spec, messages: system + [.user(prompt)], options: options, stageCapture: stageCapture)
            let client = self.client
            let post = self.post
            tasks[run.paneID] = Task.detached { [weak self] in
                if run.staged {
                    for await event in stream.events(client: client, start: instant) {
                        if Task.isCancelled { break }
                        post(LiveReport(run: run, staged: event))
                    }
                } else {
                    for await event in stream.answer.events(client: client, start: instant) {
                        if Task.isCancelled { break }
                        post(LiveReport(run: run, event: event))
                    }
                }
                self?.lock.withLock { _ = self?.running.remove(run.paneID) }
            }
        }
    }

    /// What each live pane's latest request has received so far, by pane index.
    public func received() -> [Int: CaptureReader.Capture] {
        lock.withLock { captures.compactMapValues(\.capture) }
    }

    /// What each staged pane's latest outline request received, by pane index.
    public func receivedStages() -> [Int: CaptureReader.Capture] {
        lock.withLock { stageCaptures.compactMapValues(\.capture) }
    }

    public func shutdown() {
        for t in tasks.values { t.cancel() }
        tasks.removeAll()
        try? client.syncShutdown()
    }

    /// Feeds a report to its pane. A stream that ends or fails does so at `now` (or its last token,
    /// if later): the moment the run loop learned of it. A failed outline request is the pane's
    /// failure, named as the outline's.
    public static func apply(_ report: LiveReport, to state: inout AppState, now: Double) {
        let run = report.run
        if let item = report.item {
            applyItem(report, item, to: &state, now: now)
            return
        }
        let pane = state.panes.first { $0.id == run.paneID }
        let last = pane?.schedule.times.last ?? 0
        let learned = max(last, now - (pane?.origin ?? 0))
        let event: FeedEvent
        switch report.event {
        case .stageToken(let e): event = .stageToken(e)
        case .stageEnded(let at, _, let usage, let prompt):
            event = .stageEnded(at: at, usageTokens: usage, promptTokens: prompt)
        case .stageFailed(let error): event = .failed(message: "outline request: \(error.description)", at: learned)
        case .answer(let e): event = feed(e, pane: pane, now: now)
        }
        reduce(&state, .feed(paneID: run.paneID, generation: run.generation, event: event), now: now)
    }

    /// The core's view of a backend report for `pane` at app time `now`: a stream that ends or fails
    /// does so when the run loop learned of it (or at the pane's last token, if later).
    static func feed(_ e: BackendEvent, pane: PaneState?, now: Double) -> FeedEvent {
        let last = pane?.schedule.times.last ?? 0
        switch e {
        case .finished, .failed: return feed(e, lastTokenAt: max(last, now - (pane?.origin ?? 0)))
        default: return feed(e, lastTokenAt: last)
        }
    }

    /// Runs every live pane of `state` once, headless, and feeds what arrives until each stream
    /// has ended; reports each pane's end on `progress`. Sleeps until a report arrives.
    public static func runToEnd(
        _ state: inout AppState, specs: [Int: BackendSpec], prompt: String, options: StreamOptions = StreamOptions(),
        progress: (PaneState) -> Void = { _ in }
    ) -> (received: [Int: CaptureReader.Capture], stages: [Int: CaptureReader.Capture]) {
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
        return (runner.received(), runner.receivedStages())
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
