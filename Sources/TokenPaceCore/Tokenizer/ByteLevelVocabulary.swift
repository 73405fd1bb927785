/// Builds a byte-level BPE tokenizer from a vocabulary written in GPT-2's byte alphabet and its merge
/// rules, as GGUF `gpt2` models and tokenizer.json BPE models both store them.
struct ByteLevelVocabulary {
    /// Each id's text as stored (byte alphabet for ordinary tokens, plain text for special ones).
    var texts: [[UInt8]?]
    /// Ids of control / user-defined tokens, which are matched in the text as they are written.
    var special: Set<Int>
    /// Merge rules in rank order, each as its two texts as stored.
    var merges: [(left: ArraySlice<UInt8>, right: ArraySlice<UInt8>)]

    func tokenizer(name: String, path: String, rules: SplitRules, ignoreMerges: Bool, composeNFC: Bool) throws
        -> BPETokenizer
    {
        var vocab = TokenBytesTable()
        var raw: [UInt8] = []
        var specials: [(bytes: [UInt8], id: Int32)] = []
        for (id, text) in texts.enumerated() {
            guard let text else {
                vocab.append(id: id, bytes: [])
                continue
            }
            raw.removeAll(keepingCapacity: true)
            if special.contains(id) {
                specials.append((text, Int32(id)))
                vocab.append(id: id, bytes: text)
            } else if ByteLevelAlphabet.decode(text, into: &raw) {
                vocab.append(id: id, bytes: raw)
            } else {
                vocab.append(id: id, bytes: text)
            }
        }
        vocab.buildIndex(excluding: special)
        var byteTokens = [Int32](repeating: -1, count: 256)
        for b in 0..<256 { byteTokens[b] = vocab.lookup([UInt8(b)]) }
        guard byteTokens.contains(where: { $0 >= 0 }) else {
            throw TokenizerFileError(path: path, "no single-byte tokens: not a byte-level BPE vocabulary")
        }
        var table = MergeTable(capacity: merges.count)
        var left: [UInt8] = []
        var both: [UInt8] = []
        for (rank, merge) in merges.enumerated() {
            left.removeAll(keepingCapacity: true)
            both.removeAll(keepingCapacity: true)
            guard ByteLevelAlphabet.decode(merge.left, into: &left), ByteLevelAlphabet.decode(merge.right, into: &both)
            else { continue }
            let a = vocab.lookup(left)
            let b = vocab.lookup(both)
            guard a >= 0, b >= 0 else { continue }
            both.insert(contentsOf: left, at: 0)
            table.insert(left: a, right: b, rank: Int32(rank), merged: vocab.lookup(both))
        }
        return BPETokenizer(
            name: name, kind: .byteLevel(rules),
            merger: BytePairMerger(
                vocab: vocab, ranking: .pairs, merges: table, scoreRanks: [], byteTokens: byteTokens,
                startsAtCharacters: false),
            ignoreMerges: ignoreMerges, specials: SpecialTokens(specials), display: nil, composeNFC: composeNFC)
    }
}
