/// One pane of a trial with its hidden settings. `probe` is its rank by speed (0 = slowest);
/// `position` is where it sits on screen, which also names it (0 → A).
public struct TrialPane: Sendable, Equatable, Codable {
    public var label: String
    public var position: Int
    public var probe: Int
    /// Decode rate, tok/s.
    public var rate: Double
    /// Time to first token, seconds.
    public var ttft: Double

    public init(label: String, position: Int, probe: Int, rate: Double, ttft: Double) {
        self.label = label
        self.position = position
        self.probe = probe
        self.rate = rate
        self.ttft = ttft
    }

    /// The value the session varies for this pane (rate or TTFT).
    public func value(_ mode: PerceptionMode) -> Double { mode == .rate ? rate : ttft }

    public static func label(position: Int) -> String {
        String(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")[position % 26])
    }
}

/// A planned trial: which sample, and each pane's hidden settings in screen order.
public struct PerceptionTrial: Sendable, Equatable {
    /// Counted trials are numbered 1…N; the practice trial is 0.
    public var number: Int
    public var practice: Bool
    public var sample: Sample
    public var panes: [TrialPane]

    public init(number: Int, practice: Bool, sample: Sample, panes: [TrialPane]) {
        self.number = number
        self.practice = practice
        self.sample = sample
        self.panes = panes
    }

    /// Lays out `values` (slowest first) at seeded random positions.
    public static func plan(
        number: Int, practice: Bool, sample: Sample, values: [Double], config: PerceptionConfig
    ) -> PerceptionTrial {
        var rng = SeededRandom(seed: config.seed &+ UInt64(number) &* 0x9E37_79B9)
        var order = Array(values.indices)
        // Fisher–Yates with the project's generator, so positions repeat on every platform.
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        let panes = order.enumerated().map { position, probe in
            let v = values[probe]
            return TrialPane(
                label: TrialPane.label(position: position), position: position, probe: probe,
                rate: config.mode == .rate ? v : config.fixedRate,
                ttft: config.mode == .ttft ? v : config.fixedTTFT)
        }
        return PerceptionTrial(number: number, practice: practice, sample: sample, panes: panes)
    }
}
