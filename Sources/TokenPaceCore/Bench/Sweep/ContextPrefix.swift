/// The context a depth sweep puts before the prompt: the first `tokens` tokens (by tokenpace's
/// tokenizer, calibrated on SmolLM2) of a long document, read again from its start when it is shorter.
public enum ContextPrefix {
    /// `""` for depth 0 without a tag. `tag` (a request number) goes first, so no two requests share
    /// even their first token and a server's prompt cache cannot reuse any of it.
    public static func make(document: String, tokens: Int, tag: String? = nil) -> String {
        var out = tag.map { "[request \($0)]\n" } ?? ""
        guard tokens > 0 else { return out }
        let pieces = Tokenizer.weightedPieces(document)
        guard !pieces.isEmpty else { return out }
        var weight = tag.map { Double(Tokenizer.count("[request \($0)]\n")) } ?? 0
        var i = 0
        while weight < Double(tokens) {
            out += pieces[i].text
            weight += pieces[i].weight
            i = (i + 1) % pieces.count
            if i == 0 { out += "\n\n" }
        }
        return out
    }

    /// The prompt a depth level sends: the context, a rule, then the question.
    public static func prompt(_ prompt: String, context: String) -> String {
        context.isEmpty ? prompt : context + "\n\n---\n\n" + prompt
    }
}
