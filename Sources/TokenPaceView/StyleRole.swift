/// What a cell means, not how it looks: a theme maps each role to colours and attributes.
///
/// Keeping meaning in the buffer lets screen tests check colour-carrying cells as letters
/// (`letter`) without depending on the terminal's palette.
public enum StyleRole: UInt8, Sendable, CaseIterable, Hashable {
    case normal, border, borderSelected, title, titleSelected
    case text, reasoning, toolCall, toolResult
    case codeKeyword, codeString, codeComment, codeNumber, codeType
    case clock, clockFrozen, clockLabel, bar, barEmpty, place, leader
    case status, statusKey, statusPaused, help, helpKey, warning, error, dim

    /// The theme file key for this role.
    public var key: String {
        switch self {
        case .normal: return "normal"
        case .border: return "border"
        case .borderSelected: return "border_selected"
        case .title: return "title"
        case .titleSelected: return "title_selected"
        case .text: return "text"
        case .reasoning: return "reasoning"
        case .toolCall: return "tool_call"
        case .toolResult: return "tool_result"
        case .codeKeyword: return "code_keyword"
        case .codeString: return "code_string"
        case .codeComment: return "code_comment"
        case .codeNumber: return "code_number"
        case .codeType: return "code_type"
        case .clock: return "clock"
        case .clockFrozen: return "clock_frozen"
        case .clockLabel: return "clock_label"
        case .bar: return "bar"
        case .barEmpty: return "bar_empty"
        case .place: return "place"
        case .leader: return "leader"
        case .status: return "status"
        case .statusKey: return "status_key"
        case .statusPaused: return "status_paused"
        case .help: return "help"
        case .helpKey: return "help_key"
        case .warning: return "warning"
        case .error: return "error"
        case .dim: return "dim"
        }
    }

    /// One letter per role for style-grid snapshots.
    public var letter: Character {
        switch self {
        case .normal: return "."
        case .border: return "b"
        case .borderSelected: return "B"
        case .title: return "t"
        case .titleSelected: return "T"
        case .text: return "x"
        case .reasoning: return "r"
        case .toolCall: return "c"
        case .toolResult: return "o"
        case .codeKeyword: return "k"
        case .codeString: return "s"
        case .codeComment: return "m"
        case .codeNumber: return "n"
        case .codeType: return "y"
        case .clock: return "l"
        case .clockFrozen: return "L"
        case .clockLabel: return "a"
        case .bar: return "#"
        case .barEmpty: return "-"
        case .place: return "P"
        case .leader: return "W"
        case .status: return "S"
        case .statusKey: return "K"
        case .statusPaused: return "Z"
        case .help: return "h"
        case .helpKey: return "H"
        case .warning: return "w"
        case .error: return "e"
        case .dim: return "d"
        }
    }
}
