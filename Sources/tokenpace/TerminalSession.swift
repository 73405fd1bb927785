import Foundation
import TokenPaceCore
import TokenPaceTerminal
import TokenPaceView

/// The run loop: sleeps until the next due token, clock tick or key; reduces; renders; draws the diff.
/// Frames come at most 120 a second, fewer when they are expensive (see `FramePacer`).
/// It is the only place that reads the clock, and it hands `now` to everything else.
final class TerminalSession {
    /// CPU seconds this thread has used.
    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    let setup: DashboardSetup
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant
    var timing: TimingLog?

    init(setup: DashboardSetup) {
        self.setup = setup
        self.start = clock.now
        if let path = setup.timingLog { timing = TimingLog(path: path) }
    }

    static func isTTY() -> Bool { Terminal.isTTY() }

    func now() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func instant(_ t: Double) -> ContinuousClock.Instant {
        // Bounded so no time a pane holds (a long trace, a slow retime) can overflow the conversion.
        start + .nanoseconds(Int64((min(max(t, 0), 1e9) * 1e9).rounded(.up)))
    }

    /// Runs until quit; returns the process exit code.
    func run() -> Int32 {
        let terminal = Terminal(theme: setup.theme, environment: ProcessInfo.processInfo.environment)
        do {
            try terminal.start()
        } catch {
            FileHandle.standardError.write(Data("tokenpace: \(error)\n".utf8))
            return 2
        }
        defer { terminal.stop() }
        let startTime = now()
        var state = AppState(
            setups: setup.setups, sample: setup.sample, library: setup.library, seed: setup.seed,
            jitterIndex: setup.jitterIndex, now: startTime)
        let live = LiveRunner(specs: setup.live, prompt: setup.prompt)
        defer { live.shutdown() }
        live.start(
            state.panes.filter { $0.source.isLive }.map { LiveRun(paneID: $0.id, generation: $0.generation) },
            at: instant(startTime))
        let cache = PaneTextCache()
        let options = ViewOptions(ascii: setup.ascii || !terminal.unicodeOK)
        var lastFrame = -Double.infinity
        var pacer = FramePacer()
        var frameCPU: Double?
        /// Renders and draws one frame; returns an exit code when the run is over.
        func frame(at t: Double) -> Int32? {
            // What the last frame and everything since cost this thread; sleeping costs nothing.
            // (A full redraw, at start or after a resize, says nothing about the frames to come.)
            let cpu = Self.threadCPU()
            if let before = frameCPU {
                pacer.record(cpu: cpu - before, at: t)
                timing?.frameCPU.append(cpu - before)
            }
            let buffer = Dashboard.render(state, size: terminal.size, now: t, options: options, cache: cache)
            frameCPU = terminal.needsFullRedraw ? nil : cpu
            terminal.draw(buffer)
            timing?.frame(state: state, drawnAt: now(), renderedAt: t)
            lastFrame = t
            if setup.exitWhenDone && state.allDone(now: t) {
                timing?.finish()
                return 0
            }
            return nil
        }
        // When the next frame is wanted (a token or clock due, paced); a key, a resize or a live
        // report makes one wanted sooner. Waking only to look for live reports draws nothing.
        var nextFrame = -Double.infinity
        var keyPressed = true
        var liveArrived = false
        while true {
            let reports = live.drain()
            liveArrived = liveArrived || !reports.isEmpty
            LiveRunner.apply(reports, to: &state, now: now)
            let t = now()
            let paced = t >= lastFrame + pacer.interval
            if keyPressed || (paced && (liveArrived || t >= nextFrame)) {
                keyPressed = false
                liveArrived = false
                if let code = frame(at: t) { return code }
                nextFrame = max(state.nextWake(after: t) ?? (t + 1), lastFrame + pacer.interval)
            }
            var wake = liveArrived ? lastFrame + pacer.interval : nextFrame
            // Live reports arrive on other threads: look for them at least every 4 ms while streaming.
            if live.busy { wake = min(wake, now() + 0.004) }
            let keys = terminal.waitForInput(until: instant(wake))
            keyPressed = !keys.isEmpty
            for key in keys {
                if key == .resize { continue }
                guard let action = Action.from(key: key, helpVisible: state.helpVisible, explainVisible: state.explainVisible)
                else { continue }
                let effects = reduce(&state, action, now: now())
                if effects.contains(.quit) {
                    timing?.finish()
                    return 0
                }
                if effects.contains(.saveTraces) {
                    let message: String
                    do {
                        let paths = try TraceSaver.save(
                            state: state, live: setup.live, received: live.received(), origins: setup.origins,
                            prompt: setup.prompt)
                        message = "saved \(paths.count) traces to traces/"
                    } catch {
                        message = "could not save traces: \(error.localizedDescription)"
                    }
                    reduce(&state, .notice(message), now: now())
                }
                for case .startStreams(let runs) in effects {
                    let origin = runs.compactMap { r in state.panes.first { $0.id == r.paneID }?.origin }.first ?? now()
                    live.start(runs, at: instant(origin))
                }
            }
        }
    }
}

/// For the benchmark: how late each token reached the screen versus its schedule, frame counts.
final class TimingLog {
    let path: String
    var shownBefore: [Int: (generation: Int, count: Int)] = [:]
    /// (pane, token, due, drawn): formatted only at the end, after the CPU time is read, so the
    /// log costs the run as little as it can.
    var rows: [(pane: Int, token: Int, due: Double, drawn: Double)] = []
    var frames = 0
    var frameCPU: [Double] = []
    var firstFrameAt: Double?

    init(path: String) { self.path = path }

    func frame(state: AppState, drawnAt: Double, renderedAt: Double) {
        frames += 1
        if firstFrameAt == nil { firstFrameAt = drawnAt }
        for pane in state.panes {
            let shown = pane.shownCount(elapsed: state.elapsed(pane, now: renderedAt))
            let before = shownBefore[pane.id].flatMap { $0.generation == pane.generation ? $0.count : nil } ?? 0
            if shown > before {
                for i in before..<shown {
                    let due = pane.origin + pane.schedule.times[i]
                    rows.append((pane.id, i, due, drawnAt))
                }
            }
            shownBefore[pane.id] = (pane.generation, shown)
        }
    }

    func finish() {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let header = [
            "# frame_cpu_median_us=\(Format.fixed((frameCPU.sorted().dropFirst(frameCPU.count / 2).first ?? 0) * 1e6, 1)) frame_cpu_mean_us=\(Format.fixed(frameCPU.reduce(0, +) / Double(max(1, frameCPU.count)) * 1e6, 1))",
            "# frames=\(frames) first_frame_ms=\(Format.fixed((firstFrameAt ?? 0) * 1000, 3)) cpu_s=\(Format.fixed(cpu, 4)) maxrss_kb=\(usage.ru_maxrss)",
            "pane,token,due_ms,drawn_ms",
        ]
        let lines = rows.map { "\($0.pane),\($0.token),\(Format.fixed($0.due * 1000, 3)),\(Format.fixed($0.drawn * 1000, 3))" }
        try? (header + lines).joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }
}
