import Glibc

// Signal handlers may only do async-signal-safe work, and curses must stay on the main thread.
// So a handler only writes the signal's number into a pipe (the self-pipe trick); the main thread
// polls that pipe next to stdin and does the real work (endwin, stop, exit) in `Terminal`.
// These two globals are written on the main thread before any handler that reads them is
// installed; they are plain statically-initialised words, so reading them in a handler takes no
// lock and allocates nothing.
nonisolated(unsafe) private var signalWriteFD: Int32 = -1
nonisolated(unsafe) private var cursesWinchHandler: (@convention(c) (Int32) -> Void)? = nil

private func noteSignal(_ signal: Int32) {
    let savedErrno = errno
    if signal == SIGWINCH, let chained = cursesWinchHandler { chained(signal) }
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalWriteFD, &byte, 1)
    errno = savedErrno
}

/// The signals the terminal turns into pipe bytes, and the dispositions to put back afterwards.
final class SignalPipe {
    /// Read end, polled by `Terminal.waitForInput`.
    let readFD: Int32
    private var saved: [Int32: sigaction] = [:]

    /// Signals that end the program; SIGTSTP and SIGCONT bracket a suspension.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT]

    /// Creates the pipe once per process: a handler may run at any moment, so the write end
    /// is never closed.
    private static let fds: (read: Int32, write: Int32) = {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return (-1, -1) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }()

    init() {
        readFD = Self.fds.read
        signalWriteFD = Self.fds.write
    }

    /// Routes the handled signals to the pipe. Call before `initscr`, so curses sees handlers in
    /// place and does not install its own (which would call endwin inside a signal handler).
    /// A signal the user started us with ignored (`nohup`) stays ignored.
    func install(_ signals: [Int32] = handled) {
        for sig in signals {
            var old = sigaction()
            sigaction(sig, nil, &old)
            if sig != SIGCONT, isIgnored(old) { continue }
            saved[sig] = old
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { noteSignal($0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// Wraps curses' SIGWINCH handler (installed by `initscr`) so a resize also wakes the poll
    /// when the signal lands on another thread. Curses' handler only sets a flag, which is safe.
    func chainResizeHandler() {
        var old = sigaction()
        sigaction(SIGWINCH, nil, &old)
        if saved[SIGWINCH] == nil { saved[SIGWINCH] = old }
        let raw = unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self)
        if old.sa_flags & SA_SIGINFO == 0, raw != 0, raw != 1 {
            cursesWinchHandler = old.__sigaction_handler.sa_handler
        }
        var action = old
        action.__sigaction_handler.sa_handler = { noteSignal($0) }
        action.sa_flags = (old.sa_flags & ~SA_SIGINFO) | SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    /// Puts back the dispositions found before `install`.
    func uninstall() {
        for (sig, old) in saved {
            var old = old
            sigaction(sig, &old, nil)
        }
        saved = [:]
        cursesWinchHandler = nil
    }

    /// Temporarily gives `sig` its default action (to stop or die by it) and back.
    func withDefaultAction(for sig: Int32, _ body: () -> Void) {
        var dfl = sigaction()
        dfl.__sigaction_handler.sa_handler = nil  // SIG_DFL
        sigemptyset(&dfl.sa_mask)
        var old = sigaction()
        sigaction(sig, &dfl, &old)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, sig)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        body()
        sigaction(sig, &old, nil)
    }

    /// Signals noted since the last call, oldest first.
    func drain() -> [Int32] {
        var out: [Int32] = []
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(readFD, &bytes, bytes.count)
            if n <= 0 { break }
            out += bytes[0..<n].map { Int32($0) }
        }
        return out
    }

    private func isIgnored(_ action: sigaction) -> Bool {
        action.sa_flags & SA_SIGINFO == 0 && unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1
    }
}
