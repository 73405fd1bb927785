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
        for x in rect.x..<rect.maxX {
            let edge = x == rect.x || x == rect.maxX - 1
            put(String(edge ? (x == rect.x ? chars.tl : chars.tr) : chars.h), x: x, y: top, role: role)
            put(String(edge ? (x == rect.x ? chars.bl : chars.br) : chars.h), x: x, y: bottom, role: role)
        }
        for y in (top + 1)..<bottom {
            put(String(chars.v), x: rect.x, y: y, role: role)
            put(String(chars.v), x: rect.maxX - 1, y: y, role: role)
        }
        if let title, rect.width > 4 {
            put(" \(title) ", x: rect.x + 1, y: top, role: titleRole ?? role, limit: rect.maxX - 1)
        }
    }
}
