/// Where a pane's tokens come from. Simulated panes know every arrival time up front; other sources
/// append tokens as they arrive.
public enum PaneSource: Sendable, Equatable {
    case simulated
}

/// One pane of the race: its profile, its answer, and when each token arrives.
public struct PaneState: Sendable, Equatable {
    public var id: Int
    public var profile: Profile
    public var seed: UInt64
    public var source: PaneSource
    public var tokens: [Token]
    public var promptTokens: Int
    public var milestones: Milestones
    /// Arrival times in seconds since `origin`.
    public var schedule: Schedule
    /// App time (seconds) at which this pane's request was sent. Pausing moves it forward.
    public var origin: Double
    /// Bumped whenever the pane starts over, so views can drop what they cached for the old run.
    public var generation: Int
    /// `inCode[i]`: token i is answer text inside a fenced code block (for highlighting).
    public var inCode: [Bool]

    public init(
        id: Int, profile: Profile, seed: UInt64, tokens: [Token], promptTokens: Int, task: TaskKind,
        origin: Double, source: PaneSource = .simulated
    ) {
        self.id = id
        self.profile = profile
        self.seed = seed
        self.source = source
        self.tokens = tokens
        self.promptTokens = promptTokens
        self.milestones = Milestones(tokens: tokens, task: task)
        self.schedule = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed)
        self.origin = origin
        self.generation = 0
        self.inCode = PaneState.codeMask(tokens)
    }

    /// Marks answer tokens that sit inside ``` fences; the fence lines themselves count as code.
    public static func codeMask(_ tokens: [Token]) -> [Bool] {
        var mask = [Bool](repeating: false, count: tokens.count)
        var inFence = false
        var lineStart = true
        var pendingFence = 0
        for (i, t) in tokens.enumerated() where t.kind == .answer {
            mask[i] = inFence
            for ch in t.text {
                if ch == "`" && (lineStart || pendingFence > 0) {
                    pendingFence += 1
                    if pendingFence == 3 {
                        inFence.toggle()
                        mask[i] = true
                    }
                    lineStart = false
                    continue
                }
                pendingFence = 0
                lineStart = ch == "\n" || (lineStart && (ch == " " || ch == "\t"))
            }
        }
        return mask
    }

    /// A short name for the pane: A, B, C…
    public var label: String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String(letters[id % letters.count])
    }

    public func shownCount(elapsed: Double) -> Int { schedule.dueCount(at: elapsed) }

    public func isDone(elapsed: Double) -> Bool {
        guard let last = schedule.times.last else { return true }
        return elapsed >= last
    }

    /// Request → last token, once it is known to be over.
    public var e2e: Double? { schedule.times.last }

    /// Replaces the profile, re-timing only the tokens not yet shown at `elapsed`.
    public mutating func change(profile newProfile: Profile, elapsed: Double) {
        let shown = shownCount(elapsed: elapsed)
        schedule = schedule.retimed(
            shown: shown, elapsed: elapsed, profile: newProfile, tokens: tokens, promptTokens: promptTokens,
            seed: seed)
        profile = newProfile
    }

    /// Starts over with a (possibly new) answer, sending the request at `now`.
    public mutating func restart(tokens newTokens: [Token], promptTokens: Int, task: TaskKind, now: Double) {
        tokens = newTokens
        self.promptTokens = promptTokens
        milestones = Milestones(tokens: newTokens, task: task)
        schedule = Schedule.make(profile: profile, tokens: newTokens, promptTokens: promptTokens, seed: seed)
        origin = now
        generation += 1
        inCode = PaneState.codeMask(newTokens)
    }
}
