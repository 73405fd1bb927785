/// What a character is for splitting purposes. Decided by its first scalar, so a letter with
/// combining marks stays a letter and an emoji with modifiers stays an emoji.
enum CharacterClass: Equatable {
    case letter, cjk, digit, emoji, space, newline, other

    init(_ c: Character) {
        let s = c.unicodeScalars.first!
        if c.isNewline {
            self = .newline
        } else if c.isWhitespace {
            self = .space
        } else if CharacterClass.isCJK(s.value) {
            self = .cjk
        } else if s.properties.generalCategory == .decimalNumber {
            self = .digit
        } else if CharacterClass.isEmoji(c) {
            self = .emoji
        } else if c.isLetter {
            self = .letter
        } else {
            self = .other
        }
    }

    /// Han, kana, hangul and CJK punctuation: a byte-level BPE spends about two tokens on each.
    static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x11FF, 0x2E80...0x303F, 0x3040...0x30FF, 0x3100...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF,
            0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    static func isEmoji(_ c: Character) -> Bool {
        let s = c.unicodeScalars.first!
        if s.properties.isEmojiPresentation { return true }
        return s.value >= 0x2100 && s.properties.isEmoji
    }

    /// Classes that take a single preceding space into their chunk, as in `" ?\p{L}+"`.
    var takesLeadingSpace: Bool {
        switch self {
        case .letter, .cjk, .emoji, .other: return true
        case .digit, .space, .newline: return false
        }
    }

    var isWhitespace: Bool { self == .space || self == .newline }
}
