import CNcursesw
import Glibc

/// A last resort for `exit()` called while curses is active (a path that forgot `stop()`):
/// an `atexit` hook that ends curses mode so the shell is usable again.
enum RestoreAtExit {
    // Main thread only, like every curses call; a plain word the exit hook can read.
    nonisolated(unsafe) static var active = false
    nonisolated(unsafe) private static var registered = false

    static func register() {
        guard !registered else { return }
        registered = true
        atexit {
            if RestoreAtExit.active {
                RestoreAtExit.active = false
                endwin()
            }
        }
    }
}
