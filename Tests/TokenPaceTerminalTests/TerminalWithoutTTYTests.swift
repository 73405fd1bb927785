import Testing
import TokenPaceView

@testable import TokenPaceTerminal

/// Under CI and pipes there is no terminal: the Terminal must refuse to start rather than write
/// escape codes into a pipe. (On a developer's own terminal these checks do not apply.)
@Suite(.enabled(if: !Terminal.isTTY())) struct TerminalWithoutTTYTests {
    @Test func startThrows() {
        let terminal = Terminal(theme: .dark, environment: [:])
        #expect(throws: TerminalError.self) { try terminal.start() }
        #expect(terminal.waitForInput(until: .now) == [])
        terminal.stop()
    }

    @Test func drawBeforeStartDoesNothing() {
        let terminal = Terminal(theme: .dark, environment: [:])
        terminal.draw(Buffer(Size(width: 3, height: 1)))
        #expect(terminal.needsFullRedraw)
        #expect(terminal.size.width > 0)
    }
}
