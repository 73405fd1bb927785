import CNcursesw
import Foundation
import Glibc
import TokenPaceCore
import TokenPaceView

/// Why the terminal could not be started.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// The real screen: draws `Buffer`s with ncursesw, reads keys, and always gives the terminal back
/// in the state it was found: on `stop`, on SIGINT/SIGTERM/SIGHUP (see `onTerminate`), around
/// Ctrl-Z or SIGTSTP (and redraws after `fg`), on `exit` without `stop`, and on a crash.
///
/// Signals are noted by async-signal-safe handlers that write to a pipe; `waitForInput` polls that
/// pipe beside stdin and does the work on the calling (main) thread, so a signal that arrives while
/// the app is busy is acted on at its next wait.
///
/// Curses is not thread-safe, so this class is not `Sendable`: create and use it on the main
/// thread only. Never start it without a terminal on stdin and stdout (CI, pipes): check
/// `Terminal.isTTY()` first and exit with a message instead.
public final class Terminal {
    /// The theme cells are drawn in; setting it repaints everything on the next `draw`.
    public var theme: Theme {
        didSet { resetStyles() }
    }
    /// The colours actually used, after `NO_COLOR`, the terminal's colour count and `COLORTERM`.
    public private(set) var colorDepth: ColorDepth = .none
    /// False under a non-UTF-8 locale: the view should then draw ASCII borders. Accented letters
    /// then lose their accents and other non-ASCII text shows as `?`.
    public private(set) var unicodeOK = false
    /// True when the whole screen must be drawn again (start, resize, coming back from Ctrl-Z).
    /// The run loop should render and `draw` even if nothing else changed; `draw` clears it.
    public private(set) var needsFullRedraw = true
    /// Called after the terminal is restored when SIGINT, SIGTERM or SIGHUP ends the program, so the
    /// app can save what it must; the process then dies by that signal (exit status 128 + signal).
    public var onTerminate: ((Int32) -> Void)?

    private let environment: [String: String]
    private let signals = SignalPipe()
    private var screen: OpaquePointer?
    private var started = false
    private var previous: Buffer?
    private var pairs = ColorPairs(capacity: 0)
    private var roleLooks: [Look?] = Array(repeating: nil, count: StyleRole.allCases.count)
    private var directColor = false
    private var resumedOnce = false
    /// False after keys and signals were drained and no wait has seen input since: the next wait
    /// can go straight to sleep instead of asking curses and the signal pipe again.
    private var inputMayBePending = true
    private var defaultColorsOK = true
    /// How frames reach an ANSI terminal without curses' own update (see `AnsiFrame`); nil before it
    /// is worked out and for a terminal whose cursor moves are not ANSI ones.
    private var ansi: AnsiFrame?
    private var ansiChecked = false
    /// The bytes of the frame being written, kept to reuse their storage.
    private var output: [UInt8] = []

    private struct Look {
        var attr: attr_t
        var pair: Int32
        /// A blank in this look; a one-scalar cell only needs its character set.
        var blank: cchar_t
    }

    /// True when stdin and stdout are both terminals; the only case in which `start` may be called.
    public static func isTTY() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    public init(theme: Theme = .dark, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.theme = theme
        self.environment = environment
    }

    deinit { stop() }

    /// Enters curses mode: raw keys, no echo, hidden cursor, colours. Throws without a terminal on
    /// stdin and stdout (curses would write escape codes into a pipe) or when `TERM` names no
    /// usable terminal. After `stop` it may be called again.
    public func start() throws(TerminalError) {
        guard !started else { return }
        guard Self.isTTY() else { throw TerminalError(description: "stdin and stdout must be a terminal") }
        signals.install()
        if screen == nil {
            setlocale(LC_ALL, "")
            unicodeOK =
                String(cString: nl_langinfo(Int32(CODESET))).uppercased().replacingOccurrences(of: "-", with: "")
                == "UTF8"
            CrashRestore.saveModes()
            guard let s = tp_newterm() else {
                signals.uninstall()
                throw TerminalError(description: "cannot use terminal type '\(environment["TERM"] ?? "")'")
            }
            screen = s
            RestoreAtExit.register()
        } else {
            reset_prog_mode()
        }
        RestoreAtExit.active = true
        let win = tp_stdscr()
        raw()
        noecho()
        nonl()
        keypad(win, true)
        nodelay(win, true)
        leaveok(win, true)
        curs_set(0)
        set_escdelay(25)
        signals.chainResizeHandler()
        setUpColor()
        // No typeahead check: curses would poll stdin every few lines of each update.
        typeahead(-1)
        if !resumedOnce {
            // Until the screen has been through endwin once, curses (6.x) writes to the terminal
            // at every cursor move of an update, dozens of writes a frame. Wrapping up and resuming
            // before the first frame makes each frame one write; nothing has been drawn yet.
            endwin()
            reset_prog_mode()
            resumedOnce = true
        }
        CrashRestore.arm()
        started = true
        previous = nil
        needsFullRedraw = true
        inputMayBePending = true
    }

    /// Leaves curses mode and puts the terminal and signal handlers back. Safe to call twice.
    public func stop() {
        guard started else { return }
        started = false
        CrashRestore.disarm()
        endwin()
        RestoreAtExit.active = false
        signals.uninstall()
    }

    /// The screen size in cells.
    public var size: Size {
        if started { return Size(width: Int(tp_cols()), height: Int(tp_lines())) }
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 {
            return Size(width: Int(ws.ws_col), height: Int(ws.ws_row))
        }
        return Size(width: 80, height: 24)
    }

    // MARK: Drawing

    /// Writes the cells that differ from the last frame, then updates the screen once.
    /// After a resize, a size change or a resume, clears and writes every cell.
    public func draw(_ buffer: Buffer) {
        guard started else { return }
        let win = tp_stdscr()
        let screenSize = size
        if needsFullRedraw || previous?.size != buffer.size {
            werase(win)
            clearok(win, true)
            previous = nil
        }
        if let ansi = ansiFrame() {
            if previous == nil {
                // Curses clears the screen (and takes back the alternate screen after a suspend).
                wnoutrefresh(win)
                doupdate()
            }
            output.removeAll(keepingCapacity: true)
            ansi.encode(
                buffer, changed: FrameDiff.cellsToWrite(previous: previous, current: buffer), screen: screenSize,
                into: &output)
            writeOut(output)
            previous = buffer
            needsFullRedraw = false
            return
        }
        let width = buffer.size.width
        // Changed cells go to curses in runs, one call per run of neighbours on a row; a cell whose
        // character needs curses' own handling (several scalars, or a width the terminal's locale
        // disagrees with) is written on its own.
        var blanks = [cchar_t?](repeating: nil, count: StyleRole.allCases.count)
        var run: [cchar_t] = []
        run.reserveCapacity(width)
        var runX = 0
        var runY = 0
        var nextX = -1
        func flush() {
            guard !run.isEmpty else { return }
            mvwadd_wchnstr(win, Int32(runY), Int32(runX), run, Int32(run.count))
            run.removeAll(keepingCapacity: true)
        }
        let changed = FrameDiff.cellsToWrite(previous: previous, current: buffer)
        buffer.cells.withUnsafeBufferPointer { cells in
            for i in changed {
                let y = i / width
                let x = i - y * width
                guard x < screenSize.width, y < screenSize.height else { continue }
                let cell = cells[i]
                var glyph = cell.glyph
                if cell.isContinuation {
                    // The wide character to the left covers this cell, unless the terminal's locale
                    // thinks it narrow: then blank the cell so nothing stale shows through.
                    if x > 0, !cells[i - 1].isContinuation, unicodeOK, terminalWidth(cells[i - 1].glyph) == 2 {
                        continue
                    }
                    glyph = Glyph(ascii: unicodeOK || x == 0 ? 0x20 : 0x3F)
                }
                guard let (char, width) = simpleChar(glyph) else {
                    flush()
                    nextX = -1
                    put(glyph, role: cell.role, x: x, y: y, win: win)
                    continue
                }
                if !run.isEmpty, y != runY || x != nextX { flush() }
                if run.isEmpty {
                    runX = x
                    runY = y
                    nextX = x
                }
                let r = Int(cell.role.rawValue)
                if blanks[r] == nil { blanks[r] = look(for: cell.role).blank }
                var cc = blanks[r]!
                cc.chars.0 = char
                run.append(cc)
                nextX += width
            }
        }
        flush()
        wnoutrefresh(win)
        doupdate()
        previous = buffer
        needsFullRedraw = false
    }

    /// The ANSI writer for this terminal and theme, made on first use: nil when the terminal's
    /// cursor address, cursor save and restore or normal style are not the ANSI ones.
    private func ansiFrame() -> AnsiFrame? {
        if let ansi { return ansi }
        guard !ansiChecked else { return nil }
        ansiChecked = true
        let normal = CrashRestore.terminfoString("sgr0")
        let save = CrashRestore.terminfoString("sc")
        let restore = CrashRestore.terminfoString("rc")
        guard CrashRestore.terminfoString("cup") == Array(AnsiFrame.ansiCursorAddress.utf8), !normal.isEmpty,
            save == [0x1B, 0x37], restore == [0x1B, 0x38]
        else { return nil }
        // Each role's look as curses sends it from the normal style. (Curses' switch from one colour
        // pair to another may send part of it, resetting to the default colours, past the capture.)
        func become(_ look: Look?, _ outc: NCURSES_OUTC) {
            var pair = look?.pair ?? 0
            _ = vid_puts(look?.attr ?? tp_a_normal(), Int16(truncatingIfNeeded: min(pair, 32767)), &pair, outc)
        }
        var looks: [AnsiFrame.Look] = []
        for role in StyleRole.allCases {
            let look = look(for: role)
            become(nil, discardByte)
            capturedBytes.removeAll()
            become(look, captureByte)
            // Which colours the bytes set: the pair's non-default ones, as long as the terminal has
            // default colours (otherwise a colour equal to the normal one may not be sent).
            var fg: Int32 = -1
            var bg: Int32 = -1
            if look.pair != 0 { extended_pair_content(look.pair, &fg, &bg) }
            looks.append(
                AnsiFrame.Look(
                    bytes: capturedBytes, plain: look.attr == tp_a_normal() && defaultColorsOK,
                    setsForeground: fg >= 0, setsBackground: bg >= 0))
        }
        become(nil, discardByte)
        let automaticMargins = "am".withCString { tigetflag($0) } == 1
        let delayedWrap = "xenl".withCString { tigetflag($0) } == 1
        let made = AnsiFrame(
            normal: normal, looks: looks, save: save, restore: restore, unicode: unicodeOK,
            avoidLastCell: automaticMargins && !delayedWrap,
            terminalWidth: { Int(tp_wcwidth(wchar_t(bitPattern: $0))) })
        ansi = made
        return made
    }

    /// Writes all of `bytes` to the terminal.
    private func writeOut(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let n = write(STDOUT_FILENO, base + offset, raw.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && errno == EAGAIN {
                    var fds = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&fds, 1, 100)
                } else {
                    return
                }
            }
        }
    }

    /// The character for a one-scalar glyph whose width curses agrees with (so a run of them lands
    /// where the buffer has them), and that width; nil otherwise.
    @inline(__always)
    private func simpleChar(_ glyph: Glyph) -> (wchar_t, Int)? {
        guard let s = glyph.scalar else { return nil }
        var v = s.value
        if v < 0x20 || v == 0x7f { v = 0x20 }
        if !unicodeOK, v >= 0x80 { v = 0x3F }
        if v < 0x7f { return (wchar_t(bitPattern: v), 1) }
        let cells = Int(tp_wcwidth(wchar_t(bitPattern: v)))
        guard cells >= 1, cells == max(1, glyph.width) else { return nil }
        return (wchar_t(bitPattern: v), cells)
    }

    private func put(_ glyph: Glyph, role: StyleRole, x: Int, y: Int, win: UnsafeMutablePointer<WINDOW>?) {
        let look = look(for: role)
        var pair = look.pair
        var cc = cchar_t()
        if let s = glyph.scalar {
            // One scalar: the look's blank with its character set (setcchar would only check that
            // one character, which the curses call does again).
            var v = s.value
            if v < 0x20 || v == 0x7f { v = 0x20 }
            if !unicodeOK, v >= 0x80 { v = 0x3F }
            cc = look.blank
            cc.chars.0 = wchar_t(bitPattern: v)
            mvwadd_wch(win, Int32(y), Int32(x), &cc)
            return
        }
        var scalars = Array(glyph.character.unicodeScalars)
        if scalars.first.map({ $0.value < 0x20 || $0.value == 0x7f }) ?? true { scalars = [" "] }
        if !unicodeOK, scalars.contains(where: { !$0.isASCII }) {
            // The locale cannot show it: keep an ASCII base letter ("é" → "e"), else "?".
            scalars = scalars[0].isASCII ? [scalars[0]] : ["?"]
        }
        var wide = scalars.prefix(Int(tp_ccharw_max()) - 1).map { wchar_t(bitPattern: $0.value) } + [0]
        if setcchar(&cc, &wide, look.attr, Int16(truncatingIfNeeded: min(pair, 32767)), &pair) != OK {
            // Not a base character followed by combining marks (e.g. an emoji ZWJ sequence):
            // show its first character rather than nothing.
            wide = [wchar_t(bitPattern: scalars[0].value), 0]
            if setcchar(&cc, &wide, look.attr, Int16(truncatingIfNeeded: min(pair, 32767)), &pair) != OK {
                wide = [wchar_t(UInt8(ascii: "?")), 0]
                setcchar(&cc, &wide, look.attr, Int16(truncatingIfNeeded: min(pair, 32767)), &pair)
            }
        }
        mvwadd_wch(win, Int32(y), Int32(x), &cc)
    }

    private func terminalWidth(_ glyph: Glyph) -> Int32 {
        tp_wcwidth(wchar_t(bitPattern: glyph.firstScalar.value))
    }

    // MARK: Colour

    private func setUpColor() {
        colorDepth = .none
        directColor = false
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor, has_colors() {
            start_color()
            defaultColorsOK = use_default_colors() == OK
            let colors = Int(tp_colors())
            colorDepth = ColorDepth.detect(colors: colors, environment: environment)
            directColor = colors >= 1 << 24
            // Without a direct-colour terminfo entry curses cannot send 24-bit colour; redefining
            // palette slots would change colours for other programs too, so use the 256 palette.
            if colorDepth == .truecolor && !directColor { colorDepth = .ansi256 }
        }
        resetStyles()
    }

    private func resetStyles() {
        pairs = ColorPairs(capacity: colorDepth == .none ? 0 : Int(tp_color_pairs()) - 1)
        roleLooks = Array(repeating: nil, count: StyleRole.allCases.count)
        ansi = nil
        ansiChecked = false
        needsFullRedraw = true
    }

    private func look(for role: StyleRole) -> Look {
        if let look = roleLooks[Int(role.rawValue)] { return look }
        let style = theme.style(for: role).degraded(to: colorDepth)
        var attr = tp_a_normal()
        if style.bold { attr |= tp_a_bold() }
        if style.italic { attr |= tp_a_italic() }
        if style.dim { attr |= tp_a_dim() }
        if style.underline { attr |= tp_a_underline() }
        if style.reverse { attr |= tp_a_reverse() }
        var pair: Int32 = 0
        if colorDepth != .none {
            var fg = CursesColor.number(for: style.fg, direct: directColor)
            var bg = CursesColor.number(for: style.bg, direct: directColor)
            if !defaultColorsOK {
                if fg == -1 { fg = 7 }
                if bg == -1 { bg = 0 }
            }
            let (n, isNew) = pairs.number(fg: fg, bg: bg)
            if isNew { init_extended_pair(n, fg, bg) }
            pair = n
        }
        var blank = cchar_t()
        var space: [wchar_t] = [0x20, 0]
        var p = pair
        setcchar(&blank, &space, attr, Int16(truncatingIfNeeded: min(pair, 32767)), &p)
        let look = Look(attr: attr, pair: pair, blank: blank)
        roleLooks[Int(role.rawValue)] = look
        return look
    }

    // MARK: Input

    /// Sleeps until a key arrives or `deadline` passes, then returns every pending key ([] on
    /// timeout). The wait is precise to well under a millisecond (ppoll, not curses' timeout) and
    /// also ends on a resize (`.resize`), a Ctrl-Z round trip (`.resize`, with `needsFullRedraw`)
    /// or a terminating signal (which restores the terminal and ends the process). `wakeFD`, when
    /// readable, ends the wait with no keys: another thread has something for the run loop.
    public func waitForInput(until deadline: ContinuousClock.Instant, wakeFD: Int32 = -1) -> [Key] {
        guard started else { return [] }
        while true {
            if inputMayBePending {
                var keys = handleSignals()
                inputMayBePending = drainKeys(into: &keys)
                if !keys.isEmpty { return keys }
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining <= .zero { return [] }
            let (seconds, attoseconds) = remaining.components
            let nanoseconds =
                seconds >= 1_000_000 ? Int64.max / 2 : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
            var stdinEvents: Int16 = 0
            var pipeEvents: Int16 = 0
            var wakeEvents: Int16 = 0
            let r = tp_wait_readable(
                STDIN_FILENO, signals.readFD, wakeFD, nanoseconds, &stdinEvents, &pipeEvents, &wakeEvents)
            if r == 0 { return [] }
            inputMayBePending = true
            if r < 0 && errno != EINTR { return [] }
            // The terminal went away (closed window, hung-up line): readable but nothing to read.
            // Without this the loop would spin; end as a hangup would.
            if stdinEvents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
                || (stdinEvents & Int16(POLLIN) != 0 && !inputPending())
            {
                terminate(by: SIGHUP)
            }
            if wakeEvents != 0 { return [] }
        }
    }

    /// Whether the kernel holds input bytes for stdin; false at end of file.
    private func inputPending() -> Bool {
        var count: Int32 = 0
        return ioctl(STDIN_FILENO, UInt(FIONREAD), &count) != 0 || count > 0
    }

    /// Reads every key curses has; returns true if it stopped before running out.
    private func drainKeys(into keys: inout [Key]) -> Bool {
        let win = tp_stdscr()
        for _ in 0..<4096 {
            var code: wint_t = 0
            let r = wget_wch(win, &code)
            if r == ERR { return false }
            let event = KeyDecoder.decode(code: code, isFunctionKey: r == KEY_CODE_YES)
            switch event {
            case .suspend:
                suspend()
                appendResize(to: &keys)
            case .key(.resize):
                needsFullRedraw = true
                appendResize(to: &keys)
            default:
                KeyDecoder.append(event, to: &keys)
            }
        }
        return true
    }

    private func appendResize(to keys: inout [Key]) {
        if keys.last != .resize { keys.append(.resize) }
    }

    // MARK: Signals

    /// Acts on the signals the handlers noted (see `SignalPipe`), on the main thread.
    private func handleSignals() -> [Key] {
        var keys: [Key] = []
        for sig in signals.drain() {
            switch sig {
            case SIGINT, SIGTERM, SIGHUP:
                terminate(by: sig)
            case SIGTSTP:
                suspend()
                appendResize(to: &keys)
            case SIGCONT:
                // Stopped by something we did not see (SIGSTOP): the shell may have reset the tty.
                reenter()
                appendResize(to: &keys)
            default:
                break  // SIGWINCH: curses saw it too and reports KEY_RESIZE through wget_wch.
            }
        }
        return keys
    }

    /// Ctrl-Z: give the terminal back, stop like any job, and come back fully redrawn on `fg`.
    private func suspend() {
        CrashRestore.disarm()
        endwin()
        RestoreAtExit.active = false
        signals.withDefaultAction(for: SIGTSTP) {
            _ = kill(0, SIGTSTP)
        }
        reenter()
    }

    private func reenter() {
        RestoreAtExit.active = true
        reset_prog_mode()
        curs_set(0)
        clearok(tp_curscr(), true)
        doupdate()
        CrashRestore.arm()
        needsFullRedraw = true
        inputMayBePending = true
    }

    /// Restores the terminal, lets the app save its work, then dies by `sig` so the parent sees
    /// the usual status (128 + signal).
    private func terminate(by sig: Int32) -> Never {
        stop()
        onTerminate?(sig)
        signals.withDefaultAction(for: sig) {
            _ = kill(getpid(), sig)
        }
        exit(128 + sig)
    }
}

/// What `vid_puts` sends while the ANSI writer learns each role's style switch (main thread only).
nonisolated(unsafe) private var capturedBytes: [UInt8] = []

private func captureByte(_ c: Int32) -> Int32 {
    capturedBytes.append(UInt8(truncatingIfNeeded: c))
    return c
}

private func discardByte(_ c: Int32) -> Int32 { c }
