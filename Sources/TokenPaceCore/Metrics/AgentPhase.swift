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

    /// Where the loop stands once the first `shown` of `tokens` are on screen. Scans the whole
    /// answer: a view that asks every frame keeps an `AgentSteps` instead.
    public init(tokens: [Token], shown: Int, done: Bool) {
        self = AgentSteps(tokens: tokens).progress(shown: shown, done: done)
    }
}
