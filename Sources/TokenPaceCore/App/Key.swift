/// A key press as the core understands it; the terminal layer translates raw input into these.
public enum Key: Sendable, Equatable, Hashable {
    case char(Character)
    case tab, backTab, enter, escape, backspace
    case up, down, left, right, pageUp, pageDown, home, end
    case ctrlC
    case resize
}
