import TokenPaceCore
import TokenPaceView

/// What the runtime draws on and reads keys from: the ncurses terminal, or a `MemoryScreen` in tests.
///
/// Times are seconds on the program's clock (`ProgramClock`), so a test screen can move a manual
/// clock to the instant its next scripted key arrives.
public protocol Screen: AnyObject {
    /// Columns and rows available now.
    var size: Size { get }
    /// Whether box-drawing and other non-ASCII glyphs can be shown.
    var unicodeOK: Bool { get }
    /// True when the next frame redraws everything (first frame, after a resize or a suspend); a
    /// full redraw's cost says nothing about the frames to come.
    var needsFullRedraw: Bool { get }
    func start() throws
    /// Gives the screen back (idempotent).
    func stop()
    /// Shows `buffer`: one write with only the cells that changed.
    func draw(_ buffer: Buffer)
    /// Sleeps until a key or resize arrives, `wake` is signalled, or `deadline` passes; returns the
    /// keys that arrived ([] for a wake or a timeout).
    func waitForInput(until deadline: Double, wake: WakePipe?) -> [Key]
}
