/// How long the run loop waits between frames: at most 120 a second, and fewer when frames are
/// expensive, so that drawing stays near a fixed share of one core (`budget`). Many busy panes then
/// get their tokens drawn a few milliseconds later, in fewer and larger batches, while a cheap
/// screen (one pane, a few panes) keeps every frame. Never fewer than 30 frames a second.
///
/// Pure: the run loop measures each frame's CPU time and hands it to `record`.
public struct FramePacer: Sendable, Equatable {
    public static let minInterval = 1.0 / 120
    public static let maxInterval = 1.0 / 30

    /// Share of one core that frames may use (0.02 = 2%).
    public let budget: Double
    /// Smoothed CPU seconds per frame; nil until the first frame is measured.
    public private(set) var cost: Double?

    public init(budget: Double = 0.02) {
        self.budget = budget
    }

    /// Notes the CPU seconds one frame (render, draw, bookkeeping) took.
    public mutating func record(cpu seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        // Smoothed so one slow frame (a resize, a page fault) does not stall the next ones.
        cost = cost.map { $0 + 0.2 * (seconds - $0) } ?? seconds
    }

    /// The shortest time from one frame to the next.
    public var interval: Double {
        guard let cost else { return Self.minInterval }
        return min(Self.maxInterval, max(Self.minInterval, cost / budget))
    }
}
