import Foundation
import TokenPaceCore
import TokenPaceView

/// Records what a screen shows as an asciicast v2 file (`--cast FILE`), so a demo plays back in
/// asciinema exactly as it looked: a header line, then `[t, "o", bytes]` per frame, with `t` from
/// the run loop's clock (seconds since the screen started), and `[t, "r", "WxH"]` on a resize.
/// Each frame writes only the rows that changed, the theme's colours as SGR escapes.
public final class CastScreen: Screen {
    let inner: any Screen
    let clock: any ProgramClock
    let theme: Theme
    let write: (String) -> Void
    private var origin: Double?
    private var previous: Buffer?

    /// `write` gets each line of the cast, newline included.
    public init(wrapping inner: any Screen, clock: any ProgramClock, theme: Theme, write: @escaping (String) -> Void) {
        self.inner = inner
        self.clock = clock
        self.theme = theme
        self.write = write
    }

    /// A cast written to `path` (created or truncated); nil when it cannot be opened.
    public static func file(
        _ path: String, wrapping inner: any Screen, clock: any ProgramClock, theme: Theme
    ) -> CastScreen? {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { return nil }
        return CastScreen(wrapping: inner, clock: clock, theme: theme) { handle.write(Data($0.utf8)) }
    }

    public var size: Size { inner.size }
    public var unicodeOK: Bool { inner.unicodeOK }
    public var needsFullRedraw: Bool { inner.needsFullRedraw }

    public func start() throws {
        try inner.start()
        origin = clock.now()
        let header = JSONValue.fields([
            ("version", .number(2)), ("width", .number(Double(inner.size.width))),
            ("height", .number(Double(inner.size.height))),
            ("timestamp", .number(Date().timeIntervalSince1970.rounded(.down))), ("title", .string("tokenpace")),
            ("env", .fields([("TERM", .string("xterm-256color"))])),
        ])
        write(header.tight + "\n")
    }

    public func stop() { inner.stop() }

    public func draw(_ buffer: Buffer) {
        inner.draw(buffer)
        let t = max(0, clock.now() - (origin ?? clock.now()))
        let time = JSONValue.number((t * 1_000_000).rounded() / 1_000_000)
        var full = previous == nil
        if let previous, previous.size != buffer.size {
            full = true
            let resize = "\(buffer.size.width)x\(buffer.size.height)"
            write(JSONValue.array([time, .string("r"), .string(resize)]).tight + "\n")
        }
        let bytes = Self.ansi(buffer, since: full ? nil : previous, theme: theme)
        previous = buffer
        guard !bytes.isEmpty else { return }
        write(JSONValue.array([time, .string("o"), .string(bytes)]).tight + "\n")
    }

    public func waitForInput(until deadline: Double, wake: WakePipe?) -> [Key] {
        inner.waitForInput(until: deadline, wake: wake)
    }

    /// The escapes that bring a terminal showing `previous` (cleared when nil) to `buffer`: each
    /// changed row rewritten from its first column, styles as SGR, the normal style at the end.
    static func ansi(_ buffer: Buffer, since previous: Buffer?, theme: Theme) -> String {
        var out = previous == nil ? "\u{1B}[0m\u{1B}[2J\u{1B}[H" : ""
        var current: StyleRole?
        for y in 0..<buffer.size.height {
            let changed =
                previous.map { p in (0..<buffer.size.width).contains { x in p[x, y] != buffer[x, y] } }
                ?? true
            guard changed else { continue }
            out += "\u{1B}[\(y + 1);1H"
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if cell.role != current {
                    out += sgr(theme.style(for: cell.role))
                    current = cell.role
                }
                out.append(cell.char)
            }
        }
        if current != nil { out += "\u{1B}[0m" }
        return out
    }

    static func sgr(_ style: Style) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.italic { codes.append("3") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let fg = style.fg { codes.append(color(fg, foreground: true)) }
        if let bg = style.bg { codes.append(color(bg, foreground: false)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    static func color(_ c: Color, foreground: Bool) -> String {
        switch c {
        case .rgb(let r, let g, let b): return (foreground ? "38;2;" : "48;2;") + "\(r);\(g);\(b)"
        case .ansi256(let n): return (foreground ? "38;5;" : "48;5;") + "\(n)"
        case .ansi(let n): return "\((n < 8 ? 30 : 82) + Int(n) + (foreground ? 0 : 10))"
        case .default: return foreground ? "39" : "49"
        }
    }
}
