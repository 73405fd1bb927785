import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// Runs the live panes' requests in the background and hands what they report to the run loop.
///
/// Each pane's stream is a task; reports go into a locked inbox the run loop drains every frame.
/// Restarting a pane cancels its old request first; `shutdown` cancels every request at once.
final class LiveRunner: @unchecked Sendable {
    private let client = HTTPClient.makeForLiveBackends()
    private let specs: [Int: BackendSpec]
    private let prompt: String
    private let lock = NSLock()
    private var inbox: [(LiveRun, BackendEvent)] = []
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var running: Set<Int> = []
    /// Each live pane's latest request, byte for byte, for saving it as a trace.
    private var captures: [Int: LiveCapture] = [:]

    init(specs: [Int: BackendSpec], prompt: String) {
        self.specs = specs
        self.prompt = prompt
    }

    var isEmpty: Bool { specs.isEmpty }

    /// True while any request is still streaming.
    var busy: Bool { lock.withLock { !running.isEmpty } }

    /// Sends the requests of these runs, all from the same instant.
    func start(_ runs: [LiveRun], at instant: ContinuousClock.Instant) {
        for run in runs {
            guard let spec = specs[run.paneID] else { continue }
            tasks[run.paneID]?.cancel()
            lock.withLock { _ = running.insert(run.paneID) }
            let capture = LiveCapture()
            lock.withLock { captures[run.paneID] = capture }
            let stream = LiveStream(spec: spec, prompt: prompt, options: StreamOptions(capture: capture))
            let client = self.client
            tasks[run.paneID] = Task.detached { [weak self] in
                for await event in stream.events(client: client, start: instant) {
                    if Task.isCancelled { break }
                    self?.post(run, event)
                }
                self?.lock.withLock { _ = self?.running.remove(run.paneID) }
            }
        }
    }

    /// What each live pane's latest request has received so far, by pane index.
    func received() -> [Int: CaptureReader.Capture] {
        lock.withLock { captures.compactMapValues(\.capture) }
    }

    private func post(_ run: LiveRun, _ event: BackendEvent) {
        lock.withLock { inbox.append((run, event)) }
    }

    /// Everything reported since the last call, in arrival order.
    func drain() -> [(LiveRun, BackendEvent)] {
        lock.withLock {
            let out = inbox
            inbox.removeAll(keepingCapacity: true)
            return out
        }
    }

    func shutdown() {
        for t in tasks.values { t.cancel() }
        tasks.removeAll()
        try? client.syncShutdown()
    }

    /// Feeds reports to their panes. A stream that ends or fails does so at `now` (or its last token,
    /// if later): the moment the run loop learned of it.
    static func apply(_ reports: [(LiveRun, BackendEvent)], to state: inout AppState, now: () -> Double) {
        for (run, event) in reports {
            let pane = state.panes.first { $0.id == run.paneID }
            let last = pane?.schedule.times.last ?? 0
            let at: Double
            switch event {
            case .finished, .failed: at = max(last, now() - (pane?.origin ?? 0))
            default: at = last
            }
            reduce(
                &state, .feed(paneID: run.paneID, generation: run.generation, event: feed(event, lastTokenAt: at)),
                now: now())
        }
    }

    /// Runs every live pane of `state` once, headless, and feeds what arrives until each stream
    /// has ended; reports each pane's end on `progress`.
    func runToEnd(_ state: inout AppState, progress: (PaneState) -> Void = { _ in }) {
        let t0 = ContinuousClock.now
        let origin = state.panes.first { $0.source.isLive }?.origin ?? 0
        let now = {
            let d = ContinuousClock.now - t0
            return origin + Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        start(state.panes.filter { $0.source.isLive }.map { LiveRun(paneID: $0.id, generation: $0.generation) }, at: t0)
        while true {
            // Reports are posted before a stream stops counting as busy: once idle, one more drain has them all.
            let wasBusy = busy
            let reports = drain()
            LiveRunner.apply(reports, to: &state, now: now)
            for (run, event) in reports where event.isTerminal {
                if let pane = state.panes.first(where: { $0.id == run.paneID }) { progress(pane) }
            }
            if !wasBusy { break }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// The core's view of a backend report, timed in seconds since the request.
    static func feed(_ event: BackendEvent, lastTokenAt: Double) -> FeedEvent {
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
        case .finished:
            return .finished(at: lastTokenAt)
        case .failed(let error):
            return .failed(message: error.description, at: lastTokenAt)
        }
    }
}
