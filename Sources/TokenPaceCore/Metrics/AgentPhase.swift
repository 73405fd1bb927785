/// Where an agent loop stands at a moment: which step, and what it is doing.
public struct AgentProgress: Sendable, Equatable {
    public enum Phase: String, Sendable {
        case prefill
        case thinking
        case toolCall = "tool call"
        case waitingOnTool = "waiting on tool"
        case answer
        case done
    }

    /// Steps started so far (1-based) and steps in the whole job (tool calls + the final answer).
    public var step: Int
    public var steps: Int
    public var phase: Phase

    public init(tokens all: [Token], shown allShown: Int, done: Bool) {
        // A rejected answer starts the job again: count the steps of the current try only.
        let attempt = allShown > 0 && allShown <= all.count ? all[allShown - 1].attempt : 0
        let lo = attempt == 0 ? 0 : (all.firstIndex { $0.attempt == attempt } ?? 0)
        let hi = all[lo...].firstIndex { $0.attempt != attempt } ?? all.count
        let tokens = all[lo..<hi]
        let shown = allShown - lo
        var calls = 0
        var lastStep = -1
        for t in tokens where t.kind == .toolCall && t.step != lastStep {
            calls += 1
            lastStep = t.step
        }
        steps = calls + 1
        var started = 0
        lastStep = -1
        for t in tokens.prefix(shown) where t.kind == .toolCall && t.step != lastStep {
            started += 1
            lastStep = t.step
        }
        let last = shown > 0 ? tokens[lo + shown - 1].kind : nil
        if last == .answer || last == .toolResult && shown < tokens.count && tokens[lo + shown].kind == .answer {
            started = steps
        }
        step = max(1, min(started, steps))
        if done {
            phase = .done
            step = steps
            return
        }
        switch last {
        case nil: phase = .prefill
        case .reasoning: phase = .thinking
        case .answer: phase = .answer
        case .toolResult: phase = .prefill
        case .toolCall:
            phase = shown < tokens.count && tokens[lo + shown].kind == .toolResult ? .waitingOnTool : .toolCall
        }
    }
}
