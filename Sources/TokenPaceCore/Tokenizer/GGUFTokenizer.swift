/// The tokenizer inside a GGUF model file (`tokenizer.ggml.*` metadata), as llama.cpp runs it:
/// `gpt2` models are byte-level BPE with the pre-tokenizer named by `tokenizer.ggml.pre`, `llama`
/// models are SentencePiece with scores and `<0xNN>` byte fallback.
enum GGUFTokenizer {
    static let supportedModels = ["gpt2 (byte-level BPE)", "llama (SentencePiece)"]

    /// `tokenizer.ggml.pre` values and their rules, as llama.cpp maps them; `true` where llama.cpp
    /// takes a word that is itself a token whole (`ignore_merges`).
    static let preTokenizers: [String: (rules: SplitRules, ignoreMerges: Bool)] = {
        var map: [String: (SplitRules, Bool)] = [:]
        for name in [
            "gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de", "a.x-4.0", "mellum",
            "modern-bert", "mpt", "olmo", "jais", "trillion", "granite-docling", "jina-v1-en", "jina-v2-code",
            "roberta-bpe", "exaone4",
        ] { map[name] = (.gpt2, false) }
        for name in ["starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b", "mellum2"] {
            map[name] = (.gpt2Digits, false)
        }
        for name in [
            "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano",
        ] {
            map[name] = (.llama3, true)
        }
        for name in ["dbrx", "smaug-bpe", "chatglm-bpe"] { map[name] = (.llama3, false) }
        for name in ["glm4", "glm5"] { map[name] = (.llama3, true) }
        for name in [
            "qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "stablelm2", "hunyuan", "solar-open", "megrez", "grok-2",
        ] {
            map[name] = (.qwen2, false)
        }
        return map
    }()

    /// GGUF token types.
    enum TokenType: Int64 {
        case undefined = 0, normal, unknown, control, userDefined, unused, byte
    }

    static func load(path: String) throws -> BPETokenizer {
        let meta = try GGUFMetadata(path: path)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard let model = meta.string("tokenizer.ggml.model") else {
            throw TokenizerFileError(
                path: path,
                "GGUF file has no tokenizer (no tokenizer.ggml.model key; \(meta.values.count) metadata keys); "
                    + "use the model's own GGUF, a tokenizer.json or a .tiktoken file")
        }
        guard case .strings(let storage, let starts)? = meta.values["tokenizer.ggml.tokens"], starts.count > 1 else {
            throw TokenizerFileError(path: path, "GGUF tokenizer has no tokenizer.ggml.tokens array")
        }
        let count = starts.count - 1
        var types = [Int64](repeating: TokenType.normal.rawValue, count: count)
        if case .ints(let t)? = meta.values["tokenizer.ggml.token_type"] {
            guard t.count == count else {
                throw TokenizerFileError(
                    path: path, "tokenizer.ggml.token_type has \(t.count) entries for \(count) tokens")
            }
            types = t
        }
        let special = Set(
            types.indices.filter {
                [TokenType.control, .userDefined, .unknown].map(\.rawValue).contains(types[$0])
            })
        func text(_ i: Int) -> ArraySlice<UInt8> { storage[starts[i]..<starts[i + 1]] }

        var tokenizer: BPETokenizer
        switch model {
        case "gpt2":
            let pre = meta.string("tokenizer.ggml.pre") ?? ""
            guard let (rules, ignoreMerges) = preTokenizers[pre] else {
                throw TokenizerFileError(
                    path: path,
                    "pre-tokenizer '\(pre.isEmpty ? "(none)" : pre)' (tokenizer.ggml.pre) is not supported; supported: "
                        + preTokenizers.keys.sorted().joined(separator: ", "))
            }
            guard case .strings(let mergeStorage, let mergeStarts)? = meta.values["tokenizer.ggml.merges"] else {
                throw TokenizerFileError(path: path, "GGUF gpt2 tokenizer has no tokenizer.ggml.merges array")
            }
            var merges: [(left: ArraySlice<UInt8>, right: ArraySlice<UInt8>)] = []
            merges.reserveCapacity(mergeStarts.count)
            for k in 0..<(mergeStarts.count - 1) {
                let line = mergeStorage[mergeStarts[k]..<mergeStarts[k + 1]]
                // As llama.cpp: the first space after the first byte separates the two halves.
                guard line.count > 1, let space = line.dropFirst().firstIndex(of: 0x20) else { continue }
                merges.append((line[line.startIndex..<space], line[(space + 1)...]))
            }
            let vocabulary = ByteLevelVocabulary(
                texts: (0..<count).map { Array(text($0)) }, special: special, merges: merges)
            tokenizer = try vocabulary.tokenizer(
                name: "\(fileName) (GGUF gpt2 BPE, pre-tokenizer \(pre), \(count) tokens)", path: path, rules: rules,
                ignoreMerges: ignoreMerges, composeNFC: false)
        case "llama":
            tokenizer = try sentencePiece(
                meta: meta, path: path, name: "\(fileName) (GGUF llama SentencePiece, \(count) tokens)", count: count,
                text: text, types: types, special: special)
        default:
            throw TokenizerFileError(
                path: path,
                "tokenizer model '\(model)' (tokenizer.ggml.model) is not supported; supported: "
                    + supportedModels.joined(separator: ", "))
        }
        tokenizer.bosToken = meta.int("tokenizer.ggml.bos_token_id")
        tokenizer.eosToken = meta.int("tokenizer.ggml.eos_token_id")
        tokenizer.addsBOS = meta.bool("tokenizer.ggml.add_bos_token") ?? (model == "llama")
        tokenizer.metadataBytes = meta.bytesRead
        return tokenizer
    }

    static func sentencePiece(
        meta: GGUFMetadata, path: String, name: String, count: Int, text: (Int) -> ArraySlice<UInt8>, types: [Int64],
        special: Set<Int>
    ) throws -> BPETokenizer {
        var scores = [Float](repeating: 0, count: count)
        if case .floats(let s)? = meta.values["tokenizer.ggml.scores"] {
            guard s.count == count else {
                throw TokenizerFileError(path: path, "tokenizer.ggml.scores has \(s.count) entries for \(count) tokens")
            }
            scores = s
        }
        var vocab = TokenBytesTable()
        var display = TokenBytesTable()
        for id in 0..<count {
            let t = text(id)
            vocab.append(id: id, bytes: t)
            if types[id] == TokenType.byte.rawValue, let b = byteValue(t) {
                display.append(id: id, bytes: [b])
            } else {
                display.append(id: id, bytes: replacingSpaceMarks(t))
            }
        }
        vocab.buildIndex()
        var byteTokens = [Int32](repeating: -1, count: 256)
        for b in 0..<256 {
            let hex = String(b, radix: 16, uppercase: true)
            byteTokens[b] = vocab.lookup(Array("<0x\(hex.count == 1 ? "0" + hex : hex)>".utf8))
        }
        // Dense ranks of scores, best first: equal scores share a place so that the leftmost pair wins.
        let order = (0..<count).sorted { scores[$0] > scores[$1] }
        var ranks = [Int32](repeating: 0, count: count)
        var place: Int32 = 0
        for (k, id) in order.enumerated() {
            if k > 0 && scores[id] != scores[order[k - 1]] { place += 1 }
            ranks[id] = place
        }
        let specials = special.sorted().map { (bytes: Array(text($0)), id: Int32($0)) }
        return BPETokenizer(
            name: name, kind: .sentencePiece(addSpacePrefix: meta.bool("tokenizer.ggml.add_space_prefix") ?? true),
            merger: BytePairMerger(
                vocab: vocab, ranking: .scores, merges: MergeTable(capacity: 0), scoreRanks: ranks,
                byteTokens: byteTokens, startsAtCharacters: true),
            ignoreMerges: false, specials: SpecialTokens(specials), display: display, composeNFC: false)
    }

    /// The byte of a `<0xNN>` token.
    static func byteValue(_ text: ArraySlice<UInt8>) -> UInt8? {
        let s = String(decoding: text, as: UTF8.self)
        guard s.count == 6, s.hasPrefix("<0x"), s.hasSuffix(">") else { return nil }
        return UInt8(s.dropFirst(3).dropLast(), radix: 16)
    }

    static func replacingSpaceMarks(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == 0xE2, i + 2 < text.endIndex, text[i + 1] == 0x96, text[i + 2] == 0x81 {
                out.append(0x20)
                i += 3
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }
}
