import Testing

@testable import TokenPaceCore

@Suite struct TokenizerTests {
    static let texts = [
        "", " ", "Hello, world!", "The quick brown fox jumps over the lazy dog.\n\nIt's 2025, isn't it?",
        "東京の春はとても気持ちがいいです。桜は三月に咲きます。", "Mixed 日本語 and English 😊 text",
        "👩‍💻 👍🏽 🇯🇵 ❤️ 🎉🎉", "e\u{301}te\u{301} café naïve Zoë", "Ελληνικά и русский текст",
        "func tokenBucket(_ x: Int) -> [String: Int] {\n    return [\"a\": x]   // comment\n}\n",
        "    \t\n\r\n  trailing   ", "antidisestablishmentarianism", "!!!???...---===",
        "don't you'll WE'RE o'clock '", "a\u{200D}b\u{FE0F}\u{0}",
    ]

    @Test(arguments: texts)
    func piecesJoinBackToTheText(text: String) {
        let pieces = Tokenizer.split(text)
        #expect(pieces.joined() == text)
        #expect(!pieces.contains(""))
    }

    @Test func spaceSticksToTheNextWord() {
        #expect(Tokenizer.split("Hello the world") == ["Hello", " the", " world"])
    }

    @Test func punctuationIsItsOwnPiece() {
        #expect(Tokenizer.split("Hi, there!") == ["Hi", ",", " there", "!"])
        #expect(Tokenizer.split("f(x);") == ["f", "(", "x", ");"])
    }

    @Test func digitsAreSingleAsInSmolLM2() {
        #expect(Tokenizer.split("in 2025") == ["in", " ", "2", "0", "2", "5"])
    }

    @Test func whitespaceRunsLeaveOneSpaceForTheWord() {
        #expect(Tokenizer.split("a\n\n    b") == ["a", "\n\n   ", " b"])
        #expect(Tokenizer.split("a\nb") == ["a", "\n", "b"])
    }

    @Test func contractionsSplitOff() {
        #expect(Tokenizer.split("don't") == ["don", "'t"])
        #expect(Tokenizer.split("we'll go") == ["we", "'ll", " go"])
    }

    @Test func camelCaseSplitsAtHumps() {
        #expect(Tokenizer.split("promptTokenCount") == ["prompt", "Token", "Count"])
    }

    @Test func commonWordsAreOneTokenLongRareWordsSeveral() {
        #expect(Tokenizer.count(" the") == 1)
        #expect(Tokenizer.count(" because") == 1)
        let long = Tokenizer.split(" antidisestablishmentarianism")
        #expect(long.count >= 4)
        #expect(long.first?.hasPrefix(" ") == true)
    }

    @Test func cjkIsOnePiecePerCharacterButCostsMore() {
        let text = "日本語のテキスト"
        #expect(Tokenizer.split(text).count == text.count)
        #expect(Tokenizer.count(text) > text.count)
        #expect(Tokenizer.count(text) <= 3 * text.count)
    }

    @Test func emojiStayWholeAndCostSeveralTokens() {
        #expect(Tokenizer.split("👩‍💻") == ["👩‍💻"])
        #expect(Tokenizer.split("ok 🎉") == ["ok", " 🎉"])
        #expect(Tokenizer.count("👍") >= 2)
        #expect(Tokenizer.count("👩‍💻") > Tokenizer.count("👍"))
    }

    @Test func combiningMarksStayWithTheirLetter() {
        let pieces = Tokenizer.split("e\u{301}te\u{301}")
        #expect(pieces.allSatisfy { $0.unicodeScalars.first?.properties.generalCategory != .nonspacingMark })
    }

    @Test func emptyTextHasNoTokens() {
        #expect(Tokenizer.split("") == [])
        #expect(Tokenizer.count("") == 0)
    }

    @Test func countMatchesPiecesForPlainEnglish() {
        let text = "The cat sat on the mat, and then it went to sleep."
        #expect(Tokenizer.count(text) == Tokenizer.split(text).count)
    }
}
