import Foundation
import TokenPaceCore
import TokenPaceView

/// The perception session as a `ProgramModel`: keys in, `PerceptionSession` through `reduce`, the
/// screen out. Each finished trial is a command to write its results line at once.
public struct PerceptionModel: ProgramModel {
    public typealias Message = Never

    public enum Command {
        case record(TrialRecord)
    }

    public var session: PerceptionSession
    let cache = PaneTextCache()

    public init(session: PerceptionSession) { self.session = session }

    public func render(size: Size, now: Double, options: ViewOptions) -> Buffer {
        PerceptionScreen.render(session, size: size, now: now, options: options, cache: cache)
    }

    public func nextWake(after t: Double) -> Double? { session.nextWake(after: t) }

    public mutating func update(_ event: ProgramEvent<Never>, context: ProgramContext) -> [ProgramCommand<Command>] {
        guard case .key(let key) = event, key != .resize,
            // A question that is not on screen takes no answer: too small a terminal lets only leaving through.
            PerceptionScreen.takes(key, session: session, size: context.size)
        else { return [] }
        let panes = session.trial?.panes.count ?? session.config.panes
        guard let action = PerceptionAction.from(key: key, phase: session.phase, paneCount: panes) else { return [] }
        let effects = reduce(&session, action, now: context.now)
        session.limitScroll(PerceptionScreen.maxScroll(session, size: context.size, options: context.options))
        return effects.map { effect in
            switch effect {
            case .record(let record): return .perform(.record(record))
            // Ctrl-C ends like an interrupt (128 + SIGINT); answered trials are on disk already.
            case .quit: return .quit(key == .ctrlC ? 130 : 0)
            }
        }
    }
}

/// Runs a perception session on a screen, writing each finished trial before the next begins.
public enum PerceptionApp {
    public static func run(session: PerceptionSession, theme: Theme, ascii: Bool, writer: PerceiveResultsWriter)
        -> Int32
    {
        let clock = SystemClock()
        return run(
            session: session, screen: TerminalScreen(theme: theme, clock: clock), clock: clock, ascii: ascii,
            writer: writer)
    }

    public static func run(
        session: PerceptionSession, screen: any Screen, clock: any ProgramClock, ascii: Bool,
        writer: PerceiveResultsWriter, stamp: @escaping () -> String = { ISO8601DateFormatter().string(from: Date()) }
    ) -> Int32 {
        let program = Program(model: PerceptionModel(session: session), screen: screen, clock: clock)
        program.ascii = ascii
        program.perform = { command, _ in
            guard case .record(var record) = command else { return .messages([]) }
            record.recordedAt = stamp()
            do {
                try writer.append(record)
                return .messages([])
            } catch {
                let why = PerceiveResultsWriter.reason(error, path: writer.path)
                return .stop(
                    code: 1,
                    message: "tokenpace perceive: cannot write results to \(writer.path): \(why)\n"
                        + "stopped so that no answer is lost silently")
            }
        }
        return program.run()
    }
}
