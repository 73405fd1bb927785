import Foundation
import TokenPaceCore
import TokenPaceTerminal
import TokenPaceView

/// The perception session's run loop, on the dashboard's `Terminal`: sleeps until the next token
/// or key, reduces, renders, draws, and writes each finished trial at once.
final class PerceiveRunLoop {
    static let frameCap = 1.0 / 120

    var session: PerceptionSession
    let theme: Theme
    let ascii: Bool
    let writer: PerceiveResultsWriter
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant

    init(session: PerceptionSession, theme: Theme, ascii: Bool, writer: PerceiveResultsWriter) {
        self.session = session
        self.theme = theme
        self.ascii = ascii
        self.writer = writer
        self.start = clock.now
    }

    func now() -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func instant(_ t: Double) -> ContinuousClock.Instant {
        start + .nanoseconds(Int64((t * 1e9).rounded(.up)))
    }

    /// Runs until the session is closed; returns the exit code.
    func run() -> Int32 {
        let terminal = Terminal(theme: theme, environment: ProcessInfo.processInfo.environment)
        do {
            try terminal.start()
        } catch {
            FileHandle.standardError.write(Data("tokenpace perceive: \(error)\n".utf8))
            return 2
        }
        defer { terminal.stop() }
        let cache = PaneTextCache()
        let options = ViewOptions(ascii: ascii || !terminal.unicodeOK)
        let stamp = ISO8601DateFormatter()
        var lastFrame = -Double.infinity
        while true {
            let t = now()
            terminal.draw(PerceptionScreen.render(session, size: terminal.size, now: t, options: options, cache: cache))
            lastFrame = t
            let wake = max(session.nextWake(after: t) ?? (t + 1), lastFrame + Self.frameCap)
            for key in terminal.waitForInput(until: instant(wake)) where key != .resize {
                // A question that is not on screen takes no answer: too small a terminal lets only leaving through.
                guard PerceptionScreen.takes(key, session: session, size: terminal.size) else { continue }
                let panes = session.trial?.panes.count ?? session.config.panes
                guard let action = PerceptionAction.from(key: key, phase: session.phase, paneCount: panes) else { continue }
                let effects = reduce(&session, action, now: now())
                session.limitScroll(PerceptionScreen.maxScroll(session, size: terminal.size, options: options))
                for effect in effects {
                    switch effect {
                    case .record(var record):
                        record.recordedAt = stamp.string(from: Date())
                        do {
                            try writer.append(record)
                        } catch {
                            terminal.stop()
                            let why = PerceiveResultsWriter.reason(error, path: writer.path)
                            FileHandle.standardError.write(
                                Data(
                                    ("tokenpace perceive: cannot write results to \(writer.path): \(why)\n"
                                        + "stopped so that no answer is lost silently\n").utf8))
                            return 1
                        }
                    case .quit:
                        // Ctrl-C ends like an interrupt (128 + SIGINT); answered trials are on disk already.
                        return key == .ctrlC ? 130 : 0
                    }
                }
            }
        }
    }
}
