import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView
import TokenPaceWire

/// Runs a resolved dashboard on a screen: the program, its live runner and trace saving.
public enum DashboardApp {
    /// Runs on the terminal until quit; returns the exit code.
    public static func run(_ setup: DashboardSetup) -> Int32 {
        let clock = SystemClock()
        let terminal = TerminalScreen(theme: setup.theme, clock: clock)
        let cast = setup.cast.flatMap { CastScreen.file($0, wrapping: terminal, clock: clock, theme: setup.theme) }
        return run(setup, screen: cast ?? terminal, clock: clock)
    }

    /// Runs on any screen (a `MemoryScreen` with a `ManualClock` in tests). Live panes send their
    /// requests from the clock's start instant.
    public static func run(_ setup: DashboardSetup, screen: any Screen, clock: any ProgramClock) -> Int32 {
        let program = makeProgram(setup, screen: screen, clock: clock)
        let inbox = program.inbox
        let live = LiveRunner(specs: setup.live, prompt: setup.prompt, options: setup.streamOptions) {
            inbox.post(.live($0))
        }
        defer { live.shutdown() }
        let state = program.model.state
        live.start(
            state.panes.filter { $0.source.isLive }.map(state.liveRun(for:)),
            at: clock.instant(clock.now()))
        program.perform = { command, model in
            switch command {
            case .startStreams(let runs):
                let origin =
                    runs.compactMap { r in model.state.panes.first { $0.id == r.paneID }?.origin }.first ?? clock.now()
                live.start(runs, at: clock.instant(origin))
                return .messages([])
            case .saveTraces:
                return .messages([
                    .notice(save(model.state, setup: setup, received: live.received(), stages: live.receivedStages()))
                ])
            }
        }
        return program.run()
    }

    /// The program for `setup` on `screen`, with the timing log attached when one was asked for.
    public static func makeProgram(
        _ setup: DashboardSetup, screen: any Screen, clock: any ProgramClock
    ) -> Program<DashboardModel> {
        var state = AppState(
            setups: setup.setups, sample: setup.sample, library: setup.library, seed: setup.seed,
            jitterIndex: setup.jitterIndex, batchItems: setup.batchItems, now: clock.now())
        if let pace = setup.readingRate {
            state.readingRate = pace
            state.readerVisible = true
        }
        let program = Program(
            model: DashboardModel(state: state, exitWhenDone: setup.exitWhenDone), screen: screen, clock: clock)
        program.ascii = setup.ascii
        if let path = setup.timingLog {
            let timing = TimingLog(path: path)
            program.onFrame = { model, renderedAt, drawnAt, cpu in
                if let cpu { timing.frameCPU.append(cpu) }
                timing.frame(state: model.state, drawnAt: drawnAt, renderedAt: renderedAt)
            }
            program.onExit = { timing.finish() }
        }
        return program
    }

    /// Writes every pane as a trace in `traces/`; says what happened, for the status bar.
    static func save(
        _ state: AppState, setup: DashboardSetup, received: [Int: CaptureReader.Capture],
        stages: [Int: CaptureReader.Capture] = [:]
    ) -> String {
        do {
            let paths = try TraceSaver.save(
                state: state, live: setup.live, received: received, stages: stages, origins: setup.origins,
                prompt: setup.prompt)
            return "saved \(paths.count) traces to traces/"
        } catch {
            return "could not save traces: \(error.localizedDescription)"
        }
    }
}
