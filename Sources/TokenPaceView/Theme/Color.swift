/// A colour as a theme names it. The terminal layer degrades it to what the terminal can show
/// (`degraded(to:)`), so themes can be written once in true colour.
public enum Color: Sendable, Equatable, Hashable {
    case rgb(UInt8, UInt8, UInt8)
    /// An index into the xterm 256-colour palette.
    case ansi256(UInt8)
    /// One of the 16 basic colours: 0–7 normal, 8–15 bright.
    case ansi(UInt8)
    /// The terminal's own foreground or background.
    case `default`
}

extension Color {
    /// Parses `#rgb`, `#rrggbb`, `default`, a basic colour name (`red`, `bright-blue`, …) or a
    /// 256-colour index (`0`…`255`). Returns nil for anything else.
    public init?(parsing word: String) {
        let w = word.lowercased()
        if w == "default" {
            self = .default
        } else if w.hasPrefix("#") {
            let hex = Array(w.dropFirst())
            guard hex.count == 3 || hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
            let digits = hex.count == 3 ? hex.flatMap { [$0, $0] } : hex
            func byte(_ i: Int) -> UInt8 { UInt8(String(digits[i...i + 1]), radix: 16)! }
            self = .rgb(byte(0), byte(2), byte(4))
        } else if let n = UInt8(w) {
            self = .ansi256(n)
        } else if let i = Color.names.firstIndex(of: w) {
            self = .ansi(UInt8(i))
        } else if w.hasPrefix("bright-") || w.hasPrefix("bright_"),
            let i = Color.names.firstIndex(of: String(w.dropFirst(7)))
        {
            self = .ansi(UInt8(i + 8))
        } else {
            return nil
        }
    }

    /// The names of the eight basic colours, in ANSI order.
    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
}
