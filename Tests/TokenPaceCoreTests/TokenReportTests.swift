import Testing

@testable import TokenPaceCore

/// `tokenpace tokens`' figures and its --show rendering.
@Suite struct TokenReportTests {
    @Test func charactersAndWordsPerToken() {
        let report = TokenReport(text: "The cat sat on the mat.", tokens: 7)
        #expect(report.characters == 23)
        #expect(report.words == 6)
        #expect(!report.withoutSpaces)
        #expect(report.summary == "7 tokens, 3.29 characters/token, 0.86 words/token")
    }

    @Test func scriptsWithoutSpacesHaveNoWordsPerToken() {
        let report = TokenReport(text: "東京の春はとても気持ちがいいです。", tokens: 20)
        #expect(report.withoutSpaces)
        #expect(report.wordsPerToken == nil)
        #expect(
            report.summary == "20 tokens, 0.85 characters/token, words/token — (a script without spaces between words)")
        // Korean is written with spaces: words count there.
        #expect(!TokenReport(text: "한국어 문장입니다", tokens: 6).withoutSpaces)
    }

    @Test func noTokensGivesDashes() {
        #expect(TokenReport(text: "", tokens: 0).summary == "0 tokens, — characters/token, — words/token")
        #expect(TokenReport(text: "a", tokens: 1).summary == "1 token, 1.00 characters/token, 1.00 words/token")
    }

    static let pieces = [
        TokenPiece(text: "Hi", tokens: 1), TokenPiece(text: ",\n", tokens: 1), TokenPiece(text: " there", tokens: 1),
        TokenPiece(text: "\u{1B}[2J", tokens: 3),
    ]

    @Test func plainRenderingSeparatesPiecesAndMarksNewlines() {
        #expect(TokenReport.render(Self.pieces, colour: false) == "Hi|,↵\n there|␛[2J")
    }

    @Test func colourRenderingAlternatesAndNeverPaintsALineEnd() {
        let a = "\u{1B}[38;5;16;48;5;153m"
        let b = "\u{1B}[38;5;16;48;5;223m"
        let reset = "\u{1B}[0m"
        let out = TokenReport.render(Self.pieces, colour: true)
        #expect(out == "\(a)Hi\(reset)\(b),↵\(reset)\n\(a) there\(reset)\(b)␛[2J\(reset)")
        // The text's own escape sequence is shown, not sent.
        #expect(!out.contains("\u{1B}[2J"))
    }
}
