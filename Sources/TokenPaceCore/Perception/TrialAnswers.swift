/// What the participant said about one trial.
public struct TrialAnswers: Sendable, Equatable, Codable {
    /// Label of the pane that felt fastest, or "same" when none stood out. Nil with a single pane.
    public var faster: String?
    /// Labels of the panes the participant would accept for the task, in screen order.
    public var accepted: [String]
    /// 1–5 per pane label (see `TrialAnswers.scale`).
    public var ratings: [String: Int]

    public static let same = "same"

    /// The rating scale, 1 to 5.
    public static let scale = ["too slow", "slow", "acceptable", "fast enough", "more than fast enough"]

    public init(faster: String? = nil, accepted: [String] = [], ratings: [String: Int] = [:]) {
        self.faster = faster
        self.accepted = accepted
        self.ratings = ratings
    }
}
