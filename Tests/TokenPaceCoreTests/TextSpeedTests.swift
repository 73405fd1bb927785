import Foundation
import Testing

@testable import TokenPaceCore

/// Text speed beside token speed: characters and words that arrived after the first token over the
/// decode rate's interval, and simulated panes that stream a model tokenizer's pieces.
@Suite struct TextSpeedTests {
    @Test func charactersAndWordsAfterTheFirstTokenOverTheDecodeInterval() {
        var tally = StreamTally(task: .chat)
        // "Hello" is the first token; " wor" + "ld" is one word cut in two; " again" another.
        for (text, t) in [("Hello", 0.5), (" wor", 0.6), ("ld", 0.7), (" again", 0.9)] {
            tally.append(Token(text), at: t)
        }
        let m = tally.metrics(finished: true)
        // 3 tokens after the first in 0.4 s; " world again" is 12 characters and 2 words.
        #expect(m.decodeRate == 3 / 0.4)
        #expect(abs(m.charactersPerSecond! - 12 / 0.4) < 1e-9)
        #expect(abs(m.wordsPerSecond! - 2 / 0.4) < 1e-9)
    }

    @Test func aWordGoingOnFromTheFirstTokenIsNotCountedAgain() {
        var tally = StreamTally(task: .chat)
        tally.append(Token("Hel"), at: 1)
        tally.append(Token("lo"), at: 1.5)
        let m = tally.metrics(finished: true)
        #expect(m.charactersPerSecond == 4)
        #expect(m.wordsPerSecond == 0)
    }

    @Test func scriptsWithoutSpacesHaveCharactersOnly() {
        var tally = StreamTally(task: .chat)
        for (text, t) in [("東京", 0.0), ("の春", 0.1), ("は", 0.2)] { tally.append(Token(text), at: t) }
        let m = tally.metrics(finished: true)
        #expect(abs(m.charactersPerSecond! - 3 / 0.2) < 1e-9)
        #expect(m.wordsPerSecond == nil)
    }

    @Test func toolResultsAreNotTheModelsText() {
        var tally = StreamTally(task: .agent)
        tally.append(Token("Look"), at: 0)
        tally.append(Token("ing long tool output here", kind: .toolResult), at: 0.5)
        tally.append(Token(" up"), at: 1)
        let m = tally.metrics(finished: true)
        #expect(m.charactersPerSecond == 3)
        #expect(m.wordsPerSecond == 1)
    }

    @Test func oneTokenHasNoTextSpeed() {
        var tally = StreamTally(task: .chat)
        tally.append(Token("Hello"), at: 0.5)
        #expect(tally.metrics(finished: true).charactersPerSecond == nil)
        #expect(tally.metrics(finished: true).wordsPerSecond == nil)
    }

    /// Every byte a token, then "he", "ll", "hell", "hello" (tiktoken rank file).
    static func byteTokenizer() throws -> PaneTokenizer {
        var lines = (0..<256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }
        for (k, word) in ["he", "ll", "hell", "hello"].enumerated() {
            lines.append("\(Data(word.utf8).base64EncodedString()) \(256 + k)")
        }
        return try PaneTokenizer.load(
            path: try temporaryFile("cl100k_base.tiktoken", lines.joined(separator: "\n") + "\n"))
    }

    @Test func aSampleStreamsTheTokenizersPiecesWithATokenTimeForEveryByteToken() throws {
        let tokenizer = try Self.byteTokenizer()
        #expect(tokenizer.label == "cl100k_base")
        let sample = Sample(
            id: "t", title: "t", task: .chat, prompt: "hello", segments: [.init(kind: .answer, text: "hello é!")])
        let tokens = sample.tokens(using: tokenizer)
        // "hello", " ", "é" (two byte tokens: the text on the first, nothing on the second), "!".
        #expect(tokens.map(\.text) == ["hello", " ", "é", "", "!"])
        #expect(tokens.count == tokenizer.counter.count("hello é!"))
        #expect(sample.promptTokenCount(using: tokenizer) == 1)
        #expect(sample.tokens(using: nil) == sample.tokens())
    }

    @Test func twoPanesAtTheSameRateStreamTextAtDifferentSpeeds() throws {
        let sample = Sample(
            id: "prose", title: "prose", task: .chat, prompt: "Tell me",
            segments: [
                .init(
                    kind: .answer,
                    text: String(
                        repeating: "Undo the last commit but keep its changes staged, then look at the diff again. ",
                        count: 8))
            ])
        let tokenizer = try Self.byteTokenizer()
        func speed(_ t: PaneTokenizer?) -> Double? {
            let tokens = sample.tokens(using: t)
            let times = tokens.indices.map { Double($0) / 20 }
            return StreamMetrics(tokens: tokens, times: times, task: .chat, finished: true).charactersPerSecond
        }
        let builtIn = try #require(speed(nil))
        let bytes = try #require(speed(tokenizer))
        // At 20 tok/s a byte-level tokenizer streams about one character a token (a few "he" and "ll" merges), the built-in estimate
        // (a SmolLM2-like vocabulary) several.
        #expect(bytes > 18 && bytes < 26)
        #expect(builtIn > 2.5 * bytes)
    }
}
