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
