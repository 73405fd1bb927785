import Foundation

/// A Hugging Face `tokenizer.json` with a byte-level BPE model: `model.vocab`, `model.merges` (as
/// "a b" strings or ["a", "b"] pairs), added tokens, and a pre-tokenizer that is ByteLevel, Digits +
/// ByteLevel, or a Split regex of a known family + ByteLevel.
enum HuggingFaceTokenizerFile {
    /// Split patterns written out in `SplitRules`, as they appear in tokenizer.json files.
    static let patterns: [String: SplitRules] = [
        #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#: .gpt2,
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#:
            .llama3,
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#:
            .qwen2,
        #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#:
            .cl100k,
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+"#:
            .o200k,
    ]

    static let supportedPreTokenizers =
        "ByteLevel (use_regex), Sequence[Digits (individual_digits), ByteLevel], Sequence[Split (a GPT-2, Llama 3, Qwen2, "
        + "cl100k or o200k regex), ByteLevel]"

    static func load(path: String, contents: Data) throws -> BPETokenizer {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: contents)
        } catch {
            throw TokenizerFileError(path: path, "not valid JSON: \(error.localizedDescription)")
        }
        guard let json = object as? [String: Any], let model = json["model"] as? [String: Any] else {
            throw TokenizerFileError(path: path, "not a Hugging Face tokenizer.json: no \"model\" object")
        }
        let type = model["type"] as? String ?? (model["merges"] != nil ? "BPE" : "(none)")
        guard type == "BPE" else {
            throw TokenizerFileError(
                path: path, "tokenizer model type '\(type)' is not supported; supported: BPE (byte-level)")
        }
        guard let vocabObject = model["vocab"] as? [String: Any] else {
            throw TokenizerFileError(path: path, "BPE model has no \"vocab\" object")
        }
        guard let mergesObject = model["merges"] as? [Any] else {
            throw TokenizerFileError(path: path, "BPE model has no \"merges\" array")
        }
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let v = model[key] as? String, !v.isEmpty {
                throw TokenizerFileError(path: path, "BPE \(key) \"\(v)\" is not supported (byte-level BPE has none)")
            }
        }
        let composeNFC = try normalizer(json["normalizer"], path: path)
        let rules = try preTokenizer(json["pre_tokenizer"], path: path)

        var texts: [[UInt8]?] = []
        func put(_ id: Int, _ text: String) {
            if id >= texts.count { texts.append(contentsOf: [[UInt8]?](repeating: nil, count: id + 1 - texts.count)) }
            texts[id] = Array(text.utf8)
        }
        for (text, value) in vocabObject {
            guard let id = value as? Int, id >= 0, id < 10_000_000 else {
                throw TokenizerFileError(path: path, "vocab entry \"\(text)\" has no valid id")
            }
            put(id, text)
        }
        var special = Set<Int>()
        for case let added as [String: Any] in json["added_tokens"] as? [Any] ?? [] {
            guard let id = added["id"] as? Int, let content = added["content"] as? String, id >= 0, id < 10_000_000
            else {
                continue
            }
            put(id, content)
            special.insert(id)
        }
        var mergeBytes: [[UInt8]] = []
        var merges: [(left: ArraySlice<UInt8>, right: ArraySlice<UInt8>)] = []
        mergeBytes.reserveCapacity(mergesObject.count)
        for (k, merge) in mergesObject.enumerated() {
            if let line = merge as? String {
                let bytes = Array(line.utf8)
                guard bytes.count > 1, let space = bytes.dropFirst().firstIndex(of: 0x20) else {
                    throw TokenizerFileError(
                        path: path, "merge \(k) \"\(line)\" is not two tokens separated by a space")
                }
                mergeBytes.append(bytes)
                merges.append((bytes[..<space], bytes[(space + 1)...]))
            } else if let pair = merge as? [String], pair.count == 2 {
                let bytes = Array(pair[0].utf8) + Array(pair[1].utf8)
                let cut = pair[0].utf8.count
                mergeBytes.append(bytes)
                merges.append((bytes[..<cut], bytes[cut...]))
            } else {
                throw TokenizerFileError(path: path, "merge \(k) is neither \"a b\" nor [\"a\", \"b\"]")
            }
        }
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        return try ByteLevelVocabulary(texts: texts, special: special, merges: merges).tokenizer(
            name: "\(fileName) (tokenizer.json BPE, \(rules.rawValue) rules, \(texts.count) tokens)", path: path,
            rules: rules, ignoreMerges: model["ignore_merges"] as? Bool ?? false, composeNFC: composeNFC)
    }

    /// Whether the text is composed to NFC first; nil and empty sequences change nothing.
    static func normalizer(_ value: Any?, path: String) throws -> Bool {
        guard let n = value as? [String: Any] else { return false }
        switch n["type"] as? String {
        case "NFC": return true
        case "Sequence":
            let parts = n["normalizers"] as? [Any] ?? []
            if parts.isEmpty { return false }
            if parts.count == 1 { return try normalizer(parts[0], path: path) }
        default: break
        }
        throw TokenizerFileError(
            path: path, "normalizer \(n["type"] as? String ?? "?") is not supported (supported: none, NFC)")
    }

    static func preTokenizer(_ value: Any?, path: String) throws -> SplitRules {
        func unsupported(_ what: String) -> TokenizerFileError {
            TokenizerFileError(
                path: path, "pre-tokenizer \(what) is not supported; supported: \(supportedPreTokenizers)")
        }
        guard let p = value as? [String: Any], let type = p["type"] as? String else { throw unsupported("(none)") }
        func byteLevel(_ p: [String: Any], regex: Bool) throws {
            guard p["type"] as? String == "ByteLevel" else { throw unsupported(p["type"] as? String ?? "?") }
            if (p["add_prefix_space"] as? Bool) == true { throw unsupported("ByteLevel with add_prefix_space") }
            if (p["use_regex"] as? Bool ?? true) != regex {
                throw unsupported("ByteLevel with use_regex \(!regex) here")
            }
        }
        if type == "ByteLevel" {
            try byteLevel(p, regex: true)
            return .gpt2
        }
        guard type == "Sequence", let steps = p["pretokenizers"] as? [[String: Any]] else { throw unsupported(type) }
        if steps.count == 1 { return try preTokenizer(steps[0], path: path) }
        guard steps.count == 2, let first = steps[0]["type"] as? String else {
            throw unsupported("Sequence of \(steps.count) steps")
        }
        switch first {
        case "Digits":
            guard steps[0]["individual_digits"] as? Bool == true else {
                throw unsupported("Digits without individual_digits")
            }
            try byteLevel(steps[1], regex: true)
            return .gpt2Digits
        case "Split":
            let pattern = (steps[0]["pattern"] as? [String: Any])?["Regex"] as? String ?? ""
            guard let rules = patterns[pattern] else { throw unsupported("Split with the regex \(pattern)") }
            guard (steps[0]["behavior"] as? String ?? "Isolated") == "Isolated", steps[0]["invert"] as? Bool != true
            else {
                throw unsupported("Split other than Isolated")
            }
            try byteLevel(steps[1], regex: false)
            return rules
        default:
            throw unsupported(first)
        }
    }
}
