import Dispatch
import Foundation
import TokenPaceCore

/// Ctrl-C during a bench: the first stops sending and lets the report of what finished be written;
/// a second quits at once.
public final class BenchInterrupt: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private let lock = NSLock()
    private var count = 0

    /// Calls `stop` on the first SIGINT; exits with 130 on the second.
    public init(stop: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            lock.lock()
            count += 1
            let n = count
            lock.unlock()
            if n == 1 {
                FileHandle.standardError.write(
                    Data("\ninterrupted: writing what was measured so far (Ctrl-C again to quit now)\n".utf8))
                stop()
            } else {
                exit(130)
            }
        }
        source.resume()
    }

    /// Whether Ctrl-C was pressed.
    public var fired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return count > 0
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

extension BenchSetup {
    /// Runs the bench; the first Ctrl-C stops it and the report holds what finished
    /// (`interrupted` set), a second quits at once.
    public func runUntilInterrupted() async -> BenchReport {
        let work = Task { await run() }
        let interrupt = BenchInterrupt { work.cancel() }
        let report = await work.value
        return withExtendedLifetime(interrupt) { report }
    }
}
