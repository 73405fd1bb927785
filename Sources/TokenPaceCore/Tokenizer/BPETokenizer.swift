import Foundation

/// A tokenizer loaded from a vocabulary file: tiktoken ranks, a GGUF model's `tokenizer.ggml.*`
/// metadata, or a Hugging Face `tokenizer.json`. Byte-level BPE (GPT-2, Llama 3, Qwen2, SmolLM,
/// OpenAI) splits the text into words with its family's `SplitRules` and merges each word's bytes;
/// SentencePiece (Llama 2 style GGUF) merges the characters of the whole text by token score.
public struct BPETokenizer: VocabularyTokenizer {
    public enum Kind: Sendable, Equatable {
        case byteLevel(SplitRules)
        /// `addSpacePrefix`: a space before the text (and after each special token), as SentencePiece adds.
        case sentencePiece(addSpacePrefix: Bool)
    }

    public let name: String
    public let kind: Kind
    let merger: BytePairMerger
    /// A word that is itself a token is taken whole, without merging (tiktoken, Llama 3).
    let ignoreMerges: Bool
    let specials: SpecialTokens
    /// The bytes each token shows as, where they differ from the bytes merges look up (SentencePiece's
    /// `▁` is a space, `<0x0A>` a newline).
    let display: TokenBytesTable?
    /// Compose the text to NFC first (a tokenizer.json with an NFC normalizer, as Qwen2's).
    let composeNFC: Bool
    /// Beginning- and end-of-text tokens and whether the model's prompts start with BOS, where the file
    /// says (GGUF); `count` and `encode` never add them.
    public internal(set) var bosToken: Int? = nil
    public internal(set) var eosToken: Int? = nil
    public internal(set) var addsBOS = false
    /// Bytes of the file read to load it (GGUF: the metadata only).
    public internal(set) var metadataBytes = 0

    public var vocabularySize: Int { merger.vocab.count }

    public func bytes(ofToken id: Int) -> [UInt8] { Array((display ?? merger.vocab).bytes(of: id)) }

    public func encode(_ text: String) -> [Int] { encodeIDs(text).map(Int.init) }

    public func pieces(_ text: String) -> [TokenPiece] {
        let pieces = pieces(ofTokens: encode(text))
        guard case .sentencePiece(addSpacePrefix: true) = kind else { return pieces }
        // Give back the space SentencePiece put before the text (and after each special token), so
        // that the pieces join to the text; a piece that was only that space passes its token on.
        var out: [TokenPiece] = []
        var rest = Substring(text).unicodeScalars
        var carried = 0
        for var piece in pieces {
            piece.tokens += carried
            carried = 0
            let scalars = piece.text.unicodeScalars
            if !rest.starts(with: scalars), scalars.first == " ", rest.starts(with: scalars.dropFirst()) {
                piece.text = String(String.UnicodeScalarView(scalars.dropFirst()))
            }
            if piece.text.isEmpty {
                carried = piece.tokens
                continue
            }
            if rest.starts(with: piece.text.unicodeScalars) { rest = rest.dropFirst(piece.text.unicodeScalars.count) }
            out.append(piece)
        }
        if carried > 0, !out.isEmpty { out[out.count - 1].tokens += carried }
        return out
    }

    func encodeIDs(_ text: String) -> [Int32] {
        let source = composeNFC ? text.precomposedStringWithCanonicalMapping : text
        let bytes = Array(source.utf8)
        var out: [Int32] = []
        out.reserveCapacity(bytes.count / 3)
        bytes.withUnsafeBufferPointer { buf in
            var scratch = BytePairMerger.Scratch()
            var cache: [ArraySlice<UInt8>: Range<Int>] = [:]
            var words: [Range<Int>] = []
            var afterSpecial = true
            for fragment in specials.partition(buf) {
                switch fragment {
                case .token(let id):
                    out.append(id)
                    afterSpecial = true
                case .text(let range):
                    switch kind {
                    case .byteLevel(let rules):
                        let text = ScalarText(UnsafeBufferPointer(rebasing: buf[range]))
                        words.removeAll(keepingCapacity: true)
                        rules.split(text, 0, text.count, into: &words)
                        for w in words {
                            let lo = range.lowerBound + text.offsets[w.lowerBound]
                            let hi = range.lowerBound + text.offsets[w.upperBound]
                            let word = UnsafeBufferPointer(rebasing: buf[lo..<hi])
                            if ignoreMerges {
                                let id = merger.vocab.lookup(word)
                                if id >= 0 {
                                    out.append(id)
                                    continue
                                }
                            }
                            if let seen = cache[bytes[lo..<hi]] {
                                for k in seen { out.append(out[k]) }
                                continue
                            }
                            let start = out.count
                            merger.encode(word, &scratch, into: &out)
                            cache[bytes[lo..<hi]] = start..<out.count
                        }
                    case .sentencePiece(let addSpacePrefix):
                        var escaped: [UInt8] = []
                        escaped.reserveCapacity(range.count + 8)
                        if addSpacePrefix && afterSpecial { escaped.append(contentsOf: BPETokenizer.spaceMark) }
                        for b in buf[range] {
                            if b == 0x20 {
                                escaped.append(contentsOf: BPETokenizer.spaceMark)
                            } else {
                                escaped.append(b)
                            }
                        }
                        escaped.withUnsafeBufferPointer { merger.encode($0, &scratch, into: &out) }
                    }
                    afterSpecial = false
                }
            }
        }
        return out
    }

    /// `▁` (U+2581), SentencePiece's space.
    static let spaceMark: [UInt8] = [0xE2, 0x96, 0x81]
}
