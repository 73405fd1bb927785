/// What a token count means for one text: how much text a token carries, in characters and in
/// words, so that "21 tok/s" can be read as text per second for this model family and this language.
public struct TokenReport: Equatable, Sendable {
    public let tokens: Int
    /// Characters as a reader counts them (grapheme clusters).
    public let characters: Int
    /// Runs of letters or digits between spaces and punctuation.
    public let words: Int
    /// Most letters belong to scripts written without spaces between words (Chinese, Japanese, Thai…):
    /// words per token means nothing there, characters per token does.
    public let withoutSpaces: Bool

    public init(text: String, tokens: Int) {
        self.tokens = tokens
        let count = TextCount(text)
        characters = count.characters
        words = count.words
        withoutSpaces = count.withoutSpaces
    }

    public var charactersPerToken: Double? { tokens > 0 ? Double(characters) / Double(tokens) : nil }
    public var wordsPerToken: Double? { tokens > 0 && !withoutSpaces ? Double(words) / Double(tokens) : nil }

    /// "1234 tokens, 4.10 characters/token, 0.75 words/token"; a figure that cannot be computed is "—".
    public var summary: String {
        var parts = ["\(tokens) token\(tokens == 1 ? "" : "s")"]
        parts.append("\(TokenReport.format(charactersPerToken)) characters/token")
        if withoutSpaces {
            parts.append("words/token — (a script without spaces between words)")
        } else {
            parts.append("\(TokenReport.format(wordsPerToken)) words/token")
        }
        return parts.joined(separator: ", ")
    }

    static func format(_ value: Double?) -> String { Format.fixed(value, 2) }

    /// `pieces` for a terminal: alternating background colours (`colour`), or `|` between pieces for
    /// files and pipes. A newline inside a piece is shown as `↵` before it; control characters as their
    /// Unicode pictures, so that the text cannot drive the terminal.
    public static func render(_ pieces: [TokenPiece], colour: Bool) -> String {
        let styles = ["\u{1B}[38;5;16;48;5;153m", "\u{1B}[38;5;16;48;5;223m"]
        let reset = "\u{1B}[0m"
        var out = ""
        for (k, piece) in pieces.enumerated() {
            var shown = ""
            for scalar in piece.text.unicodeScalars {
                switch scalar.value {
                case 0x0A: shown += "↵\n"
                case 0x09: shown += "\t"
                case 0x0D: shown += "␍"
                case 0x00..<0x20: shown.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value)!)
                case 0x7F: shown += "␡"
                default: shown.unicodeScalars.append(scalar)
                }
            }
            if colour {
                let style = styles[k % 2]
                // Colour each line of the piece on its own so that a newline never paints the line's end.
                out += shown.split(separator: "\n", omittingEmptySubsequences: false).map {
                    $0.isEmpty ? "" : style + $0 + reset
                }.joined(separator: "\n")
            } else {
                if k > 0 && !out.hasSuffix("\n") { out += "|" }
                out += shown
            }
        }
        return out
    }
}
