extension Theme {
    /// The default theme, compiled in so the app looks right even when `Themes/` cannot be found.
    /// `Themes/dark.yaml` holds the same values (a test keeps them equal).
    public static let dark = Theme(name: "dark", styles: darkStyles, fallback: nil)

    private static func rgb(_ hex: UInt32) -> Color {
        .rgb(UInt8(hex >> 16 & 0xff), UInt8(hex >> 8 & 0xff), UInt8(hex & 0xff))
    }

    private static let darkStyles: [StyleRole: Style] = [
        .normal: Style(fg: .default),
        .border: Style(fg: rgb(0x4d5566)),
        .borderSelected: Style(fg: rgb(0xffb000), bold: true),
        .title: Style(fg: rgb(0xb3bccb)),
        .titleSelected: Style(fg: rgb(0x1a1a1a), bg: rgb(0xffb000), bold: true),
        .text: Style(fg: rgb(0xe6e6e6)),
        .reasoning: Style(fg: rgb(0x8a8f98), italic: true, dim: true),
        .toolCall: Style(fg: rgb(0x79c0ff)),
        .toolResult: Style(fg: rgb(0x9fb7a0)),
        .codeKeyword: Style(fg: rgb(0xff7ab2), bold: true),
        .codeString: Style(fg: rgb(0xa8e06e)),
        .codeComment: Style(fg: rgb(0x6c7a89), italic: true),
        .codeNumber: Style(fg: rgb(0xd2a8ff)),
        .codeType: Style(fg: rgb(0x56d4dd)),
        .clock: Style(fg: rgb(0xffffff), bold: true),
        .clockFrozen: Style(fg: rgb(0x7ee787), bold: true),
        .clockLabel: Style(fg: rgb(0x8a8f98)),
        .bar: Style(fg: rgb(0x3fb950)),
        .barEmpty: Style(fg: rgb(0x30363d)),
        .place: Style(fg: rgb(0xffd866), bold: true),
        .leader: Style(fg: rgb(0x1a1a1a), bg: rgb(0xffd866), bold: true),
        .status: Style(fg: rgb(0xc9d1d9), bg: rgb(0x21262d)),
        .statusKey: Style(fg: rgb(0xffb000), bg: rgb(0x21262d), bold: true),
        .statusPaused: Style(fg: rgb(0x1a1a1a), bg: rgb(0xff7b72), bold: true),
        .help: Style(fg: rgb(0xc9d1d9), bg: rgb(0x161b22)),
        .helpKey: Style(fg: rgb(0xffb000), bg: rgb(0x161b22), bold: true),
        .warning: Style(fg: rgb(0xffa657), bold: true),
        .error: Style(fg: rgb(0xff7b72), bold: true),
        .dim: Style(fg: rgb(0x6e7681)),
    ]
}
