/// A sample as the stream of tokens a simulated pane plays.
extension Sample {
    /// Each segment cut by the built-in estimate (`Tokenizer`), keeping its kind and agent step; the
    /// first token of a tool result carries the tool's latency so the schedule can wait for the tool.
    /// A piece the estimate weighs as several tokens (a kanji, an emoji) is followed by tokens without
    /// text, as with a model's tokenizer (`tokens(using:)`). A sample made from a trace plays the
    /// trace's own pieces.
    public func tokens() -> [Token] {
        if let pieces { return pieces }
        return tokens(cutBy: BuiltinTokenCounter())
    }

    func tokens(cutBy counter: any TokenCounter) -> [Token] {
        var out: [Token] = []
        for segment in segments {
            for (i, piece) in counter.pieces(segment.text).enumerated() {
                out.append(
                    Token(
                        piece.text, kind: segment.kind, step: segment.step,
                        toolLatency: i == 0 ? segment.toolLatency : nil))
                for _ in 1..<max(1, piece.tokens) {
                    out.append(Token("", kind: segment.kind, step: segment.step))
                }
            }
        }
        return out
    }

    /// The outline's tokens (answer text), or none when the sample has no `::: outline`.
    public func outlineTokens() -> [Token] {
        guard let outline else { return [] }
        return Tokenizer.split(outline).map { Token($0, kind: .answer) }
    }

    /// Prompt size in model tokens, which sets the prefill wait: as recorded when the sample came
    /// from a trace that says, else estimated.
    public var promptTokenCount: Int { recordedPromptTokens ?? Tokenizer.count(prompt) }

    /// Model tokens the model generates (everything except tool results): a trace's pieces, else
    /// estimated.
    public var generatedTokenCount: Int {
        if let pieces { return pieces.filter { $0.kind.isGenerated }.count }
        return segments.filter { $0.kind.isGenerated }.reduce(0) { $0 + Tokenizer.count($1.text) }
    }

    /// Estimated model tokens of one kind, e.g. the reasoning before an answer.
    public func tokenCount(of kind: TokenKind) -> Int {
        segments.filter { $0.kind == kind }.reduce(0) { $0 + Tokenizer.count($1.text) }
    }
}
