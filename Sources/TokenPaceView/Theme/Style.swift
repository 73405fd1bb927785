/// How one `StyleRole` looks: colours plus attributes. A nil colour means "the terminal's own",
/// like `.default`.
public struct Style: Sendable, Equatable, Hashable {
    public var fg: Color?
    public var bg: Color?
    public var bold: Bool
    public var italic: Bool
    public var dim: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        fg: Color? = nil, bg: Color? = nil, bold: Bool = false, italic: Bool = false, dim: Bool = false,
        underline: Bool = false, reverse: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.italic = italic
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()
}
