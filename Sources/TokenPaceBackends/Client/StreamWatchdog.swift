import NIOConcurrencyHelpers
import TokenPaceWire

/// Tracks when bytes last arrived so a timer can tell "no first byte" from "stalled mid-stream".
final class StreamWatchdog: Sendable {
    private struct State {
        var lastByte: ContinuousClock.Instant?
    }

    private let state = NIOLockedValueBox(State())
    private let start: ContinuousClock.Instant
    private let options: StreamOptions

    init(start: ContinuousClock.Instant, options: StreamOptions) {
        self.start = start
        self.options = options
    }

    func bytesArrived(at instant: ContinuousClock.Instant) {
        state.withLockedValue { $0.lastByte = instant }
    }

    /// When the stream times out if nothing more arrives, and the error it then gets.
    func deadline() -> (ContinuousClock.Instant, BackendError) {
        if let last = state.withLockedValue({ $0.lastByte }) {
            return (last + options.idleTimeout, .idleTimeout(Self.seconds(options.idleTimeout)))
        }
        return (start + options.firstByteTimeout, .timeoutBeforeFirstByte(Self.seconds(options.firstByteTimeout)))
    }

    /// Sleeps until the deadline passes without activity; returns the timeout error, or nil when cancelled.
    func run() async -> BackendError? {
        let clock = ContinuousClock()
        while true {
            let (deadline, _) = deadline()
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return nil
            }
            let (current, error) = self.deadline()
            if clock.now >= current { return error }
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
