import CNcursesw
import Glibc

// A crash (a Swift trap is SIGILL/SIGTRAP, a bad access SIGSEGV/SIGBUS, abort() SIGABRT) must not
// leave the shell in raw mode on the alternate screen. Curses cannot be called from a handler, so
// the handler uses only async-signal-safe calls: `tcsetattr` with the modes saved before curses
// started and one `write` of the terminfo strings that leave curses mode (prepared in advance).
// Then it hands the signal to whoever had it before (the Swift runtime's backtracer, which now
// prints on the normal screen) or dies by it.
// Written on the main thread before the handlers go in; plain pointers, statically initialised.
nonisolated(unsafe) private var savedModes: UnsafeMutablePointer<termios>? = nil
nonisolated(unsafe) private var leaveSequence: UnsafeMutableBufferPointer<UInt8>? = nil
nonisolated(unsafe) private var previousActions: UnsafeMutablePointer<sigaction>? = nil
nonisolated(unsafe) private var crashRestoreArmed = false

private let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
private let maxSignal = 65

private func restoreOnCrash(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?)
{
    if crashRestoreArmed {
        crashRestoreArmed = false
        if let modes = savedModes { tcsetattr(STDIN_FILENO, TCSANOW, modes) }
        if let seq = leaveSequence, let base = seq.baseAddress { _ = write(STDOUT_FILENO, base, seq.count) }
    }
    guard let previous = previousActions?[Int(sig)] else { return }
    let raw = unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self)
    if previous.sa_flags & SA_SIGINFO != 0, let handler = previous.__sigaction_handler.sa_sigaction {
        handler(sig, info, context)
    } else if raw > 1, let handler = previous.__sigaction_handler.sa_handler {
        handler(sig)
    } else {
        var dfl = previous
        sigaction(sig, &dfl, nil)
        raise(sig)
    }
}

/// Restores the tty from inside a crash signal handler; see the note above.
enum CrashRestore {
    /// Saves the current tty modes. Call before curses changes them.
    static func saveModes() {
        if savedModes == nil { savedModes = .allocate(capacity: 1) }
        if tcgetattr(STDIN_FILENO, savedModes!) != 0 {
            savedModes!.deallocate()
            savedModes = nil
        }
    }

    /// Prepares the leave sequence from terminfo (curses must be set up) and installs the handlers.
    static func arm() {
        if leaveSequence == nil {
            var bytes: [UInt8] = []
            for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] { bytes += terminfoString(cap) }
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
            _ = buffer.initialize(from: bytes)
            leaveSequence = UnsafeMutableBufferPointer(rebasing: buffer[0..<bytes.count])
        }
        if previousActions == nil {
            previousActions = .allocate(capacity: maxSignal)
            previousActions!.initialize(repeating: sigaction(), count: maxSignal)
            for sig in crashSignals {
                var action = sigaction()
                action.__sigaction_handler.sa_sigaction = { restoreOnCrash($0, $1, $2) }
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_SIGINFO | SA_ONSTACK
                sigaction(sig, &action, &previousActions![Int(sig)])
            }
        }
        crashRestoreArmed = true
    }

    /// Curses gave the terminal back itself (stop, suspend): nothing to restore on a crash.
    static func disarm() { crashRestoreArmed = false }

    /// A terminfo string without `$<…>` padding, or nothing if the terminal lacks it.
    static func terminfoString(_ name: String) -> [UInt8] {
        guard let value = name.withCString({ tigetstr($0) }), Int(bitPattern: value) != -1 else { return [] }
        var bytes = Array(String(cString: value).utf8)
        while let start = bytes.firstIndex(of: UInt8(ascii: "$")), start + 1 < bytes.count,
            bytes[start + 1] == UInt8(ascii: "<"), let end = bytes[start...].firstIndex(of: UInt8(ascii: ">"))
        {
            bytes.removeSubrange(start...end)
        }
        return bytes
    }
}
