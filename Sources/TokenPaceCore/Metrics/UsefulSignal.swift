/// Where in a token list the milestones a person waits for fall. They depend on the text only, not
/// on time, so they are found once per answer and looked up every frame.
public struct Milestones: Sendable, Equatable {
    /// First token of any kind (index 0 when there are tokens).
    public var firstToken: Int?
    /// First answer token (after any reasoning).
    public var firstAnswer: Int?
    /// The token that completes the task's first useful output (DESIGN §2).
    public var useful: Int?
    /// Tokens the model generated (tool results excluded).
    public var generatedCount: Int

    public init(tokens: [Token], task: TaskKind) {
        firstToken = tokens.isEmpty ? nil : 0
        firstAnswer = tokens.firstIndex { $0.kind == .answer }
        generatedCount = tokens.reduce(0) { $0 + ($1.kind.isGenerated ? 1 : 0) }
        useful = Milestones.usefulIndex(tokens: tokens, task: task)
    }

    /// chat/reasoning: first answer token; code: the token ending the first full line inside a code
    /// block (or of the answer when it has no fence); summarize: the token ending the first sentence
    /// or bullet; agent: the token that completes the first tool call (the tool can start then).
    public static func usefulIndex(tokens: [Token], task: TaskKind) -> Int? {
        switch task {
        case .chat, .reasoning:
            return tokens.firstIndex { $0.kind == .answer }
        case .agent:
            guard let start = tokens.firstIndex(where: { $0.kind == .toolCall }) else {
                return tokens.firstIndex { $0.kind == .answer }
            }
            var end = start
            while end + 1 < tokens.count, tokens[end + 1].kind == .toolCall { end += 1 }
            return end
        case .code:
            return firstCodeLine(tokens)
        case .summarize:
            return firstSentence(tokens)
        }
    }

    static func firstCodeLine(_ tokens: [Token]) -> Int? {
        let hasFence = tokens.contains { $0.kind == .answer && $0.text.contains("```") }
        var line = ""
        var inFence = !hasFence
        for (i, t) in tokens.enumerated() where t.kind == .answer {
            for ch in t.text {
                if ch == "\n" {
                    let trimmed = line.trimmedSpaces
                    if trimmed.hasPrefix("```") {
                        inFence.toggle()
                    } else if inFence, !trimmed.isEmpty {
                        return i
                    }
                    line = ""
                } else {
                    line.append(ch)
                }
            }
        }
        return nil
    }

    static func firstSentence(_ tokens: [Token]) -> Int? {
        var line = ""
        var words = 0
        for (i, t) in tokens.enumerated() where t.kind == .answer {
            for ch in t.text {
                if ch == "\n" {
                    let trimmed = line.trimmedSpaces
                    if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("• ") {
                        if trimmed.count > 2 { return i }
                    }
                    line = ""
                    continue
                }
                if ch == " " { words += 1 }
                line.append(ch)
                if ".!?。！？".contains(ch), words >= 2 { return i }
            }
        }
        return nil
    }
}

