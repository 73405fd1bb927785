import Foundation
import TokenPaceCore
import TokenPaceTerminal
import TokenPaceView

/// The ncurses terminal as the runtime's `Screen`.
public final class TerminalScreen: Screen {
    public let terminal: Terminal
    let clock: any ProgramClock

    public init(
        theme: Theme, clock: any ProgramClock, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        terminal = Terminal(theme: theme, environment: environment)
        self.clock = clock
    }

    public static func isTTY() -> Bool { Terminal.isTTY() }

    public var size: Size { terminal.size }
    public var unicodeOK: Bool { terminal.unicodeOK }
    public var needsFullRedraw: Bool { terminal.needsFullRedraw }
    public func start() throws { try terminal.start() }
    public func stop() { terminal.stop() }
    public func draw(_ buffer: Buffer) { terminal.draw(buffer) }

    public func waitForInput(until deadline: Double, wake: WakePipe?) -> [Key] {
        terminal.waitForInput(until: clock.instant(deadline), wakeFD: wake?.readFD ?? -1)
    }
}
