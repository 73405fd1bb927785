/// The tokens a finished task is billed for: every prompt token the model read (the first request,
/// each agent step after a tool result, each re-prompt after a rejected answer), the part of them
/// served from the prompt cache, and every token generated (all tries).
public struct TaskTokens: Sendable, Equatable {
    /// Prompt tokens sent in all requests of the task, cached ones included.
    public var input: Int
    /// Of `input`, tokens read from the prompt cache (billed at the cached price).
    public var cached: Int
    /// Tokens generated, every try and step.
    public var generated: Int

    public init(input: Int, cached: Int = 0, generated: Int) {
        self.input = input
        self.cached = min(max(cached, 0), max(input, 0))
        self.generated = generated
    }

    /// Uncached prompt tokens: what is prefilled at the full input price.
    public var uncached: Int { input - cached }

    /// Walks a task's tokens as the schedule does: each agent step re-sends the context with the
    /// tool's output (with a prompt cache only the new tokens are not cached), each re-prompt
    /// re-sends the context plus `feedback` tokens of feedback.
    public static func tally(tokens: [Token], promptTokens: Int, promptCache: Bool, feedback: Int = 30) -> TaskTokens {
        var input = promptTokens
        var cached = 0
        var context = promptTokens
        var pending = 0
        var generated = 0
        var attemptTokens = 0
        for (i, token) in tokens.enumerated() {
            if i > 0, token.attempt != tokens[i - 1].attempt {
                // As the schedule reads it: with a cache only the last try and the feedback are new.
                input += context + feedback
                if promptCache { cached += context - attemptTokens }
                context += feedback
                attemptTokens = 0
            }
            if token.kind == .toolResult {
                pending += 1
                context += 1
                continue
            }
            if pending > 0 {
                input += context
                if promptCache { cached += context - pending }
                pending = 0
            }
            if token.kind.isGenerated { generated += 1 }
            context += 1
            attemptTokens += 1
        }
        return TaskTokens(input: input, cached: cached, generated: generated)
    }
}
