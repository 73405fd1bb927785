import Testing

@testable import TokenPaceCore

/// The built-in estimate (no vocabulary) against SmolLM2's real counts on the multilingual corpus of
/// `Fixtures/tokenizer-oracles.json`: every text within ±10%, English, code, CJK, European languages
/// and emoji alike. `scripts/calibrate-tokenizer.py` prints the table against SmolLM2 and cl100k.
@Suite struct BuiltinTokenizerCalibrationTests {
    static let fixture = try! TokenizerOracleFixture.load()
    static let tolerance = 0.10

    @Test func everyCorpusTextIsWithinTenPercentOfSmolLM2() {
        #expect(Self.fixture.texts.count >= 15)
        for t in Self.fixture.texts {
            let estimate = Tokenizer.count(t.text)
            let real = t.smollm2.count
            let error = Double(estimate - real) / Double(real)
            #expect(abs(error) <= Self.tolerance, "\(t.id) (\(t.language)): estimate \(estimate), SmolLM2 \(real)")
        }
    }

    @Test func europeanLanguagesAreToldFromEnglishAndCode() {
        let texts = Dictionary(uniqueKeysWithValues: Self.fixture.texts.map { ($0.id, $0.text) })
        for id in ["english-prose", "english-technical", "python", "rust", "swift", "javascript", "json"] {
            #expect(TextTraits(texts[id]!).foreign < 0.2, "\(id)")
        }
        #expect(TextTraits(texts["german"]!).foreign == 1)
        #expect(TextTraits(texts["german"]!).germanic > 0.8)
        for id in ["french", "spanish"] {
            #expect(TextTraits(texts[id]!).foreign == 1, "\(id)")
            #expect(TextTraits(texts[id]!).germanic < 0.2, "\(id)")
        }
        #expect(TextTraits(texts["japanese"]!).japanese)
        #expect(!TextTraits(texts["chinese"]!).japanese)
    }

    @Test func aGermanWordCostsMoreThanTheSameLengthEnglishOne() {
        #expect(
            Tokenizer.count("Die Wärterin und der Leuchtturm sind nicht allein.")
                > Tokenizer.count("The keeper and the lighthouse are not alone today."))
    }

    @Test func keycapsAndJoinedEmojiCostTheirBytes() {
        #expect(Tokenizer.count("1️⃣") == 5)
        #expect(Tokenizer.count("👨‍👩‍👧‍👦") == 18)
    }
}
