/// Border characters, with an ASCII set for terminals without UTF-8.
public struct BoxChars: Sendable {
    public var h, v, tl, tr, bl, br: Character
    public var barFull, barEmpty: Character

    public static let unicode = BoxChars(h: "─", v: "│", tl: "┌", tr: "┐", bl: "└", br: "┘", barFull: "█", barEmpty: "░")
    public static let heavy = BoxChars(h: "━", v: "┃", tl: "┏", tr: "┓", bl: "┗", br: "┛", barFull: "█", barEmpty: "░")
    public static let ascii = BoxChars(h: "-", v: "|", tl: "+", tr: "+", bl: "+", br: "+", barFull: "#", barEmpty: ".")
}

extension Buffer {
    /// Draws a frame around `rect` with an optional title in the top edge.
    public mutating func box(_ rect: Rect, chars: BoxChars, role: StyleRole, title: String? = nil, titleRole: StyleRole? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y
        let bottom = rect.maxY - 1
        // Cells are written directly: borders are most of a frame's cells and must stay cheap.
        func set(_ x: Int, _ y: Int, _ c: Character) {
            if contains(x: x, y: y) { self[x, y] = Cell(c, role: role) }
        }
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            set(x, top, chars.h)
            set(x, bottom, chars.h)
        }
        set(rect.x, top, chars.tl)
        set(rect.maxX - 1, top, chars.tr)
        set(rect.x, bottom, chars.bl)
        set(rect.maxX - 1, bottom, chars.br)
        for y in (top + 1)..<bottom {
            set(rect.x, y, chars.v)
            set(rect.maxX - 1, y, chars.v)
        }
        if let title, rect.width > 4 {
            put(" \(title) ", x: rect.x + 1, y: top, role: titleRole ?? role, limit: rect.maxX - 1)
        }
    }
}
