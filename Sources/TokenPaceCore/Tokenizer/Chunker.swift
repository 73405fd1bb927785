/// Guesses how BPE cuts one pre-tokenizer chunk, and how many model tokens each piece costs.
///
/// Frequent words are one token; longer and rarer ones fall apart into a few pieces. Without a
/// vocabulary the cost is estimated from the letter count: the tables hold the mean SmolLM2 token
/// count per length measured on the words of `Samples/`, and a word is split into that many
/// near-equal parts (fractional costs are kept so totals stay close).
enum Chunker {
    /// Mean tokens for a lowercase word of n letters (index n), with and without a leading space.
    static let spacedWord: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 1.07, 1.08, 1.08, 1.1, 1.15, 1.2, 1.3, 1.45]
    static let bareWord: [Double] = [1, 1, 1, 1, 1, 1, 1, 1.5, 1.5, 1.5, 1.8, 1.9, 2.0, 2.2, 2.4, 2.6]
    /// Each letter past the tables: very long words are rare and split into short pieces.
    static let perExtraLetter = 0.25
    /// Extra tokens for each letter outside ASCII (accents and other scripts are byte-split).
    static let nonASCIILetter = 1.0
    /// Capitalised and all-caps forms are rarer in the vocabulary than lowercase ones.
    static func capitalExtra(letters n: Int, allCaps: Bool) -> Double {
        if allCaps { return Double(max(0, n - 2)) * 0.22 }
        return n <= 3 ? 0 : n <= 7 ? 0.1 : 0.3
    }
    static let longestWhitespace = 16
    static let longestRepeat = 16

    /// Tokens for a word of n letters (`accented` of them outside ASCII) in a European language other
    /// than English: short function words are whole, longer words fall into pieces of three or four
    /// letters, an accented letter often into bytes. Least-squares fits on SmolLM2's counts of the
    /// corpus' German and French/Spanish words.
    static func foreignWord(letters n: Int, accented: Int, germanic: Double) -> Double {
        if n <= 3 { return 1 + 0.5 * Double(accented) }
        let germanicCost = 0.34 * Double(n) + 1.27 * Double(accented) + 0.39
        let romanceCost = 0.24 * Double(n) + 0.55 * Double(accented) + 0.85
        return germanic * germanicCost + (1 - germanic) * romanceCost
    }

    static func cut(
        _ chunk: Chunk, _ traits: TextTraits = .english, into out: inout [(text: Substring, weight: Double)]
    ) {
        switch chunk.kind {
        case .digit:
            // A keycap ("1️⃣") is one character of a digit, a selector and an enclosing mark.
            out.append((chunk.text, 1 + extraScalarsWeight(chunk.text.last!)))
        case .contraction:
            out.append((chunk.text, 1))
        case .whitespace:
            for piece in slices(chunk.text, maxLength: longestWhitespace) { out.append((piece, 1)) }
        case .punctuation:
            cutPunctuation(chunk, into: &out)
        case .emoji:
            for piece in perCharacter(chunk.text) { out.append((piece, emojiWeight(piece))) }
        case .cjk:
            var first = chunk.leadingSpace
            for piece in perCharacter(chunk.text) {
                out.append((piece, cjkWeight(piece.last!, japanese: traits.japanese) + (first ? 0.5 : 0)))
                first = false
            }
        case .word:
            cutWord(chunk, traits, into: &out)
        }
    }

    static func cutWord(_ chunk: Chunk, _ traits: TextTraits, into out: inout [(text: Substring, weight: Double)]) {
        var space = chunk.leadingSpace
        for hump in humps(chunk.text) {
            let body = space ? hump.dropFirst() : hump
            let table = space ? spacedWord : bareWord
            let n = body.count
            var w = n < table.count ? table[n] : table.last! + Double(n - table.count + 1) * perExtraLetter
            if let f = body.first, f.isUppercase {
                w += capitalExtra(letters: n, allCaps: n > 1 && body.allSatisfy(\.isUppercase))
            }
            let accented = body.filter { !$0.isASCII }.count
            w += Double(accented) * nonASCIILetter
            if traits.foreign > 0 {
                let foreign = foreignWord(letters: n, accented: accented, germanic: traits.germanic)
                w += traits.foreign * (foreign - w)
            }
            append(hump, weight: w, to: &out)
            space = false
        }
    }

    /// Punctuation: ASCII runs of one or two marks are one token, longer mixed runs about one per
    /// two marks, runs of one repeated mark ("----", "...") stay whole; other symbols go alone.
    static func cutPunctuation(_ chunk: Chunk, into out: inout [(text: Substring, weight: Double)]) {
        let text = chunk.text
        var start = text.startIndex
        var i = start
        func flush(upTo end: Substring.Index) {
            guard start < end else { return }
            let run = text[start..<end]
            let marks = run.filter { $0 != " " }
            if let f = marks.first, marks.allSatisfy({ $0 == f }) {
                for piece in slices(run, maxLength: longestRepeat) { out.append((piece, 1)) }
            } else {
                append(run, weight: marks.count <= 2 ? 1 : 0.5 * Double(marks.count), to: &out)
            }
            start = end
        }
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            if !c.isASCII {
                let onlySpace = chunk.leadingSpace && start == text.startIndex && text.index(after: start) == i
                if !onlySpace { flush(upTo: i) }
                out.append((text[start..<next], nonASCIISymbolWeight(c) + extraScalarsWeight(c)))
                start = next
            }
            i = next
        }
        flush(upTo: text.endIndex)
    }

    /// `text` as round(weight) near-equal pieces sharing the weight.
    static func append(_ text: Substring, weight: Double, to out: inout [(text: Substring, weight: Double)]) {
        let pieces = slices(text, count: max(1, Int(weight.rounded())))
        for piece in pieces { out.append((piece, weight / Double(pieces.count))) }
    }

    /// Byte-level cost of an emoji: three tokens per four-byte scalar, fewer for joiners/selectors.
    static func emojiWeight(_ piece: Substring) -> Double {
        var w = 0.0
        for s in piece.unicodeScalars where s != " " {
            switch s.utf8.count {
            case 4: w += 3
            case 3: w += s.value == 0xFE0F ? 1 : s.value == 0x200D ? 2 : s.value == 0x20E3 ? 3 : 2.5
            default: w += 1
            }
        }
        return max(w, 1)
    }

    /// Mean SmolLM2 cost per character: common hiragana are often one token, hanzi a little under
    /// two, kanji (Han in Japanese text) a little over.
    static func cjkWeight(_ c: Character, japanese: Bool = false) -> Double {
        let v = c.unicodeScalars.first!.value
        switch v {
        case 0x3000...0x303F: return 1
        case 0x3040...0x309F: return 1.7
        case 0x30A0...0x30FF: return 1.7
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return 2.5
        // Fullwidth punctuation is one token; fullwidth letters and digits two.
        case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: return 1
        case 0xFF00...0xFFEF: return 2
        default: return japanese ? 2.2 : 1.9
        }
    }

    /// Byte-level cost of the scalars after a character's first: a variation selector is one token,
    /// a joiner two, the keycap mark three, other marks by their UTF-8 length.
    static func extraScalarsWeight(_ c: Character) -> Double {
        var w = 0.0
        for s in c.unicodeScalars.dropFirst() {
            switch s.value {
            case 0xFE0F: w += 1
            case 0x200D: w += 2
            case 0x20E3: w += 3
            default: w += s.utf8.count >= 4 ? 3 : s.utf8.count == 3 ? 2 : 1
            }
        }
        return w
    }

    /// Common typographic marks are one token; other symbols cost by their UTF-8 length (Latin-1
    /// signs such as £ × ± one, most of the rest two).
    static func nonASCIISymbolWeight(_ c: Character) -> Double {
        switch c {
        case "’", "‘", "“", "”", "—", "–", "…", "€": return 1
        default:
            let bytes = c.unicodeScalars.first!.utf8.count
            return bytes <= 2 ? 1 : bytes == 3 ? 2 : 3
        }
    }

    /// Parts of a word split at lower→upper case changes ("tokenBucket" → "token", "Bucket").
    static func humps(_ word: Substring) -> [Substring] {
        var out: [Substring] = []
        var start = word.startIndex
        var prev: Character? = nil
        for i in word.indices {
            let c = word[i]
            if let p = prev, p.isLowercase, c.isUppercase {
                out.append(word[start..<i])
                start = i
            }
            prev = c
        }
        out.append(word[start...])
        return out
    }

    static func perCharacter(_ text: Substring) -> [Substring] {
        var out: [Substring] = []
        var i = text.startIndex
        while i < text.endIndex {
            var next = text.index(after: i)
            // A leading space rides with the first character.
            if text[i] == " " && next < text.endIndex { next = text.index(after: next) }
            out.append(text[i..<next])
            i = next
        }
        return out
    }

    /// `text` cut into pieces of at most `maxLength` characters.
    static func slices(_ text: Substring, maxLength: Int) -> [Substring] {
        slices(text, count: (text.count + maxLength - 1) / maxLength)
    }

    /// `text` cut into `count` near-equal pieces (never more pieces than characters).
    static func slices(_ text: Substring, count: Int) -> [Substring] {
        let n = text.count
        let k = max(1, min(count, n))
        var out: [Substring] = []
        var start = text.startIndex
        for p in 0..<k {
            let length = n * (p + 1) / k - n * p / k
            let end = text.index(start, offsetBy: length)
            out.append(text[start..<end])
            start = end
        }
        return out
    }
}
