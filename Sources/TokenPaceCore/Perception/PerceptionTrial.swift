/// One pane of a trial with its hidden settings. `probe` is its rank by speed (0 = slowest), in
/// present mode its presentation's place in the list compared; `position` is where it sits on
/// screen, which also names it (0 → A).
public struct TrialPane: Sendable, Equatable, Codable {
    public var label: String
    public var position: Int
    public var probe: Int
    /// Decode rate, tok/s.
    public var rate: Double
    /// Time to first token, seconds.
    public var ttft: Double
    /// Present mode: how the pane shows its answer (absent in rate and ttft mode).
    public var presentation: Presentation?
    /// Present mode: request → last token, the same for every pane of the trial, seconds.
    public var e2e: Double?

    public init(
        label: String, position: Int, probe: Int, rate: Double, ttft: Double, presentation: Presentation? = nil,
        e2e: Double? = nil
    ) {
        self.label = label
        self.position = position
        self.probe = probe
        self.rate = rate
        self.ttft = ttft
        self.presentation = presentation
        self.e2e = e2e
    }

    /// The value the session varies for this pane (rate or TTFT; in present mode the shared E2E).
    public func value(_ mode: PerceptionMode) -> Double {
        switch mode {
        case .rate: return rate
        case .ttft: return ttft
        case .present: return e2e ?? 0
        }
    }

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

    /// The seed of every pane's schedule in trial `number`: one for all, so with jitter on the panes
    /// share the same gap shape and differ only in the hidden setting.
    public static func streamSeed(_ config: PerceptionConfig, number: Int) -> UInt64 {
        config.seed &+ UInt64(number)
    }

    /// Probes 0..<count in seeded random screen positions (`order[position]` = probe).
    static func order(count: Int, number: Int, config: PerceptionConfig) -> [Int] {
        var rng = SeededRandom(seed: config.seed &+ UInt64(number) &* 0x9E37_79B9)
        var order = Array(0..<count)
        // Fisher–Yates with the project's generator, so positions repeat on every platform.
        if order.count > 1 {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }

    /// Present mode: one pane per presentation at seeded random positions, every one done at `e2e`
    /// after the same first-token wait, each at the decode rate that gets it there.
    public static func planPresent(
        number: Int, practice: Bool, sample: Sample, e2e: Double, config: PerceptionConfig
    ) -> PerceptionTrial {
        let seed = streamSeed(config, number: number)
        let order = order(count: config.presentations.count, number: number, config: config)
        let panes = order.enumerated().map { position, probe in
            let p = config.presentations[probe]
            let rate = PresentTiming.rate(
                e2e: e2e, ttft: config.fixedTTFT, sample: sample, presentation: p, jitter: config.jitter, seed: seed)
            return TrialPane(
                label: TrialPane.label(position: position), position: position, probe: probe, rate: rate,
                ttft: config.fixedTTFT, presentation: p, e2e: e2e)
        }
        return PerceptionTrial(number: number, practice: practice, sample: sample, panes: panes)
    }

    /// Lays out `values` (slowest first) at seeded random positions.
    public static func plan(
        number: Int, practice: Bool, sample: Sample, values: [Double], config: PerceptionConfig
    ) -> PerceptionTrial {
        let order = order(count: values.count, number: number, config: config)
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
