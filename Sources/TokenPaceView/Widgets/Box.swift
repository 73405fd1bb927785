/// Border characters, with an ASCII set for terminals without UTF-8.
public struct BoxChars: Sendable {
    public var h, v, tl, tr, bl, br: Character
    public var barFull, barEmpty: Character

    public static let unicode = BoxChars(
        h: "─", v: "│", tl: "┌", tr: "┐", bl: "└", br: "┘", barFull: "█", barEmpty: "░")
    public static let heavy = BoxChars(h: "━", v: "┃", tl: "┏", tr: "┓", bl: "┗", br: "┛", barFull: "█", barEmpty: "░")
    public static let ascii = BoxChars(h: "-", v: "|", tl: "+", tr: "+", bl: "+", br: "+", barFull: "#", barEmpty: ".")
}

/// A frame around its area with an optional title in the top edge.
public struct Box: Widget {
    public var chars: BoxChars
    public var role: StyleRole
    public var title: String?
    public var titleRole: StyleRole?

    public init(chars: BoxChars, role: StyleRole, title: String? = nil, titleRole: StyleRole? = nil) {
        self.chars = chars
        self.role = role
        self.title = title
        self.titleRole = titleRole
    }

    public func draw(in rect: Rect, buffer: inout Buffer) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let top = rect.y
        let bottom = rect.maxY - 1
        // Cells are written directly: borders are most of a frame's cells and must stay cheap.
        let h = Cell(chars.h, role: role)
        let v = Cell(chars.v, role: role)
        let (tl, tr, bl, br) = (
            Cell(chars.tl, role: role), Cell(chars.tr, role: role), Cell(chars.bl, role: role),
            Cell(chars.br, role: role)
        )
        let size = buffer.size
        buffer.setCells { cells in
            func set(_ x: Int, _ y: Int, _ c: Cell) {
                if x >= 0, y >= 0, x < size.width, y < size.height { cells[y * size.width + x] = c }
            }
            for x in (rect.x + 1)..<(rect.maxX - 1) {
                set(x, top, h)
                set(x, bottom, h)
            }
            set(rect.x, top, tl)
            set(rect.maxX - 1, top, tr)
            set(rect.x, bottom, bl)
            set(rect.maxX - 1, bottom, br)
            for y in (top + 1)..<bottom {
                set(rect.x, y, v)
                set(rect.maxX - 1, y, v)
            }
        }
        if let title, rect.width > 4 {
            buffer.put(" \(title) ", x: rect.x + 1, y: top, role: titleRole ?? role, limit: rect.maxX - 1)
        }
    }
}
