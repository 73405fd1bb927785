import CNcursesw
import TokenPaceCore

/// What one `wget_wch` result means to the app.
enum InputEvent: Equatable {
    case key(Key)
    /// Ctrl-Z: in raw mode the tty sends no SIGTSTP, so the terminal suspends itself.
    case suspend
    /// A key the app has no use for.
    case ignored
}

/// Turns curses' input codes into `Key`s. Pure, so the mapping is tested without a terminal.
enum KeyDecoder {
    /// `code` is what `wget_wch` stored; `isFunctionKey` is true when it returned `KEY_CODE_YES`.
    static func decode(code: UInt32, isFunctionKey: Bool) -> InputEvent {
        if isFunctionKey {
            switch Int32(truncatingIfNeeded: code) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_RESIZE: return .key(.resize)
            default: return .ignored
            }
        }
        switch code {
        case 3: return .key(.ctrlC)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 26: return .suspend
        case 27: return .key(.escape)
        case 0..<32: return .ignored
        default:
            guard let scalar = Unicode.Scalar(code) else { return .ignored }
            return .key(.char(Character(scalar)))
        }
    }

    /// Appends `event`'s key to `keys`, joining a combining mark onto the character before it so
    /// "e" + U+0301 arrives as one `.char("é")`.
    static func append(_ event: InputEvent, to keys: inout [Key]) {
        guard case .key(let key) = event else { return }
        if case .char(let mark) = key, case .char(let base)? = keys.last {
            let joined = String(base) + String(mark)
            if joined.count == 1 {
                keys[keys.count - 1] = .char(Character(joined))
                return
            }
        }
        keys.append(key)
    }
}
