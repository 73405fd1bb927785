import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

/// The dashboard as a `ProgramModel`: keys and live reports in, `AppState` through `reduce`, the
/// screen out. Sending requests and writing traces are commands the program carries out.
public struct DashboardModel: ProgramModel {
    public enum Message: Sendable {
        case live(LiveReport)
        /// A line for the status bar (e.g. what saving traces did).
        case notice(String)
    }

    public enum Command: Sendable, Equatable {
        /// (Re)send these live panes' requests now.
        case startStreams([LiveRun])
        /// Write every pane as a trace.
        case saveTraces
    }

    public var state: AppState
    public var exitWhenDone: Bool
    let cache = PaneTextCache()

    public init(state: AppState, exitWhenDone: Bool = false) {
        self.state = state
        self.exitWhenDone = exitWhenDone
    }

    public func render(size: Size, now: Double, options: ViewOptions) -> Buffer {
        Dashboard.render(state, size: size, now: now, options: options, cache: cache)
    }

    public func nextWake(after t: Double) -> Double? { state.nextWake(after: t) }

    public func exitCode(now: Double) -> Int32? {
        exitWhenDone && state.allDone(now: now) ? 0 : nil
    }

    public mutating func update(_ event: ProgramEvent<Message>, context: ProgramContext) -> [ProgramCommand<Command>] {
        switch event {
        case .message(.live(let report)):
            LiveRunner.apply(report, to: &state, now: context.now)
            return []
        case .message(.notice(let text)):
            reduce(&state, .notice(text), now: context.now)
            return []
        case .key(let key):
            guard key != .resize,
                let action = Action.from(key: key, helpVisible: state.helpVisible, explainVisible: state.explainVisible)
            else { return [] }
            return reduce(&state, action, now: context.now).map { effect in
                switch effect {
                // Ctrl-C ends like an interrupt (128 + SIGINT), as shells expect; q ends normally.
                case .quit: return .quit(key == .ctrlC ? 130 : 0)
                case .saveTraces: return .perform(.saveTraces)
                case .startStreams(let runs): return .perform(.startStreams(runs))
                }
            }
        }
    }
}
