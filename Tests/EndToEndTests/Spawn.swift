import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Child processes for the end-to-end tests, started with `posix_spawnp` and reaped with `waitpid`.
///
/// Foundation's `Process.waitUntilExit()` on Linux can miss a child's exit and wait forever (seen with
/// short-lived tmux clients: the child was a zombie, the test runner still waiting), so these tests do
/// not use `Process`. Every wait here has a deadline: a stuck child is killed and reported, never waited on.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `args[0]` (looked up on PATH) with the given standard streams (file paths) and working
    /// directory. Other descriptors are not inherited; signals start unblocked and at their defaults.
    static func start(
        _ args: [String], stdin: String = "/dev/null", stdout: String = "/dev/null", stderr: String = "/dev/null",
        directory: String? = nil
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let closeFrom = glibc("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self) {
            _ = closeFrom(&actions, 3)
        }
        if let directory {
            guard let chdir = glibc("posix_spawn_file_actions_addchdir_np", as: AddChdir.self) else {
                throw Failure(description: "this C library cannot start a process in another directory")
            }
            _ = chdir(&actions, directory)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let cArgs = args.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, args[0], &actions, &attributes, cArgs, environ)
        guard rc == 0 else { throw Failure(description: "cannot start \(args[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    // glibc's _np spawn actions (2.29+, 2.34+) are not in Swift's Glibc module: look them up at run time.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>)
        -> Int32

    private static func glibc<F>(_ name: String, as type: F.Type) -> F? {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }

    /// Waits for `pid` to end and returns its exit status (128 + signal if a signal ended it). After
    /// `timeout` seconds the child is killed and an error names it.
    static func wait(_ pid: pid_t, timeout: Double = 60, what: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r == -1 && errno != EINTR {
                throw Failure(description: "waiting for \(what): \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "\(what) did not end within \(timeout)s and was killed")
            }
            usleep(2_000)
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Ends a long-running child (SIGTERM, then SIGKILL after `grace` seconds) and reaps it.
    static func stop(_ pid: pid_t, grace: Double = 5) {
        kill(pid, SIGTERM)
        if (try? wait(pid, timeout: grace, what: "process \(pid)")) == nil {
            kill(pid, SIGKILL)
        }
    }
}
