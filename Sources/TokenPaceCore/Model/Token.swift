/// One piece of text as a model emits it.
///
/// `step` groups agent tokens by loop step (0 for non-agent answers); `toolLatency` is set on the
/// first token of a tool result and says how long the tool ran before its output appeared.
public struct Token: Sendable, Equatable, Hashable {
    public var text: String
    public var kind: TokenKind
    public var step: Int
    public var toolLatency: Double?
    /// Which try at the answer this token belongs to (0 = first); a retry re-prompts and regenerates.
    public var attempt: Int

    public init(_ text: String, kind: TokenKind = .answer, step: Int = 0, toolLatency: Double? = nil, attempt: Int = 0)
    {
        self.text = text
        self.kind = kind
        self.step = step
        self.toolLatency = toolLatency
        self.attempt = attempt
    }
}
