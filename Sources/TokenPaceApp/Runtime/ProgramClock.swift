import Foundation

/// The one clock of a running program: seconds since it started. The runtime reads it and hands
/// `now` to everything else; tests use `ManualClock` and move it themselves.
public protocol ProgramClock: AnyObject, Sendable {
    func now() -> Double
    /// The same instant on the system's monotonic clock (live requests start from it).
    func instant(_ t: Double) -> ContinuousClock.Instant
}

/// `ContinuousClock` counted from the moment the clock is made.
public final class SystemClock: ProgramClock {
    public let start: ContinuousClock.Instant

    public init(start: ContinuousClock.Instant = .now) { self.start = start }

    public func now() -> Double { Self.seconds(.now - start) }

    public func instant(_ t: Double) -> ContinuousClock.Instant {
        // Bounded so that no time a pane holds (a long trace, a slow retime) overflows the conversion.
        start + .nanoseconds(Int64((min(max(t, 0), 1e9) * 1e9).rounded(.up)))
    }

    public static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// A clock that moves only when told: headless tests drive the runtime at chosen instants.
public final class ManualClock: ProgramClock, @unchecked Sendable {
    private let lock = NSLock()
    private var t: Double
    private let origin = ContinuousClock.now

    public init(at t: Double = 0) { self.t = t }

    public func now() -> Double { lock.withLock { t } }

    /// Moves the clock forward to `time` (never back).
    public func advance(to time: Double) { lock.withLock { t = max(t, time) } }

    public func instant(_ t: Double) -> ContinuousClock.Instant { origin + .nanoseconds(Int64(max(0, t) * 1e9)) }
}
