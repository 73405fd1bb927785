import Foundation
import Testing

@testable import TokenPaceCore

/// Loading each kind of tokenizer file from small files written here, and every error a bad file gives.
@Suite struct TokenizerFileTests {
    /// A Llama-2-style SentencePiece vocabulary: specials, 256 byte tokens, a few scored pieces.
    static func sentencePieceGGUF(padding: Int = 0) -> GGUFWriter {
        var tokens = ["<unk>", "<s>", "</s>"]
        var types: [Int32] = [2, 3, 3]
        var scores: [Float] = [0, 0, 0]
        for b in 0..<256 {
            let hex = String(b, radix: 16, uppercase: true)
            tokens.append("<0x\(hex.count == 1 ? "0" + hex : hex)>")
            types.append(6)
            scores.append(0)
        }
        let pieces: [(String, Float)] = [
            ("▁", -1), ("h", -2), ("e", -2), ("l", -2), ("o", -2), ("▁h", -3), ("ll", -4), ("▁he", -5), ("llo", -6),
            ("▁hello", -7), ("w", -2), ("r", -2), ("d", -2), ("▁w", -3), ("or", -4),
        ]
        for (p, s) in pieces {
            tokens.append(p)
            types.append(1)
            scores.append(s)
        }
        var w = GGUFWriter()
        w.pairs = [
            ("general.architecture", .string("llama")), ("tokenizer.ggml.model", .string("llama")),
            ("tokenizer.ggml.tokens", .strings(tokens)), ("tokenizer.ggml.scores", .floats(scores)),
            ("tokenizer.ggml.token_type", .int32s(types)), ("tokenizer.ggml.bos_token_id", .uint32(1)),
            ("tokenizer.ggml.eos_token_id", .uint32(2)),
        ]
        w.padding = padding
        return w
    }

    static func id(_ piece: String) -> Int {
        259 + ["▁", "h", "e", "l", "o", "▁h", "ll", "▁he", "llo", "▁hello", "w", "r", "d", "▁w", "or"].firstIndex(
            of: piece)!
    }

    @Test func sentencePieceMergesByScoreWithByteFallbackAndSpecials() throws {
        let path = try Self.sentencePieceGGUF().write("spm.gguf")
        let tokenizer = try #require(try TokenizerFile.load(path: path) as? BPETokenizer)
        #expect(tokenizer.kind == .sentencePiece(addSpacePrefix: true))
        #expect(tokenizer.encode("hello world") == ["▁hello", "▁w", "or", "l", "d"].map(Self.id))
        // "i" is no token: its byte 0x69 falls back to <0x69> (id 3 + 0x69).
        #expect(tokenizer.encode("hi") == [Self.id("▁h"), 3 + 0x69])
        // After a special token SentencePiece adds the space again.
        #expect(tokenizer.encode("<s>hello") == [1, Self.id("▁hello")])
        #expect(tokenizer.pieces("hello world").map(\.text) == ["hello", " w", "or", "l", "d"])
        #expect(tokenizer.bosToken == 1 && tokenizer.eosToken == 2 && tokenizer.addsBOS)
    }

    @Test func aFiveGigabyteGGUFOpensFromItsMetadata() throws {
        let path = try Self.sentencePieceGGUF().write("big.gguf")
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: 5 << 30)  // sparse: tensors nobody reads
        try handle.close()
        let start = ContinuousClock.now
        let tokenizer = try #require(try TokenizerFile.load(path: path) as? BPETokenizer)
        let elapsed = ContinuousClock.now - start
        #expect(tokenizer.metadataBytes == Self.sentencePieceGGUF().data().count)
        #expect(elapsed < .seconds(1), "opening took \(elapsed)")
        try FileManager.default.removeItem(atPath: path)
    }

    static let tinyByteLevelJSON = """
        {"added_tokens": [{"id": 0, "content": "<|endoftext|>", "special": true}],
         "normalizer": null,
         "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
         "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": null,
           "end_of_word_suffix": null, "fuse_unk": false, "byte_fallback": false,
           "vocab": {"<|endoftext|>": 0, "h": 1, "e": 2, "l": 3, "o": 4, "Ġ": 5, "w": 6, "r": 7, "d": 8,
                     "he": 9, "ll": 10, "hell": 11, "hello": 12, "Ġw": 13, "or": 14, "Ġwor": 15, "Ġworl": 16,
                     "Ġworld": 17, "!": 18},
           "merges": MERGES}}
        """

    @Test(arguments: [
        #"["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d"]"#,
        #"[["h", "e"], ["l", "l"], ["he", "ll"], ["hell", "o"], ["Ġ", "w"], ["o", "r"], ["Ġw", "or"], ["Ġwor", "l"], ["Ġworl", "d"]]"#,
    ])
    func tokenizerJSONWithEitherMergeFormat(merges: String) throws {
        let path = try temporaryFile(
            "tokenizer.json", Self.tinyByteLevelJSON.replacingOccurrences(of: "MERGES", with: merges))
        let tokenizer = try TokenizerFile.load(path: path)
        #expect(tokenizer.encode("hello world!") == [12, 17, 18])
        #expect(tokenizer.encode("hello<|endoftext|>") == [12, 0])
        #expect(tokenizer.pieces("hello world!").map(\.text) == ["hello", " world", "!"])
        // A model folder holding the file loads it too.
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try TokenizerFile.load(path: folder).encode("hello") == [12])
    }

    /// A tiktoken file: every byte, then "he", "ll", "hell", "hello".
    static func tiktokenFile(name: String = "cl100k_base.tiktoken", extra: String = "") throws -> String {
        var lines = (0..<256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }
        for (k, word) in ["he", "ll", "hell", "hello"].enumerated() {
            lines.append("\(Data(word.utf8).base64EncodedString()) \(256 + k)")
        }
        return try temporaryFile(name, lines.joined(separator: "\n") + "\n" + extra)
    }

    @Test func tiktokenRanksMergeByTheRankOfTheMergedBytes() throws {
        let tokenizer = try TokenizerFile.load(path: try Self.tiktokenFile())
        #expect(tokenizer.encode(" hello") == [32, 259])  // " hello" is one cl100k word; " h" is no token
        #expect(tokenizer.encode("hellhe") == [258, 256])
        #expect(tokenizer.encode("ok") == [111, 107])
        #expect(tokenizer.name.contains("cl100k_base"))
    }

    @Test func theFileNameTellsO200kFromCl100k() throws {
        var lines = (0..<256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }
        lines.append("\(Data("oW".utf8).base64EncodedString()) 256")
        let text = lines.joined(separator: "\n") + "\n"
        // cl100k keeps "HelloWorld" one word, so "o" and "W" merge; o200k cuts it at the capital.
        let cl100k = try TokenizerFile.load(path: try temporaryFile("cl100k_base.tiktoken", text))
        let o200k = try TokenizerFile.load(path: try temporaryFile("o200k_base.tiktoken", text))
        #expect(cl100k.encode("HelloWorld").contains(256))
        #expect(!o200k.encode("HelloWorld").contains(256))
        #expect(o200k.name.contains("o200k_base"))
    }

    /// A Llama 3 style tokenizer.json: Split with the Llama 3 regex, ByteLevel without its own regex,
    /// and ignore_merges (a word that is a token is taken whole).
    @Test(arguments: [false, true])
    func splitRegexAndIgnoreMerges(ignoreMerges: Bool) throws {
        let pattern =
            #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"#
        let json = """
            {"pre_tokenizer": {"type": "Sequence", "pretokenizers": [
                {"type": "Split", "pattern": {"Regex": "\(pattern)"}, "behavior": "Isolated", "invert": false},
                {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]},
             "model": {"type": "BPE", "ignore_merges": \(ignoreMerges),
               "vocab": {"h": 0, "e": 1, "l": 2, "o": 3, "he": 4, "ll": 5, "hello": 6, "1": 7, "2": 8, "3": 9,
                         "4": 10, "5": 11, "12": 12, "123": 13, "45": 14},
               "merges": ["h e", "l l", "1 2", "12 3", "4 5"]}}
            """
        let tokenizer = try TokenizerFile.load(path: try temporaryFile("tokenizer.json", json))
        #expect(tokenizer.encode("hello") == (ignoreMerges ? [6] : [4, 5, 3]))
        // \p{N}{1,3}: "12345" is the words "123" and "45".
        #expect(tokenizer.encode("12345") == [13, 14])
    }

    static func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "(no error)"
        } catch {
            return "\(error)"
        }
    }

    @Test func missingFileIsNamed() {
        let m = Self.message { try TokenizerFile.load(path: "/nonexistent/model.gguf") }
        #expect(m == "/nonexistent/model.gguf: no such file")
    }

    @Test func aFileThatIsNoTokenizerSaysWhatIsExpected() throws {
        let path = try temporaryFile("notes.txt", "hello world\nsecond line\n")
        let m = Self.message { try TokenizerFile.load(path: path) }
        #expect(m.hasPrefix(path + ": is not a tokenizer file"))
        #expect(m.contains("GGUF") && m.contains("tokenizer.json") && m.contains(".tiktoken"))
    }

    @Test func aFolderWithoutTokenizerJSON() throws {
        let folder = (try temporaryFile("x", "") as NSString).deletingLastPathComponent
        #expect(Self.message { try TokenizerFile.load(path: folder) }.contains("folder without a tokenizer.json"))
    }

    @Test func ggufWithoutTokenizerNamesTheMissingKey() throws {
        var w = GGUFWriter()
        w.pairs = [("general.architecture", .string("llama")), ("llama.block_count", .uint32(30))]
        let path = try w.write("weights-only.gguf")
        let m = Self.message { try TokenizerFile.load(path: path) }
        #expect(m.hasPrefix(path + ": GGUF file has no tokenizer"))
        #expect(m.contains("tokenizer.ggml.model"))
    }

    @Test func ggufOfAnUnsupportedModelListsTheSupportedOnes() throws {
        var w = GGUFWriter()
        w.pairs = [("tokenizer.ggml.model", .string("bert")), ("tokenizer.ggml.tokens", .strings(["[CLS]", "a"]))]
        let path = try w.write("bert.gguf")
        let m = Self.message { try TokenizerFile.load(path: path) }
        #expect(m.contains(path) && m.contains("'bert'"))
        #expect(m.contains("gpt2 (byte-level BPE)") && m.contains("llama (SentencePiece)"))
    }

    @Test func ggufOfAnUnsupportedPreTokenizerListsTheSupportedOnes() throws {
        var w = GGUFWriter()
        w.pairs = [
            ("tokenizer.ggml.model", .string("gpt2")), ("tokenizer.ggml.pre", .string("deepseek-coder")),
            ("tokenizer.ggml.tokens", .strings(["a", "b"])), ("tokenizer.ggml.merges", .strings(["a b"])),
        ]
        let path = try w.write("ds.gguf")
        let m = Self.message { try TokenizerFile.load(path: path) }
        #expect(
            m.contains("'deepseek-coder'") && m.contains("smollm") && m.contains("llama-bpe") && m.contains("qwen2"))
    }

    @Test func ggufWithoutTokensOrMerges() throws {
        var w = GGUFWriter()
        w.pairs = [("tokenizer.ggml.model", .string("gpt2")), ("tokenizer.ggml.pre", .string("smollm"))]
        #expect(
            Self.message { try TokenizerFile.load(path: try w.write("a.gguf")) }.contains("no tokenizer.ggml.tokens"))
        w.pairs.append(("tokenizer.ggml.tokens", .strings(["a", "b"])))
        #expect(
            Self.message { try TokenizerFile.load(path: try w.write("b.gguf")) }.contains("no tokenizer.ggml.merges"))
    }

    @Test func truncatedAndObsoleteGGUF() throws {
        let whole = Self.sentencePieceGGUF().data()
        let cut = try temporaryFile("cut.gguf", "")
        try whole.prefix(200).write(to: URL(fileURLWithPath: cut))
        #expect(Self.message { try TokenizerFile.load(path: cut) }.contains("ends inside the GGUF metadata"))
        var old = GGUFWriter()
        old.version = 1
        #expect(Self.message { try TokenizerFile.load(path: try old.write("v1.gguf")) }.contains("GGUF version 1"))
    }

    @Test func tiktokenErrorsNameTheLine() throws {
        let bad = try Self.tiktokenFile(extra: "aGk= 300\nnot a rank line\n")
        #expect(
            Self.message { try TokenizerFile.load(path: bad) }
                == "\(bad):262: not a tiktoken rank line (expected: base64 token, a space, a rank)")
        let badBase64 = try Self.tiktokenFile(extra: "a*Gk 300\n")
        #expect(
            Self.message { try TokenizerFile.load(path: badBase64) } == "\(badBase64):261: token is not valid base64")
        let few = try temporaryFile("cl100k_base.tiktoken", "aGk= 0\naGVsbG8= 1\n")
        #expect(Self.message { try TokenizerFile.load(path: few) }.contains("no token for the single byte 0x0"))
        let unnamed = try Self.tiktokenFile(name: "ranks.tiktoken")
        let m = Self.message { try TokenizerFile.load(path: unnamed) }
        #expect(m.contains("cannot tell which OpenAI encoding") && m.contains("o200k_base.tiktoken"))
    }

    @Test func tokenizerJSONErrors() throws {
        let unigram = try temporaryFile("tokenizer.json", #"{"model": {"type": "Unigram", "vocab": [["a", 0.0]]}}"#)
        #expect(
            Self.message { try TokenizerFile.load(path: unigram) }
                == "\(unigram): tokenizer model type 'Unigram' is not supported; supported: BPE (byte-level)")
        let noModel = try temporaryFile("tokenizer.json", #"{"version": "1.0"}"#)
        #expect(Self.message { try TokenizerFile.load(path: noModel) }.contains("not a Hugging Face tokenizer.json"))
        let broken = try temporaryFile("tokenizer.json", #"{"model": "#)
        #expect(Self.message { try TokenizerFile.load(path: broken) }.contains("not valid JSON"))
        let whitespace = try temporaryFile(
            "tokenizer.json",
            Self.tinyByteLevelJSON.replacingOccurrences(of: "MERGES", with: "[]").replacingOccurrences(
                of: #""type": "ByteLevel", "add_prefix_space": false"#, with: #""type": "Whitespace", "x": false"#))
        let m = Self.message { try TokenizerFile.load(path: whitespace) }
        #expect(m.contains("pre-tokenizer Whitespace is not supported") && m.contains("ByteLevel"))
    }
}
