/// Byte-pair merging of one word: start from single bytes (or, for SentencePiece, single characters)
/// and keep merging the adjacent pair that ranks best — lowest rank, leftmost on ties — until no
/// pair merges. A heap with stale-entry checks keeps long words (a Japanese sentence is one word
/// for cl100k) at O(n log n) instead of the O(n²) of rescanning.
struct BytePairMerger: Sendable {
    enum Ranking: Sendable {
        /// Merge rules of GGUF `tokenizer.ggml.merges` or tokenizer.json `model.merges`.
        case pairs
        /// tiktoken: the merged bytes' own rank, which is also their token id.
        case bytes
        /// SentencePiece: the merged text must be a token; the higher its score, the earlier.
        case scores
    }

    let vocab: TokenBytesTable
    let ranking: Ranking
    let merges: MergeTable
    /// For `.scores`: each token's place in the order of scores, best first (equal scores, equal place).
    let scoreRanks: [Int32]
    /// Token of each byte value: the byte's own token (byte-level), or its `<0xNN>` fallback (SentencePiece).
    let byteTokens: [Int32]
    /// SentencePiece starts from UTF-8 characters; byte-level BPE from bytes.
    let startsAtCharacters: Bool

    struct Scratch {
        var start: [Int32] = []
        var end: [Int32] = []
        var token: [Int32] = []
        var next: [Int32] = []
        var prev: [Int32] = []
        var alive: [Bool] = []
        var heap: [Entry] = []
    }

    struct Entry {
        /// rank << 32 | left part index: the heap's order.
        var key: UInt64
        var right: Int32
        var rightEnd: Int32
        var merged: Int32
    }

    /// Appends the tokens of `word` to `out`.
    func encode(_ word: UnsafeBufferPointer<UInt8>, _ s: inout Scratch, into out: inout [Int32]) {
        let n = word.count
        if n == 0 { return }
        s.start.removeAll(keepingCapacity: true)
        s.end.removeAll(keepingCapacity: true)
        s.token.removeAll(keepingCapacity: true)
        var i = 0
        while i < n {
            var len = 1
            if startsAtCharacters {
                let b = word[i]
                len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                len = min(len, n - i)
            }
            s.start.append(Int32(i))
            s.end.append(Int32(i + len))
            if len == 1 && !startsAtCharacters {
                s.token.append(byteTokens[Int(word[i])])
            } else {
                s.token.append(vocab.lookup(UnsafeBufferPointer(rebasing: word[i..<(i + len)])))
            }
            i += len
        }
        let parts = s.start.count
        if parts == 1 {
            emit(0, word, s, into: &out)
            return
        }
        s.next = (0..<parts).map { Int32($0 + 1 < parts ? $0 + 1 : -1) }
        s.prev = (0..<parts).map { Int32($0 - 1) }
        s.alive = [Bool](repeating: true, count: parts)
        s.heap.removeAll(keepingCapacity: true)
        for p in 0..<(parts - 1) { push(p, p + 1, word, &s) }

        while let e = pop(&s.heap) {
            let l = Int(e.key & 0xFFFF_FFFF)
            let r = Int(e.right)
            guard s.alive[l], s.alive[r], s.next[l] == e.right, s.end[r] == e.rightEnd else { continue }
            s.end[l] = s.end[r]
            s.token[l] = e.merged
            s.alive[r] = false
            let after = s.next[r]
            s.next[l] = after
            if after >= 0 { s.prev[Int(after)] = Int32(l) }
            if s.prev[l] >= 0 { push(Int(s.prev[l]), l, word, &s) }
            if after >= 0 { push(l, Int(after), word, &s) }
        }
        var p = 0
        while p >= 0 {
            emit(p, word, s, into: &out)
            p = Int(s.next[p])
        }
    }

    /// A part's token, or byte tokens when its text is not one.
    @inline(__always) private func emit(
        _ p: Int, _ word: UnsafeBufferPointer<UInt8>, _ s: Scratch, into out: inout [Int32]
    ) {
        let t = s.token[p]
        if t >= 0 {
            out.append(t)
            return
        }
        for k in Int(s.start[p])..<Int(s.end[p]) {
            let b = byteTokens[Int(word[k])]
            if b >= 0 { out.append(b) }
        }
    }

    @inline(__always) private func push(_ l: Int, _ r: Int, _ word: UnsafeBufferPointer<UInt8>, _ s: inout Scratch) {
        var rank: Int32 = -1
        var merged: Int32 = -1
        switch ranking {
        case .pairs:
            let a = s.token[l]
            let b = s.token[r]
            guard a >= 0, b >= 0, let m = merges.lookup(left: a, right: b) else { return }
            rank = m.rank
            merged = m.merged
        case .bytes:
            let id = vocab.lookup(UnsafeBufferPointer(rebasing: word[Int(s.start[l])..<Int(s.end[r])]))
            guard id >= 0 else { return }
            rank = id
            merged = id
        case .scores:
            let id = vocab.lookup(UnsafeBufferPointer(rebasing: word[Int(s.start[l])..<Int(s.end[r])]))
            guard id >= 0, Int(id) < scoreRanks.count else { return }
            rank = scoreRanks[Int(id)]
            merged = id
        }
        let entry = Entry(
            key: UInt64(UInt32(bitPattern: rank)) << 32 | UInt64(l), right: Int32(r), rightEnd: s.end[r], merged: merged
        )
        s.heap.append(entry)
        var c = s.heap.count - 1
        while c > 0 {
            let parent = (c - 1) / 2
            if s.heap[parent].key <= entry.key { break }
            s.heap[c] = s.heap[parent]
            c = parent
        }
        s.heap[c] = entry
    }

    @inline(__always) private func pop(_ heap: inout [Entry]) -> Entry? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if heap.isEmpty { return top }
        var c = 0
        let n = heap.count
        while true {
            var child = 2 * c + 1
            if child >= n { break }
            if child + 1 < n && heap[child + 1].key < heap[child].key { child += 1 }
            if last.key <= heap[child].key { break }
            heap[c] = heap[child]
            c = child
        }
        heap[c] = last
        return top
    }
}
