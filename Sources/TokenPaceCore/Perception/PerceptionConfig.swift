/// One participant's session as the facilitator set it up. Every field is written into each
/// results line, so a line can be understood without the others.
public struct PerceptionConfig: Sendable, Equatable {
    public static let paneRange = 1...4
    public static let trialRange = 1...200
    /// Every pane's time to first token in rate and present mode unless the facilitator sets one, seconds.
    public static let defaultTTFT = 0.5
    /// 2^53 − 1: the largest whole number a double (jq, JavaScript, R) holds exactly.
    public static let maxSeed: UInt64 = (1 << 53) - 1

    public var participant: String
    public var task: TaskKind
    public var mode: PerceptionMode
    /// Counted trials (the practice trial is extra).
    public var trials: Int
    /// Panes per trial.
    public var panes: Int
    /// Drives the pane positions; the same seed and answers repeat a session exactly. At most
    /// `maxSeed`, so the results file keeps it exactly (JSON readers hold numbers as doubles).
    public var seed: UInt64
    /// The `--seed` the facilitator gave, from which `seed` was derived with the participant ID;
    /// recorded so a session can be repeated from its results file.
    public var seedOption: UInt64?
    /// Decode rate of every pane in TTFT mode, tok/s.
    public var fixedRate: Double
    /// Time to first token of every pane in rate and present mode, seconds.
    public var fixedTTFT: Double
    public var practice: Bool
    /// Spread of inter-token gaps (see `Profile.jitter`), the same for every pane.
    public var jitter: Double
    /// Shown on the closing screen so the facilitator knows where the answers went.
    public var resultsPath: String?
    /// Present mode: the presentations compared, one pane each (in this order they are `probe` 0, 1…).
    public var presentations: [Presentation]
    /// Present mode: the end-to-end times every pane of a trial shares, seconds, cycled trial by trial.
    public var e2es: [Double]

    public init(
        participant: String, task: TaskKind, mode: PerceptionMode = .rate, trials: Int = 12, panes: Int = 3,
        seed: UInt64, fixedRate: Double = 40, fixedTTFT: Double = PerceptionConfig.defaultTTFT, practice: Bool = true,
        jitter: Double = 0,
        resultsPath: String? = nil, seedOption: UInt64? = nil,
        presentations: [Presentation] = PresentTiming.defaultPresentations, e2es: [Double] = [PresentTiming.defaultE2E]
    ) {
        self.participant = participant
        self.task = task
        self.mode = mode
        self.trials = min(max(trials, Self.trialRange.lowerBound), Self.trialRange.upperBound)
        let panes = mode == .present ? presentations.count : panes
        self.panes = min(max(panes, Self.paneRange.lowerBound), Self.paneRange.upperBound)
        self.presentations = presentations
        self.e2es = e2es.isEmpty ? [PresentTiming.defaultE2E] : e2es
        self.seed = seed
        self.seedOption = seedOption
        self.fixedRate = fixedRate
        self.fixedTTFT = fixedTTFT
        self.practice = practice
        self.jitter = jitter
        self.resultsPath = resultsPath
    }

    /// The session seed for a participant and a `--seed`: each person gets their own pane order, the
    /// same pair gives the same seed, and it stays within `maxSeed`.
    public static func seed(participant: String, option: UInt64) -> UInt64 {
        (seed(for: participant) ^ option) & maxSeed
    }

    /// A seed from the participant ID (FNV-1a), so each person gets their own pane order by default.
    public static func seed(for participant: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in participant.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
