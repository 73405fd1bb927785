/// How to open one pane: its profile and where its tokens come from. Replayed panes bring their own
/// tokens and times.
public struct PaneSetup: Sendable, Equatable {
    public var profile: Profile
    public var source: PaneSource
    public var tokens: [Token]?
    public var times: [Double]?
    /// Where the profile's numbers come from (e.g. a hardware estimate's formulas), for `e`.
    public var explanation: [String]

    public init(
        profile: Profile, source: PaneSource = .simulated, tokens: [Token]? = nil, times: [Double]? = nil,
        explanation: [String] = []
    ) {
        self.profile = profile
        self.source = source
        self.tokens = tokens
        self.times = times
        self.explanation = explanation
    }
}

extension AppState {
    /// Opens a race of mixed panes (simulated, live, mirror, replay), all starting at `now`.
    public init(
        setups: [PaneSetup], sample: Sample, library: [Sample], seed: UInt64, jitterIndex: Int = 0, now: Double
    ) {
        self.init(
            profiles: setups.map(\.profile), sample: sample, library: library, seed: seed, jitterIndex: jitterIndex,
            now: now)
        for (i, setup) in setups.prefix(AppState.maxPanes).enumerated() {
            panes[i].explanation = setup.explanation
            guard setup.source != .simulated else { continue }
            // Live and mirror panes start empty and fill as the live stream arrives.
            let tokens = setup.tokens ?? []
            var pane = PaneState(
                id: i, profile: setup.profile, seed: seed &+ UInt64(i), tokens: tokens,
                promptTokens: panes[i].promptTokens, task: sample.task, origin: now, source: setup.source,
                draftAcceptance: sample.draftAcceptance)
            if let times = setup.times {
                pane.schedule = Schedule(times: Array(times.prefix(tokens.count)))
            }
            pane.explanation = setup.explanation
            panes[i] = pane
        }
    }
}
