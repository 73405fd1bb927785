/// An OpenAI tiktoken rank file (`cl100k_base.tiktoken`, `o200k_base.tiktoken`…): one token per line,
/// its bytes in base64 and its rank, which is both its merge priority and its id. The file holds no
/// pre-tokenizer: the encoding is told by the file name, else by the number of ranks.
enum TiktokenFile {
    static func load(path: String, contents: [UInt8]) throws -> BPETokenizer {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(contents.count)
        var entries: [(rank: Int, start: Int, end: Int)] = []
        var lineNumber = 0
        var i = 0
        let n = contents.count
        while i < n {
            lineNumber += 1
            var e = i
            while e < n && contents[e] != 0x0A { e += 1 }
            var lineEnd = e
            if lineEnd > i && contents[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { i = e + 1 }
            if lineEnd == i { continue }
            guard let space = contents[i..<lineEnd].firstIndex(of: 0x20),
                let rank = parseRank(contents[(space + 1)..<lineEnd])
            else {
                throw TokenizerFileError(
                    path: path, line: lineNumber, "not a tiktoken rank line (expected: base64 token, a space, a rank)")
            }
            let start = decoded.count
            guard decodeBase64(contents[i..<space], into: &decoded), decoded.count > start else {
                throw TokenizerFileError(path: path, line: lineNumber, "token is not valid base64")
            }
            entries.append((rank, start, decoded.count))
        }
        guard !entries.isEmpty else { throw TokenizerFileError(path: path, "empty: no tiktoken ranks") }
        if !zip(entries, entries.dropFirst()).allSatisfy({ $0.rank < $1.rank }) {
            entries.sort { $0.rank < $1.rank }
            for (a, b) in zip(entries, entries.dropFirst()) where a.rank == b.rank {
                throw TokenizerFileError(path: path, "rank \(a.rank) appears twice")
            }
        }
        var vocab = TokenBytesTable()
        for e in entries { vocab.append(id: e.rank, bytes: decoded[e.start..<e.end]) }
        vocab.buildIndex()
        var byteTokens = [Int32](repeating: -1, count: 256)
        for b in 0..<256 {
            byteTokens[b] = vocab.lookup([UInt8(b)])
            if byteTokens[b] < 0 {
                throw TokenizerFileError(
                    path: path,
                    "no token for the single byte 0x\(String(b, radix: 16, uppercase: true)): not a byte-level rank file"
                )
            }
        }
        let rules = try encoding(path: path, ranks: entries.count)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        return BPETokenizer(
            name: "\(fileName) (tiktoken \(rules.name), \(entries.count) tokens)",
            kind: .byteLevel(rules.rules),
            merger: BytePairMerger(
                vocab: vocab, ranking: .bytes, merges: MergeTable(capacity: 0), scoreRanks: [], byteTokens: byteTokens,
                startsAtCharacters: false),
            ignoreMerges: true, specials: .none, display: nil, composeNFC: false)
    }

    /// The OpenAI encodings and their pre-tokenizers.
    static let encodings: [(name: String, ranks: [Int], rules: SplitRules)] = [
        ("o200k_base", [199_998], .o200k),
        ("cl100k_base", [100_256], .cl100k),
        ("p50k_base", [50_280, 50_281], .gpt2),
        ("r50k_base", [50_256], .gpt2),
    ]

    static func encoding(path: String, ranks: Int) throws -> (name: String, rules: SplitRules) {
        let fileName = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let aliases = [
            "o200k": "o200k_base", "cl100k": "cl100k_base", "p50k": "p50k_base", "r50k": "r50k_base",
            "gpt2": "r50k_base",
        ]
        for (alias, name) in aliases.sorted(by: { $0.key < $1.key }) where fileName.contains(alias) {
            if let e = encodings.first(where: { $0.name == name }) { return (e.name, e.rules) }
        }
        if let e = encodings.first(where: { $0.ranks.contains(ranks) }) { return (e.name, e.rules) }
        throw TokenizerFileError(
            path: path,
            "cannot tell which OpenAI encoding these \(ranks) ranks belong to; name the file after it "
                + "(supported: \(encodings.map { $0.name + ".tiktoken" }.joined(separator: ", ")))")
    }

    static func parseRank(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var v = 0
        for d in digits {
            guard d >= 0x30 && d <= 0x39 else { return nil }
            v = v * 10 + Int(d - 0x30)
        }
        return v
    }

    static let base64Values: [Int8] = {
        var t = [Int8](repeating: -1, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    /// Standard base64 with `=` padding.
    static func decodeBase64(_ text: ArraySlice<UInt8>, into out: inout [UInt8]) -> Bool {
        var acc: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in text {
            if c == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            let v = base64Values[Int(c)]
            guard v >= 0, padding == 0 else { return false }
            acc = acc << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
            }
        }
        return (text.count % 4 == 0) && padding <= 2
    }
}
