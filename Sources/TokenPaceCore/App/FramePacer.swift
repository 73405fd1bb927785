/// How long the run loop waits between frames: at most 120 a second, and fewer when frames are
/// expensive, so that drawing stays near a fixed share of one core (`budget`). Many busy panes then
/// get their tokens drawn a few milliseconds later, in fewer and larger batches, while a cheap
/// screen (one pane, a few panes) keeps every frame. Never fewer than 30 frames a second.
///
/// The budget is kept as a credit of CPU time: it grows by `budget` for every second of wall time
/// (up to `reserve`) and each frame spends what it cost. A frame may come as soon as the credit is
/// not negative, so a replay whose tokens arrive every 9 ms gets a frame at each token even when
/// its average frame rate sits just under the budget; under a steady heavy load the credit runs
/// out and frames are spaced `cost ÷ budget` apart.
///
/// Pure: the run loop measures each frame's CPU time and hands it to `record` with the frame's time.
public struct FramePacer: Sendable, Equatable {
    public static let minInterval = 1.0 / 120
    public static let maxInterval = 1.0 / 30

    /// Share of one core that frames may use (0.02 = 2%).
    public let budget: Double
    /// The most CPU time saved up while frames are cheap or rare: a quarter second of budget.
    public var reserve: Double { budget * 0.25 }
    /// Smoothed CPU seconds per frame; nil until the first frame is measured.
    public private(set) var cost: Double?
    /// CPU seconds frames may spend now (negative: overspent), as of `creditAt`.
    public private(set) var credit: Double
    private var creditAt: Double?

    /// The share frames get by default: 1.7%, so that the whole process stays within 2% of a core
    /// (a frame's cost is counted from its start to the next frame's, and the part of a rare slow
    /// frame beyond one slowest interval is forgiven).
    public static let defaultBudget = 0.017

    /// Starts with a full reserve.
    public init(budget: Double = FramePacer.defaultBudget) {
        self.budget = budget
        self.credit = budget * 0.25
    }

    /// Notes the CPU seconds the last frame (render, draw, bookkeeping) took, at the time `t` of the
    /// frame about to be drawn.
    public mutating func record(cpu seconds: Double, at t: Double) {
        guard seconds.isFinite, seconds >= 0, t.isFinite else { return }
        // Smoothed for display; the spacing itself follows the credit.
        cost = cost.map { $0 + 0.2 * (seconds - $0) } ?? seconds
        let earned = creditAt.map { max(0, t - $0) * budget } ?? 0
        // One very slow frame (a page fault, a huge paste) costs at most one slowest interval.
        credit = max(-budget * Self.maxInterval, min(reserve, credit + earned) - seconds)
        creditAt = t
    }

    /// The shortest time from the frame last recorded to the next.
    public var interval: Double {
        let wait = credit >= 0 ? 0 : -credit / budget
        return min(Self.maxInterval, max(Self.minInterval, wait))
    }
}
