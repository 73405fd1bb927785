/// Cuts text into chunks the way the GPT-2 family's pre-tokenizer regex does
/// (`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`), with SmolLM2's
/// single digits, and with CJK and emoji apart from Latin letters so they can be weighted.
enum PreTokenizer {
    static let contractions: Set<String> = ["s", "t", "re", "ve", "m", "ll", "d"]

    static func chunks(_ text: String) -> [Chunk] {
        let idx = Array(text.indices) + [text.endIndex]
        let chars = Array(text)
        let classes = chars.map(CharacterClass.init)
        let n = chars.count
        var out: [Chunk] = []
        var i = 0
        var spaceStart: Int? = nil

        func emit(_ from: Int, _ to: Int, _ kind: Chunk.Kind) {
            let start = spaceStart ?? from
            out.append(Chunk(text: text[idx[start]..<idx[to]], kind: kind, leadingSpace: spaceStart != nil))
            spaceStart = nil
        }
        func run(from: Int, while test: (CharacterClass) -> Bool) -> Int {
            var j = from
            while j < n && test(classes[j]) { j += 1 }
            return j
        }

        while i < n {
            let cls = classes[i]
            if cls.isWhitespace {
                let j = run(from: i) { $0.isWhitespace }
                if j < n && chars[j - 1] == " " && classes[j].takesLeadingSpace {
                    if j - 1 > i { emit(i, j - 1, .whitespace) }
                    spaceStart = j - 1
                } else {
                    emit(i, j, .whitespace)
                }
                i = j
                continue
            }
            if chars[i] == "'", spaceStart == nil, let j = contractionEnd(chars, classes, at: i) {
                emit(i, j, .contraction)
                i = j
                continue
            }
            switch cls {
            case .letter:
                let j = run(from: i) { $0 == .letter }
                emit(i, j, .word)
                i = j
            case .cjk:
                let j = run(from: i) { $0 == .cjk }
                emit(i, j, .cjk)
                i = j
            case .digit:
                emit(i, i + 1, .digit)
                i += 1
            case .emoji:
                let j = run(from: i) { $0 == .emoji }
                emit(i, j, .emoji)
                i = j
            case .other, .space, .newline:
                var j = i + 1
                while j < n && classes[j] == .other
                    && !(chars[j] == "'" && contractionEnd(chars, classes, at: j) != nil)
                {
                    j += 1
                }
                emit(i, j, .punctuation)
                i = j
            }
        }
        return out
    }

    /// End of a contraction such as "'ll" starting at `i`, if the letters after the apostrophe are one.
    static func contractionEnd(_ chars: [Character], _ classes: [CharacterClass], at i: Int) -> Int? {
        guard i > 0, classes[i - 1] == .letter else { return nil }
        var j = i + 1
        while j < chars.count && classes[j] == .letter && j - i <= 2 { j += 1 }
        guard j > i + 1, j == chars.count || classes[j] != .letter else { return nil }
        return contractions.contains(String(chars[(i + 1)..<j]).lowercased()) ? j : nil
    }
}
