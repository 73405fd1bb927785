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

    static func cut(_ chunk: Chunk, into out: inout [(text: Substring, weight: Double)]) {
        switch chunk.kind {
        case .digit, .contraction:
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
                out.append((piece, cjkWeight(piece.last!) + (first ? 0.5 : 0)))
                first = false
            }
        case .word:
            cutWord(chunk, into: &out)
        }
    }

    static func cutWord(_ chunk: Chunk, into out: inout [(text: Substring, weight: Double)]) {
        var space = chunk.leadingSpace
        for hump in humps(chunk.text) {
            let body = space ? hump.dropFirst() : hump
            let table = space ? spacedWord : bareWord
            let n = body.count
            var w = n < table.count ? table[n] : table.last! + Double(n - table.count + 1) * perExtraLetter
            if let f = body.first, f.isUppercase {
                w += capitalExtra(letters: n, allCaps: n > 1 && body.allSatisfy(\.isUppercase))
            }
            w += Double(body.filter { !$0.isASCII }.count) * nonASCIILetter
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
                out.append((text[start..<next], nonASCIISymbolWeight(c)))
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
            case 3: w += (s.value == 0x200D || s.value == 0xFE0F) ? 1 : 2.5
            default: w += 1
            }
        }
        return max(w, 1)
    }

    /// Mean SmolLM2 cost per character: common hiragana are often one token, kanji about two.
    static func cjkWeight(_ c: Character) -> Double {
        let v = c.unicodeScalars.first!.value
        switch v {
        case 0x3000...0x303F: return 1
        case 0x3040...0x309F: return 1.6
        case 0x30A0...0x30FF: return 2
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return 2.5
        case 0xFF00...0xFFEF: return 2
        default: return 2
        }
    }

    static func nonASCIISymbolWeight(_ c: Character) -> Double {
        switch c {
        case "’", "‘", "“", "”", "—", "–", "…": return 1
        default: return 2
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
