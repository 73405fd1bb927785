/// How to open one pane: its profile and where its tokens come from. Replayed panes bring their own
/// tokens and times.
public struct PaneSetup: Sendable, Equatable {
    public var profile: Profile
    public var source: PaneSource
    public var tokens: [Token]?
    public var times: [Double]?
    /// Where the profile's numbers come from (e.g. a hardware estimate's formulas), for `e`.
    public var explanation: [String]
    /// A replayed stream that failed (the recorded error, or a trace that could not be read): the
    /// reason the pane shows, and when it failed (seconds since the request).
    public var failure: (message: String, at: Double)?
    /// The prompt's length as recorded (a trace's `prompt_tokens`), instead of the sample's.
    public var promptTokens: Int?
    /// What the user sees while the model works (`--present`, a spec's `#present=NAME`).
    public var presentation: Presentation = .stream
    /// A live request's most tokens: the progress presentation's ETA never expects more.
    public var maxTokens: Int?
    /// A simulated pane's model tokenizer (nil: the built-in estimate).
    public var tokenizer: PaneTokenizer?
    /// How a task of this pane is paid for.
    public var cost: PaneCost?
    /// A replayed trace's recorded first stage: its first this many pieces.
    public var stagePieces: Int?
    /// Its outline request's prompt tokens, when the stage was a request of its own (billed too).
    public var stagePromptTokens: Int?
    /// A batch pane's requests in flight at once (`--slots`, `#slots=`).
    public var batchSlots = 4
    /// How a simulated batch pane's per-slot rate falls with the slots (`--batch-efficiency`, or a
    /// hardware estimate's batch table).
    public var batchScaling = BatchScaling.default

    public init(
        profile: Profile, source: PaneSource = .simulated, tokens: [Token]? = nil, times: [Double]? = nil,
        explanation: [String] = [], failure: (message: String, at: Double)? = nil, promptTokens: Int? = nil,
        tokenizer: PaneTokenizer? = nil
    ) {
        self.profile = profile
        self.source = source
        self.tokens = tokens
        self.times = times
        self.explanation = explanation
        self.failure = failure
        self.promptTokens = promptTokens
        self.tokenizer = tokenizer
    }

    public static func == (a: PaneSetup, b: PaneSetup) -> Bool {
        a.profile == b.profile && a.source == b.source && a.tokens == b.tokens && a.times == b.times
            && a.explanation == b.explanation && a.failure?.message == b.failure?.message
            && a.failure?.at == b.failure?.at && a.promptTokens == b.promptTokens && a.presentation == b.presentation
            && a.cost == b.cost && a.tokenizer == b.tokenizer && a.stagePieces == b.stagePieces
            && a.stagePromptTokens == b.stagePromptTokens
            && a.batchSlots == b.batchSlots && a.batchScaling == b.batchScaling
    }
}

extension AppState {
    /// Opens a race of mixed panes (simulated, live, mirror, replay), all starting at `now`.
    public init(
        setups: [PaneSetup], sample: Sample, library: [Sample], seed: UInt64, jitterIndex: Int = 0,
        batchItems: Int? = nil, now: Double
    ) {
        self.init(
            profiles: setups.map(\.profile), sample: sample, library: library, seed: seed, jitterIndex: jitterIndex,
            batchItems: batchItems, now: now, planBatches: false)
        for (i, setup) in setups.prefix(AppState.maxPanes).enumerated() {
            panes[i].explanation = setup.explanation
            panes[i].cost = setup.cost
            guard setup.source != .simulated else {
                if let tokenizer = setup.tokenizer {
                    // The model's own pieces, and its count of the prompt for the prefill wait.
                    panes[i].tokenizer = tokenizer
                    panes[i].restart(
                        tokens: sample.tokens(using: tokenizer),
                        promptTokens: sample.promptTokenCount(using: tokenizer),
                        task: sample.task, now: now, draftAcceptance: sample.draftAcceptance)
                }
                continue
            }
            // Live and mirror panes start empty and fill as the live stream arrives.
            let tokens = setup.tokens ?? []
            var pane = PaneState(
                id: i, profile: setup.profile, seed: seed &+ UInt64(i), tokens: tokens,
                promptTokens: setup.promptTokens ?? panes[i].promptTokens, task: sample.task, origin: now,
                source: setup.source, draftAcceptance: sample.draftAcceptance)
            if let times = setup.times {
                pane.schedule = Schedule(times: Array(times.prefix(tokens.count)))
            }
            pane.explanation = setup.explanation
            pane.outline = panes[i].outline
            pane.maxTokens = setup.maxTokens
            pane.cost = setup.cost
            if setup.source.isLive && setup.presentation == .staged { pane.stageSource = .request }
            if let pieces = setup.stagePieces { pane.markRecordedStage(pieces: pieces) }
            pane.live.stagePromptTokens = setup.stagePromptTokens
            if let failure = setup.failure {
                pane.live.failure = failure.message
                pane.live.endedAt = max(failure.at, pane.schedule.times.last ?? 0)
            }
            panes[i] = pane
        }
        for (i, setup) in setups.prefix(AppState.maxPanes).enumerated() {
            panes[i].batchSlots = setup.batchSlots
            panes[i].batchScaling = setup.batchScaling
        }
        startBatches(now: now, paused: nil)
        let answer = sample.tokens()
        for (i, setup) in setups.prefix(AppState.maxPanes).enumerated() where setup.presentation != .stream {
            panes[i].present(
                setup.presentation, answer: answer, task: sample.task, draftAcceptance: sample.draftAcceptance)
        }
    }
}
