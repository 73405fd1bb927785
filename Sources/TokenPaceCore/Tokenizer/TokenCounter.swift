/// Counts the tokens of a text the way one model family does. `TokenizerFile.load(path:)` gives the
/// exact tokenizer of a model file the user has; `BuiltinTokenCounter` is the estimate used when there
/// is none.
public protocol TokenCounter: Sendable {
    /// What counts: a file name and its kind, or "built-in estimate".
    var name: String { get }
    /// Number of tokens in `text` (no BOS/EOS added).
    func count(_ text: String) -> Int
    /// `text` cut at token boundaries; joined, the pieces give back `text`.
    func pieces(_ text: String) -> [TokenPiece]
}

/// A run of text and the number of tokens it holds: 1, or several when a character is spread over
/// several byte tokens (an emoji, a rare kanji) and cannot be cut between them.
public struct TokenPiece: Equatable, Sendable {
    public var text: String
    public var tokens: Int

    public init(text: String, tokens: Int) {
        self.text = text
        self.tokens = tokens
    }
}

/// A real tokenizer with a vocabulary: token ids and each token's bytes.
public protocol VocabularyTokenizer: TokenCounter {
    /// Token ids of `text`, as the model's own tokenizer gives them without BOS/EOS; special tokens
    /// written in the text (`<|im_start|>`) are recognised where the model's tokenizer does.
    func encode(_ text: String) -> [Int]
    /// The bytes token `id` stands for (a special token's own text); empty for an unknown id.
    func bytes(ofToken id: Int) -> [UInt8]
    /// Number of token ids.
    var vocabularySize: Int { get }
}

extension VocabularyTokenizer {
    public func count(_ text: String) -> Int { encode(text).count }

    public func pieces(_ text: String) -> [TokenPiece] { pieces(ofTokens: encode(text)) }

    /// Tokens grouped so that no character is cut: each piece is whole UTF-8 text.
    public func pieces(ofTokens ids: [Int]) -> [TokenPiece] {
        var out: [TokenPiece] = []
        var pending: [UInt8] = []
        var tokens = 0
        for id in ids {
            pending.append(contentsOf: bytes(ofToken: id))
            tokens += 1
            if UTF8Check.endsComplete(pending) {
                out.append(TokenPiece(text: String(decoding: pending, as: UTF8.self), tokens: tokens))
                pending.removeAll(keepingCapacity: true)
                tokens = 0
            }
        }
        if tokens > 0 { out.append(TokenPiece(text: String(decoding: pending, as: UTF8.self), tokens: tokens)) }
        return out
    }
}

enum UTF8Check {
    /// Whether `bytes` does not stop inside a multi-byte character.
    static func endsComplete(_ bytes: [UInt8]) -> Bool {
        var i = bytes.count - 1
        var continuation = 0
        while i >= 0 && bytes[i] & 0xC0 == 0x80 && continuation < 3 {
            continuation += 1
            i -= 1
        }
        guard i >= 0 else { return continuation == 0 }
        let lead = bytes[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return continuation + 1 >= length
    }
}

/// The built-in estimate (`Tokenizer`): no file, no vocabulary, tuned to SmolLM2-like byte-level BPE.
public struct BuiltinTokenCounter: TokenCounter {
    public init() {}

    public var name: String { "built-in estimate (SmolLM2-like byte-level BPE)" }

    public func count(_ text: String) -> Int { Tokenizer.count(text) }

    public func pieces(_ text: String) -> [TokenPiece] {
        Tokenizer.weightedPieces(text).map {
            TokenPiece(text: String($0.text), tokens: max(1, Int($0.weight.rounded())))
        }
    }
}
