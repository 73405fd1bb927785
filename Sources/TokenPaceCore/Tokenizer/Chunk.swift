/// A run of text the pre-tokenizer keeps together; BPE merges never cross a chunk boundary.
struct Chunk {
    enum Kind { case word, cjk, digit, emoji, punctuation, whitespace, contraction }

    var text: Substring
    var kind: Kind
    /// The chunk starts with a single space taken from the whitespace before it (" the").
    var leadingSpace: Bool
}
