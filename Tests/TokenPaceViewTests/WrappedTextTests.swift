import Testing
import TokenPaceCore
import TokenPaceView

@Suite struct WrappedTextTests {
    func rows(_ text: String, width: Int, code: Bool = false) -> [String] {
        var w = WrappedText(width: width)
        w.append(text, role: .text, code: code)
        return w.rows.map { String($0.map(\.char)) }
    }

    @Test func wrapsAtSpaces() {
        #expect(rows("the quick brown fox", width: 10) == ["the quick", "brown fox"])
    }

    @Test func cutsWordsLongerThanTheWidth() {
        #expect(rows("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    }

    @Test func breaksBetweenCJKCharacters() {
        #expect(rows("- 朝は早めに", width: 8) == ["- 朝は", "早めに"])
    }

    @Test func newlinesStartRowsAndBlankLinesStay() {
        #expect(rows("a\n\nb", width: 5) == ["a", "", "b"])
    }

    @Test func codeIsNotWordWrapped() {
        #expect(rows("let x = 1", width: 5, code: true) == ["let x", " = 1"])
    }

    @Test func appendingPiecesGivesTheSameRowsAsAllAtOnce() {
        let text = "Streaming text arrives in pieces, and the rows must not depend on where they were cut.\nNext line."
        var w = WrappedText(width: 17)
        var piece = ""
        for ch in text {
            piece.append(ch)
            if piece.count == 3 {
                w.append(piece, role: .text)
                piece = ""
            }
        }
        w.append(piece, role: .text)
        #expect(w.rows.map { String($0.map(\.char)) } == rows(text, width: 17))
    }
}

@Suite struct WrappedTextStreamingTests {
    /// The greedy wrap as it was before it became incremental, kept to check the new one against.
    static func referenceWrap(_ chars: [StyledChar], width: Int) -> [[StyledChar]] {
        var out: [[StyledChar]] = []
        var row: [StyledChar] = []
        var rowWidth = 0
        var breakAt: (cut: Int, resume: Int)?
        for c in chars {
            if rowWidth + c.width > width {
                if c.char == " " {
                    out.append(row)
                    row = []
                    rowWidth = 0
                    breakAt = nil
                    continue
                }
                if let b = breakAt, b.cut > 0 || b.resume > 0 {
                    let rest = Array(row[b.resume...])
                    out.append(Array(row[..<b.cut]))
                    row = rest
                    rowWidth = rest.reduce(0) { $0 + $1.width }
                } else {
                    out.append(row)
                    row = []
                    rowWidth = 0
                }
                breakAt = nil
            }
            if c.char == " " {
                breakAt = (row.count, row.count + 1)
            } else if c.width == 2 || (row.last.map { $0.width == 2 } ?? false) {
                breakAt = (row.count, row.count)
            }
            row.append(c)
            rowWidth += c.width
        }
        if !row.isEmpty || out.isEmpty { out.append(row) }
        return out
    }

    /// Rows of prose the old way: each paragraph (split at newlines) wrapped as a whole; an empty
    /// paragraph is an empty row once closed, and no row while still open.
    static func reference(_ text: String, width: Int) -> [String] {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
        return paragraphs.enumerated().flatMap { i, para -> [String] in
            if para.isEmpty { return i == paragraphs.count - 1 ? [] : [""] }
            return referenceWrap(para.map { StyledChar($0, role: .text) }, width: width).map { String($0.map(\.char)) }
        }
    }

    @Test func streamedProseWrapsAsTheWholeDid() {
        var rng = SeededRandom(seed: 7)
        let words = [
            "a", "an", "the", "streaming", "速度", "朝は早めに", "🚀", "e\u{0301}té", "x", "—", "supercalifragilistic", " ",
            "  ",
        ]
        for trial in 0..<300 {
            var text = ""
            for _ in 0..<(5 + Int(rng.unit() * 40)) {
                text += words[Int(rng.unit() * Double(words.count))]
                text += rng.unit() < 0.1 ? "\n" : (rng.unit() < 0.8 ? " " : "")
            }
            let width = 1 + Int(rng.unit() * 20)
            var w = WrappedText(width: width)
            var rest = Substring(text)
            while !rest.isEmpty {
                let n = 1 + Int(rng.unit() * 6)
                w.append(String(rest.prefix(n)), role: .text)
                rest = rest.dropFirst(n)
            }
            #expect(
                w.rows.map { String($0.map(\.char)) } == Self.reference(text, width: width),
                "trial \(trial) width \(width)")
        }
    }
}
