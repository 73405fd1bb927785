/// A rough prompt token count for `--prefill-rate` when no tokenizer is at hand: each run of
/// letters or digits is one token per 4 characters (at least one), each other visible character
/// one token. Within ~20% of BPE counts for English prose, which is enough to feel a long prompt.
public enum PromptEstimate {
    @Sendable public static func count(_ text: String) -> Int {
        var tokens = 0
        var run = 0
        func endRun() {
            if run > 0 { tokens += (run + 3) / 4 }
            run = 0
        }
        for ch in text {
            if ch.isLetter || ch.isNumber {
                run += 1
            } else {
                endRun()
                if !ch.isWhitespace { tokens += 1 }
            }
        }
        endRun()
        return tokens
    }
}
