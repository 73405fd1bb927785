/// Characters and words of a text that arrives in pieces: each piece is taken in once, and a word cut
/// between two pieces counts once, at its start. What "21 tok/s" means as text per second
/// (`StreamTally`) and per token (`TokenReport`) is counted here.
public struct TextCount: Sendable, Equatable {
    /// Characters as a reader counts them (grapheme clusters within each piece).
    public private(set) var characters = 0
    /// Runs of letters or digits between spaces and punctuation.
    public private(set) var words = 0
    private var inWord = false
    private var letters = 0
    private var spaceless = 0

    public init() {}

    public init(_ text: String) {
        add(text)
    }

    /// Takes in the next piece of text.
    public mutating func add(_ text: String) {
        characters += text.count
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            let wordy = p.isAlphabetic || p.numericType != nil
            if wordy && !inWord { words += 1 }
            inWord = wordy
            if p.isAlphabetic {
                letters += 1
                if Self.isWrittenWithoutSpaces(scalar.value) { spaceless += 1 }
            }
        }
    }

    /// Most letters belong to scripts written without spaces between words (Chinese, Japanese, Thai…):
    /// a word count means nothing there, a character count does.
    public var withoutSpaces: Bool { letters > 0 && spaceless * 2 > letters }

    /// Han, kana, Thai, Lao, Khmer, Myanmar, Tibetan: no spaces between words.
    static func isWrittenWithoutSpaces(_ v: UInt32) -> Bool {
        switch v {
        case 0x0E00...0x0EFF, 0x0F00...0x0FFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
