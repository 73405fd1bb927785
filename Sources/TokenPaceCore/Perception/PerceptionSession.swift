/// Where a session is: instructions, between trials, watching, answering, or done.
public enum PerceptionPhase: Sendable, Equatable {
    case instructions
    case ready
    case streaming
    case answering(AnswerStep)
    case finished

    /// Watching or answering a trial: the screens with panes and the question panel.
    public var isTrial: Bool {
        switch self {
        case .streaming, .answering: return true
        case .instructions, .ready, .finished: return false
        }
    }
}

/// The questions after a trial, in order. `rating(i)` rates the pane at position i.
public enum AnswerStep: Sendable, Equatable {
    case faster
    case accept
    case rating(Int)
}

/// One participant's perception session as a value: the plan, the current trial, the answers so
/// far and the threshold estimator. `reduce(_:_:now:)` is the only thing that changes it; the
/// screens are drawn from it; nothing in it reveals a hidden setting except the summary.
public struct PerceptionSession: Sendable, Equatable {
    public let config: PerceptionConfig
    /// Samples of the session's task, cycled through trial by trial.
    public let samples: [Sample]
    public internal(set) var phase: PerceptionPhase
    public internal(set) var estimator: ThresholdEstimator
    /// The trial on offer (ready) or running (streaming, answering).
    public internal(set) var trial: PerceptionTrial?
    /// Streaming panes in screen order; their ids are positions, so their labels are A, B, C…
    public internal(set) var panes: [PaneState]
    /// App time the answer form opened; panes stop there.
    public internal(set) var frozenAt: Double?
    public internal(set) var answers: TrialAnswers
    /// Counted trials recorded so far.
    public internal(set) var completed: Int
    public internal(set) var practiceDone: Bool
    /// Trials aborted since the last record.
    public internal(set) var abortedSinceRecord: Int
    /// Every line written in this session, for the closing summary.
    public internal(set) var records: [TrialRecord]
    /// Rows the card on screen (instructions, ready, summary) is scrolled by; back to 0 when the
    /// phase changes. The screen clamps it to what the terminal size leaves (`limitScroll`).
    public internal(set) var scroll: Int
    var streamStartedAt: Double?
    var answerOpenedAt: Double?
    /// Trials started so far (aborted ones too): each run's panes take it as their generation, so a
    /// view's cached text of the pane in that position in an earlier trial is never reused.
    var runs = 0

    /// `samples` may hold every sample; only those of the configured task are used (in present mode
    /// with staged, only those with an outline: `PresentTiming.samples`).
    /// Precondition: at least one such sample.
    public init(config: PerceptionConfig, samples: [Sample]) {
        self.config = config
        let own =
            config.mode == .present
            ? PresentTiming.samples(samples, task: config.task, presentations: config.presentations)
            : samples.filter { $0.task == config.task }
        precondition(!own.isEmpty, "a perception session needs a \(config.task.rawValue) sample")
        self.samples = own
        self.phase = .instructions
        self.estimator = ThresholdEstimator(mode: config.mode)
        self.trial = nil
        self.panes = []
        self.frozenAt = nil
        self.answers = TrialAnswers()
        self.completed = 0
        self.practiceDone = !config.practice
        self.abortedSinceRecord = 0
        self.records = []
        self.scroll = 0
        self.streamStartedAt = nil
        self.answerOpenedAt = nil
    }

    /// Seconds since `pane`'s request at `now`, stopped once the answer form is open.
    public func elapsed(_ pane: PaneState, now: Double) -> Double {
        (frozenAt ?? now) - pane.origin
    }

    public func allDone(now: Double) -> Bool {
        panes.allSatisfy { $0.isDone(elapsed: elapsed($0, now: now)) }
    }

    /// The next app time a token falls due while streaming; nil when nothing moves by itself.
    public func nextWake(after now: Double) -> Double? {
        guard phase == .streaming else { return nil }
        var wake: Double?
        for pane in panes {
            if let t = pane.schedule.nextTime(after: now - pane.origin) {
                wake = min(wake ?? .infinity, pane.origin + t)
            }
        }
        return wake
    }

    /// Keeps `scroll` within what the screen can show, so a key pressed past the end is not owed back.
    public mutating func limitScroll(_ maximum: Int) {
        scroll = min(scroll, max(0, maximum))
    }

    /// The current estimate, once a counted trial has been answered.
    public var estimate: ThresholdEstimate? {
        estimator.observations > 0 ? estimator.estimate : nil
    }

    /// The trial after the ones recorded: practice first (if asked for), then counted trials at
    /// speeds the estimator picks (in present mode, at the E2E times in turn). Nil when the session
    /// is over.
    func plannedTrial() -> PerceptionTrial? {
        if config.mode == .present {
            guard !practiceDone || completed < config.trials else { return nil }
            let number = practiceDone ? completed + 1 : 0
            return PerceptionTrial.planPresent(
                number: number, practice: !practiceDone, sample: samples[number % samples.count],
                e2e: config.e2es[max(0, number - 1) % config.e2es.count], config: config)
        }
        if !practiceDone {
            return PerceptionTrial.plan(
                number: 0, practice: true, sample: samples[0],
                values: config.mode.practiceValues(count: config.panes), config: config)
        }
        guard completed < config.trials else { return nil }
        let number = completed + 1
        let values = estimator.nextStimuli(count: config.panes).map(config.mode.value)
        return PerceptionTrial.plan(
            number: number, practice: false, sample: samples[number % samples.count], values: values, config: config)
    }
}
