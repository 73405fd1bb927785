import Foundation

/// One results line: a finished trial with everything needed to analyse it alone — who, which
/// task, the hidden settings, the answers, how long they took, and the estimate after it.
///
/// Field names are snake_case in the file (see docs/perception.md); one JSON object per line.
public struct TrialRecord: Sendable, Equatable, Codable {
    public var participant: String
    public var task: TaskKind
    public var mode: PerceptionMode
    /// 1…N for counted trials, 0 for the practice trial.
    public var trial: Int
    public var trials: Int
    public var practice: Bool
    /// The effective seed (0…2^53−1), derived from `seedOption` and the participant.
    public var seed: UInt64
    /// The `--seed` given: `tokenpace perceive --participant P --seed S` repeats the session.
    public var seedOption: UInt64?
    public var sample: String
    /// Spread of the gaps between tokens (0–0.5, see `Profile.jitter`), the same shape in every pane.
    /// Lines written before it was recorded read as 0, which is what those sessions used unless
    /// `--jitter` was given.
    public var jitter: Double
    public var panes: [TrialPane]
    public var answers: TrialAnswers
    /// Stream start → the participant asked to answer, seconds.
    public var watchSeconds: Double
    /// Answer form shown → last answer given, seconds.
    public var answerSeconds: Double
    /// Trials aborted (Esc) before this one was recorded, since the previous record.
    public var aborted: Int
    /// Threshold after this trial, in the mode's unit (absent after the practice trial).
    public var estimate: RecordedEstimate?
    /// Wall-clock time the line was written (ISO 8601), filled in by the command.
    public var recordedAt: String?

    enum CodingKeys: String, CodingKey {
        case participant, task, mode, trial, trials, practice, seed, sample, jitter, panes, answers
        case seedOption = "seed_option"
        case watchSeconds = "watch_s"
        case answerSeconds = "answer_s"
        case aborted, estimate
        case recordedAt = "recorded_at"
    }

    public init(
        participant: String, task: TaskKind, mode: PerceptionMode, trial: Int, trials: Int, practice: Bool,
        seed: UInt64, seedOption: UInt64? = nil, sample: String, jitter: Double = 0, panes: [TrialPane],
        answers: TrialAnswers,
        watchSeconds: Double, answerSeconds: Double, aborted: Int, estimate: RecordedEstimate?,
        recordedAt: String? = nil
    ) {
        self.participant = participant
        self.task = task
        self.mode = mode
        self.trial = trial
        self.trials = trials
        self.practice = practice
        self.seed = seed
        self.seedOption = seedOption
        self.sample = sample
        self.jitter = jitter
        self.panes = panes
        self.answers = answers
        self.watchSeconds = watchSeconds
        self.answerSeconds = answerSeconds
        self.aborted = aborted
        self.estimate = estimate
        self.recordedAt = recordedAt
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        participant = try c.decode(String.self, forKey: .participant)
        task = try c.decode(TaskKind.self, forKey: .task)
        mode = try c.decode(PerceptionMode.self, forKey: .mode)
        trial = try c.decode(Int.self, forKey: .trial)
        trials = try c.decode(Int.self, forKey: .trials)
        practice = try c.decode(Bool.self, forKey: .practice)
        seed = try c.decode(UInt64.self, forKey: .seed)
        seedOption = try c.decodeIfPresent(UInt64.self, forKey: .seedOption)
        sample = try c.decode(String.self, forKey: .sample)
        jitter = try c.decodeIfPresent(Double.self, forKey: .jitter) ?? 0
        panes = try c.decode([TrialPane].self, forKey: .panes)
        answers = try c.decode(TrialAnswers.self, forKey: .answers)
        watchSeconds = try c.decode(Double.self, forKey: .watchSeconds)
        answerSeconds = try c.decode(Double.self, forKey: .answerSeconds)
        aborted = try c.decode(Int.self, forKey: .aborted)
        estimate = try c.decodeIfPresent(RecordedEstimate.self, forKey: .estimate)
        recordedAt = try c.decodeIfPresent(String.self, forKey: .recordedAt)
    }

    /// Whether the participant accepted the pane at `position`.
    public func accepted(_ pane: TrialPane) -> Bool { answers.accepted.contains(pane.label) }

    /// The record as one line of JSON (keys sorted, no newline inside), newline-terminated.
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self.rounded())
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Figures to the millisecond / 0.001 tok/s: enough for analysis, stable in the file.
    func rounded() -> TrialRecord {
        var r = self
        let round3 = { (v: Double) in (v * 1000).rounded() / 1000 }
        r.watchSeconds = round3(watchSeconds)
        r.answerSeconds = round3(answerSeconds)
        r.jitter = round3(jitter)
        r.panes = panes.map {
            var p = $0
            p.rate = round3(p.rate)
            p.ttft = round3(p.ttft)
            p.e2e = p.e2e.map(round3)
            return p
        }
        r.estimate = estimate.map {
            RecordedEstimate(threshold: round3($0.threshold), low: round3($0.low), high: round3($0.high))
        }
        return r
    }
}

/// A threshold and its 95 % interval in the mode's unit (tok/s or seconds), low ≤ high.
public struct RecordedEstimate: Sendable, Equatable, Codable {
    public var threshold: Double
    public var low: Double
    public var high: Double

    public init(threshold: Double, low: Double, high: Double) {
        self.threshold = threshold
        self.low = low
        self.high = high
    }

    public init(_ estimate: ThresholdEstimate, mode: PerceptionMode) {
        let u = estimate.inUnits(mode)
        self.init(threshold: u.value, low: u.low, high: u.high)
    }
}
