/// The pre-tokenizer of a byte-level BPE family: how text is cut into words before merges, which
/// never cross a word boundary. Each family's regex is written out by hand as an index walk over
/// `ScalarText` (a regex engine is far too slow for 100 kB), following the regex's own semantics —
/// alternation order, greedy and possessive quantifiers, look-ahead — alternative by alternative.
public enum SplitRules: String, Sendable, CaseIterable {
    /// GPT-2, r50k/p50k: `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`.
    case gpt2
    /// SmolLM, StarCoder and kin: every `\p{N}` alone first, then the GPT-2 rules on what is between.
    case gpt2Digits = "gpt2-digits"
    /// Llama 3: `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}|
    /// ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`.
    case llama3
    /// Qwen2: the Llama 3 rules with single digits (`\p{N}`).
    case qwen2
    /// OpenAI cl100k_base as tiktoken writes it: `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|
    /// \p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`.
    case cl100k
    /// OpenAI o200k_base: case-aware words with an optional contraction, `\p{N}{1,3}`,
    /// ` ?[^\s\p{L}\p{N}]+[\r\n/]*`, `\s*[\r\n]+`, `\s+(?!\S)`, `\s+`.
    case o200k

    /// Appends the words of `text[lo..<hi]` (scalar indices) as scalar index ranges.
    func split(_ text: ScalarText, _ lo: Int, _ hi: Int, into out: inout [Range<Int>]) {
        switch self {
        case .gpt2Digits:
            var start = lo
            for i in lo..<hi where text.flags[i].contains(.number) {
                if start < i { Walker(text: text, hi: hi).gpt2(start, i, &out) }
                out.append(i..<(i + 1))
                start = i + 1
            }
            if start < hi { Walker(text: text, hi: hi).gpt2(start, hi, &out) }
        case .gpt2:
            Walker(text: text, hi: hi).gpt2(lo, hi, &out)
        case .llama3, .qwen2, .cl100k:
            Walker(text: text, hi: hi).llama3(lo, hi, rules: self, &out)
        case .o200k:
            Walker(text: text, hi: hi).o200k(lo, hi, &out)
        }
    }

    /// The words of `text` as strings (for tests and `tokens --show` of the split alone).
    public static func words(_ string: String, rules: SplitRules) -> [String] {
        var bytes = Array(string.utf8)
        return bytes.withUnsafeMutableBufferPointer { buf in
            let text = ScalarText(UnsafeBufferPointer(buf))
            var ranges: [Range<Int>] = []
            rules.split(text, 0, text.count, into: &ranges)
            return ranges.map { r in
                String(decoding: buf[text.offsets[r.lowerBound]..<text.offsets[r.upperBound]], as: UTF8.self)
            }
        }
    }
}

/// One walk over a piece of text; `hi` is the end of the piece, which regexes see as the end of text.
private struct Walker {
    let text: ScalarText
    let hi: Int

    @inline(__always) func flags(_ i: Int) -> ScalarText.Flags { i < hi ? text.flags[i] : [] }
    @inline(__always) func scalar(_ i: Int) -> UInt32 { i < hi ? text.scalars[i] : 0xFFFF_FFFF }
    @inline(__always) func isLetter(_ i: Int) -> Bool { flags(i).contains(.letter) }
    @inline(__always) func isNumber(_ i: Int) -> Bool { flags(i).contains(.number) }
    @inline(__always) func isSpace(_ i: Int) -> Bool { flags(i).contains(.whitespace) }
    /// `[^\s\p{L}\p{N}]`, inside the piece.
    @inline(__always) func isOther(_ i: Int) -> Bool {
        i < hi && text.flags[i].isDisjoint(with: [.whitespace, .letter, .number])
    }

    static let apostrophe = UInt32(UInt8(ascii: "'"))
    static let space = UInt32(UInt8(ascii: " "))

    /// ASCII lowercase of a contraction letter; `ſ` folds to `s` where the regex is case-insensitive
    /// by Unicode simple case folding (tiktoken's).
    @inline(__always) func folded(_ i: Int, longS: Bool) -> UInt32 {
        let v = scalar(i)
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        if longS && v == 0x17F { return UInt32(UInt8(ascii: "s")) }
        return v
    }

    /// Length of the contraction at `i` (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`), or 0.
    func contraction(_ i: Int, caseInsensitive: Bool, longS: Bool) -> Int {
        guard scalar(i) == Walker.apostrophe, i + 1 < hi else { return 0 }
        let a = caseInsensitive ? folded(i + 1, longS: longS) : scalar(i + 1)
        switch a {
        case 0x73, 0x74, 0x6D, 0x64: return 2  // s t m d
        default: break
        }
        guard i + 2 < hi else { return 0 }
        let b = caseInsensitive ? folded(i + 2, longS: longS) : scalar(i + 2)
        switch (a, b) {
        case (0x72, 0x65), (0x76, 0x65), (0x6C, 0x6C): return 3  // re ve ll
        default: return 0
        }
    }

    /// End of the whitespace run starting at `p`.
    func spaceRunEnd(_ p: Int) -> Int {
        var r = p
        while r < hi && text.flags[r].contains(.whitespace) { r += 1 }
        return r
    }

    func gpt2(_ lo: Int, _ end: Int, _ out: inout [Range<Int>]) {
        let w = Walker(text: text, hi: end)
        var p = lo
        while p < end {
            let start = p
            let c = w.scalar(p)
            let k = w.contraction(p, caseInsensitive: false, longS: false)
            if k > 0 {
                p += k
            } else {
                let q = c == Walker.space ? p + 1 : p
                if w.isLetter(q) {
                    p = q
                    while w.isLetter(p) { p += 1 }
                } else if w.isNumber(q) {
                    p = q
                    while w.isNumber(p) { p += 1 }
                } else if w.isOther(q) {
                    p = q
                    while w.isOther(p) { p += 1 }
                } else {
                    // \s+(?!\S) leaves the last space for the word after it; \s+ takes a single one.
                    let r = w.spaceRunEnd(p)
                    if r == p {
                        p += 1
                    } else if r - p > 1 && r < end {
                        p = r - 1
                    } else {
                        p = r
                    }
                }
            }
            out.append(start..<p)
        }
    }

    func llama3(_ lo: Int, _ end: Int, rules: SplitRules, _ out: inout [Range<Int>]) {
        let w = Walker(text: text, hi: end)
        let tiktoken = rules == .cl100k
        let maxDigits = rules == .qwen2 ? 1 : 3
        var p = lo
        while p < end {
            let start = p
            let c = w.scalar(p)
            let f = w.flags(p)
            let k = w.contraction(p, caseInsensitive: true, longS: tiktoken)
            if k > 0 {
                p += k
            } else if !f.contains(.newline) && !f.contains(.number) && (f.contains(.letter) || w.isLetter(p + 1)) {
                // [^\r\n\p{L}\p{N}]?\p{L}+
                p += 1
                while w.isLetter(p) { p += 1 }
            } else if f.contains(.number) {
                var n = 0
                while n < maxDigits && w.isNumber(p) {
                    p += 1
                    n += 1
                }
            } else if w.isOther(c == Walker.space ? p + 1 : p) {
                // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
                p += c == Walker.space ? 1 : 0
                while w.isOther(p) { p += 1 }
                while w.flags(p).contains(.newline) { p += 1 }
            } else {
                let r = w.spaceRunEnd(p)
                var lastNewline = -1
                for i in p..<r where w.text.flags[i].contains(.newline) { lastNewline = i }
                if r == p {
                    p += 1
                } else if tiktoken && r == end {
                    p = r  // \s++$
                } else if lastNewline >= 0 {
                    p = lastNewline + 1  // \s*[\r\n]+ (tiktoken: \s*[\r\n], the same end)
                } else if r - p > 1 && r < end {
                    p = r - 1  // \s+(?!\S)
                } else if tiktoken {
                    p += r < end ? 1 : r - p  // \s
                } else {
                    p = r  // \s+
                }
            }
            out.append(start..<p)
        }
    }

    func o200k(_ lo: Int, _ end: Int, _ out: inout [Range<Int>]) {
        let w = Walker(text: text, hi: end)
        var p = lo
        while p < end {
            let start = p
            let f = w.flags(p)
            if let e = w.o200kWord(p) {
                p = e
            } else if f.contains(.number) {
                var n = 0
                while n < 3 && w.isNumber(p) {
                    p += 1
                    n += 1
                }
            } else if w.isOther(w.scalar(p) == Walker.space ? p + 1 : p) {
                // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
                p += w.scalar(p) == Walker.space ? 1 : 0
                while w.isOther(p) { p += 1 }
                while w.flags(p).contains(.newline) || w.scalar(p) == 0x2F { p += 1 }
            } else {
                let r = w.spaceRunEnd(p)
                var lastNewline = -1
                for i in p..<r where w.text.flags[i].contains(.newline) { lastNewline = i }
                if r == p {
                    p += 1
                } else if lastNewline >= 0 {
                    p = lastNewline + 1
                } else if r - p > 1 && r < end {
                    p = r - 1
                } else {
                    p = r
                }
            }
            out.append(start..<p)
        }
    }

    /// The two o200k word alternatives, each tried with and then without the optional prefix:
    /// `[^\r\n\p{L}\p{N}]?[Lu Lt Lm Lo M]*[Ll Lm Lo M]+('s|…)?` then `…[Lu Lt Lm Lo M]+[Ll Lm Lo M]*('s|…)?`.
    func o200kWord(_ p: Int) -> Int? {
        let f = flags(p)
        let prefix = p < hi && f.isDisjoint(with: [.newline, .letter, .number])
        if prefix, let e = lowerWord(p + 1) { return e }
        if let e = lowerWord(p) { return e }
        if prefix, let e = upperWord(p + 1) { return e }
        return upperWord(p)
    }

    /// `[Lu Lt Lm Lo M]*[Ll Lm Lo M]+` from `q`, with backtracking of the first run, then a contraction.
    func lowerWord(_ q: Int) -> Int? {
        var r = q
        while flags(r).contains(.upperSide) { r += 1 }
        var s = r
        while s >= q {
            if flags(s).contains(.lowerSide) {
                var e = s
                while flags(e).contains(.lowerSide) { e += 1 }
                return e + contraction(e, caseInsensitive: true, longS: true)
            }
            s -= 1
        }
        return nil
    }

    /// `[Lu Lt Lm Lo M]+[Ll Lm Lo M]*` from `q`, then a contraction.
    func upperWord(_ q: Int) -> Int? {
        var r = q
        while flags(r).contains(.upperSide) { r += 1 }
        guard r > q else { return nil }
        while flags(r).contains(.lowerSide) { r += 1 }
        return r + contraction(r, caseInsensitive: true, longS: true)
    }
}
