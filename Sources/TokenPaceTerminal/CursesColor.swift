import TokenPaceView

/// Colour numbers as curses takes them, for a colour already degraded to the terminal's depth.
enum CursesColor {
    /// `direct` means a direct-colour terminfo entry (COLORS ≥ 2²⁴): numbers 0–7 are the basic
    /// colours and anything else is 0xRRGGBB. Returns -1 for the terminal's own colour.
    static func number(for color: Color?, direct: Bool) -> Int32 {
        switch color {
        case nil, .default?: return -1
        case .ansi(let n)?:
            if direct && n >= 8 {
                let (r, g, b) = Palette.rgb(of: n)
                return rgbNumber(r, g, b)
            }
            return Int32(n)
        case .ansi256(let n)?:
            if direct && n >= 8 {
                let (r, g, b) = Palette.rgb(of: n)
                return rgbNumber(r, g, b)
            }
            return Int32(n)
        case .rgb(let r, let g, let b)?:
            if direct { return rgbNumber(r, g, b) }
            return Int32(Palette.nearest256(r, g, b))
        }
    }

    /// Direct colour reserves 0–7 for the basic colours, so a near-black RGB below 8 becomes 8.
    private static func rgbNumber(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
    }
}
