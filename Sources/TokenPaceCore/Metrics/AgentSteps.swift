/// An agent answer's steps worked out once, so where the loop stands after any number of shown
/// tokens is a lookup: a frame costs the same however long the answer is. Tries (a rejected answer
/// starts the job again) are the runs of tokens with the same `attempt`.
public struct AgentSteps: Sendable {
    private let kinds: [TokenKind]
    /// Tool calls started in the token's try up to and including it (a call is a run of one step).
    private let started: [Int]
    /// Per token, which try-run it belongs to; per run, where it ends and its tool calls.
    private let run: [Int]
    private let runEnd: [Int]
    private let runCalls: [Int]

    public init(tokens: [Token]) {
        var kinds: [TokenKind] = []
        var started: [Int] = []
        var run: [Int] = []
        var runEnd: [Int] = []
        var runCalls: [Int] = []
        kinds.reserveCapacity(tokens.count)
        started.reserveCapacity(tokens.count)
        run.reserveCapacity(tokens.count)
        var calls = 0
        var lastStep = -1
        for (i, t) in tokens.enumerated() {
            if i == 0 || t.attempt != tokens[i - 1].attempt {
                if i > 0 {
                    runEnd.append(i)
                    runCalls.append(calls)
                }
                calls = 0
                lastStep = -1
            }
            if t.kind == .toolCall, t.step != lastStep {
                calls += 1
                lastStep = t.step
            }
            kinds.append(t.kind)
            started.append(calls)
            run.append(runEnd.count)
        }
        runEnd.append(tokens.count)
        runCalls.append(calls)
        self.kinds = kinds
        self.started = started
        self.run = run
        self.runEnd = runEnd
        self.runCalls = runCalls
    }

    /// Tokens the steps were worked out for.
    public var count: Int { kinds.count }

    /// The step and phase once the first `shown` tokens are on screen (`done`: the pane finished).
    public func progress(shown: Int, done: Bool) -> AgentProgress {
        let shown = min(max(shown, 0), kinds.count)
        // Before the first token, the first try is the one under way.
        let r = shown > 0 ? run[shown - 1] : 0
        let steps = runCalls[r] + 1
        let last = shown > 0 ? kinds[shown - 1] : nil
        let next = shown < runEnd[r] ? kinds[shown] : nil
        var began = shown > 0 ? started[shown - 1] : 0
        if last == .answer || last == .toolResult && next == .answer { began = steps }
        if done { return AgentProgress(step: steps, steps: steps, phase: .done) }
        let phase: AgentProgress.Phase
        switch last {
        case nil: phase = .prefill
        case .reasoning: phase = .thinking
        case .answer: phase = .answer
        case .toolResult: phase = .prefill
        case .toolCall: phase = next == .toolResult ? .waitingOnTool : .toolCall
        }
        return AgentProgress(step: max(1, min(began, steps)), steps: steps, phase: phase)
    }
}

extension AgentProgress {
    init(step: Int, steps: Int, phase: Phase) {
        self.step = step
        self.steps = steps
        self.phase = phase
    }
}
