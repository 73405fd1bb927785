/// What a token is for: thinking, the answer, or a step of an agent loop.
/// The kind decides how a pane draws it and which clock it stops (TTFT, TTFA, first useful signal).
public enum TokenKind: String, Sendable, Codable, CaseIterable, Hashable {
    case reasoning
    case answer
    case toolCall = "tool-call"
    case toolResult = "tool-result"

    /// Tool results come from the tool, not the model: they do not count as generated tokens.
    public var isGenerated: Bool { self != .toolResult }
}
