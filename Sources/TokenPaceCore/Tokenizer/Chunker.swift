/// Guesses how BPE cuts one pre-tokenizer chunk, and how many model tokens each piece costs.
///
/// Frequent short words are one token; longer and rarer ones fall apart into a few pieces. Without a
/// vocabulary the cut is estimated from the letter count (the table is the mean SmolLM2 token count
/// per length on the sample corpus) and the word is split into that many near-equal parts.
enum Chunker {
    /// Mean tokens for a lowercase word of n letters (index n), with and without a leading space.
    static let spacedWord: [Double] = [1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.2, 1.35, 1.5, 1.7, 1.9, 2.1, 2.3]
    static let bareWord: [Double] = [1, 1, 1, 1.05, 1.15, 1.3, 1.45, 1.6, 1.75, 1.9, 2.05, 2.2, 2.4, 2.6, 2.8, 3.0]
    /// Extra tokens for each letter outside ASCII (accents and other scripts are byte-split).
    static let nonASCIILetter = 1.0
    /// Extra for a capitalised or all-caps word: the vocabulary holds fewer such forms.
    static let capitalised = 0.15
    static let allCaps = 0.5
    static let longestWhitespace = 16
    static let longestPunctuation = 2

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
            let letters = hump.count - (space ? 1 : 0)
            let table = space ? spacedWord : bareWord
            var w = letters < table.count ? table[letters] : table.last! + Double(letters - table.count + 1) * 0.2
            let body = space ? hump.dropFirst() : hump
            if let f = body.first, f.isUppercase {
                w += body.allSatisfy({ $0.isUppercase }) && body.count > 1 ? allCaps : capitalised
            }
            w += Double(body.filter { !$0.isASCII }.count) * nonASCIILetter
            let n = max(1, Int(w.rounded()))
            for piece in slices(hump, count: n) { out.append((piece, w / Double(n))) }
            space = false
        }
    }

    static func cutPunctuation(_ chunk: Chunk, into out: inout [(text: Substring, weight: Double)]) {
        var start = chunk.text.startIndex
        var i = start
        var length = 0
        let text = chunk.text
        while i < text.endIndex {
            let c = text[i]
            let isLeadingSpace = chunk.leadingSpace && i == text.startIndex
            if !c.isASCII {
                let onlySpace = chunk.leadingSpace && start == text.startIndex && text.index(after: start) == i
                if i > start && !onlySpace {
                    out.append((text[start..<i], 1))
                    start = i
                }
                let next = text.index(after: i)
                out.append((text[start..<next], nonASCIISymbolWeight(c)))
                start = next
                i = next
                length = 0
                continue
            }
            let repeatsPrevious = i > text.startIndex && text[text.index(before: i)] == c
            if length >= longestPunctuation && !repeatsPrevious {
                out.append((text[start..<i], 1))
                start = i
                length = 0
            }
            if !isLeadingSpace { length += 1 }
            i = text.index(after: i)
        }
        if start < text.endIndex { out.append((text[start...], 1)) }
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

    static func cjkWeight(_ c: Character) -> Double {
        let v = c.unicodeScalars.first!.value
        switch v {
        case 0x3000...0x303F: return 1
        case 0x3040...0x30FF: return 2
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return 2.5
        case 0xFF00...0xFFEF: return 2
        default: return 1.6
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
