/// How many colours the terminal can show. Themes are written in true colour and degraded to
/// this, so one theme file works everywhere.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable {
    /// No colour at all (`NO_COLOR`, or a terminal without colours): attributes only.
    case none
    case ansi8
    case ansi16
    case ansi256
    case truecolor

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    /// Chooses the depth from the terminal's colour count (curses' `COLORS`) and the environment.
    ///
    /// `NO_COLOR` with any non-empty value turns colour off (no-color.org). True colour needs either
    /// a direct-colour terminfo entry (`COLORS` ≥ 2²⁴) or `COLORTERM=truecolor|24bit` on a
    /// terminal that has at least 256 colours.
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colors >= 1 << 24 { return .truecolor }
        if colors >= 256 { return colorTerm == "truecolor" || colorTerm == "24bit" ? .truecolor : .ansi256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi8 }
        return .none
    }
}

extension Color {
    /// This colour as the terminal at `depth` can show it; nil when it shows no colour.
    /// `.default` stays `.default` at every depth but `.none`.
    public func degraded(to depth: ColorDepth) -> Color? {
        switch (self, depth) {
        case (_, .none): return nil
        case (.default, _): return .default
        case (.rgb, .truecolor): return self
        case (.rgb(let r, let g, let b), .ansi256): return .ansi256(Palette.nearest256(r, g, b))
        case (.rgb(let r, let g, let b), .ansi16): return .ansi(Palette.nearestBasic(r, g, b, count: 16))
        case (.rgb(let r, let g, let b), .ansi8):
            return Color.ansi(Palette.nearestBasic(r, g, b, count: 16)).degraded(to: .ansi8)
        case (.ansi256, .truecolor), (.ansi256, .ansi256): return self
        case (.ansi256(let n), _):
            if n < 16 { return Color.ansi(n).degraded(to: depth) }
            let (r, g, b) = Palette.rgb(of: n)
            return Color.rgb(r, g, b).degraded(to: depth)
        // Bright black is grey: as black it would vanish on a dark background, so it becomes white
        // (which `Style.degraded` dims).
        case (.ansi(let n), .ansi8): return .ansi(n == 8 ? 7 : n % 8)
        case (.ansi(let n), _): return .ansi(min(n, 15))
        }
    }
}

extension Style {
    /// The style with its colours degraded; attributes are kept, so a mono terminal still shows
    /// bold, reverse and underline.
    /// With 8 colours a grey foreground shows as dim white, the closest that palette gets.
    public func degraded(to depth: ColorDepth) -> Style {
        var s = self
        s.fg = fg?.degraded(to: depth)
        s.bg = bg?.degraded(to: depth)
        if depth == .ansi8, fg?.degraded(to: .ansi16) == .ansi(8) { s.dim = true }
        return s
    }
}

/// The xterm palette, for finding the nearest colour a smaller palette has.
public enum Palette {
    /// xterm's default values for the 16 basic colours.
    static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm gives palette entry `index`.
    public static func rgb(of index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 {
            let v = UInt8(8 + 10 * (i - 232))
            return (v, v, v)
        }
        let c = i - 16
        return (UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
    }

    /// Nearest entry of the 6×6×6 cube or the grey ramp (16–255). The basic 16 are skipped on
    /// purpose: terminals redefine them, the cube and ramp are fixed.
    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(v)) < abs(cubeLevels[$1] - Int(v)) }!
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = UInt8(16 + 36 * ri + 6 * gi + bi)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (avg - 3) / 10))
        let grey = UInt8(232 + greyStep)
        return distance(rgb(of: grey), (r, g, b)) < distance(rgb(of: cube), (r, g, b)) ? grey : cube
    }

    static func nearestBasic(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> UInt8 {
        UInt8(basic.indices.prefix(count).min { distance(basic[$0], (r, g, b)) < distance(basic[$1], (r, g, b)) }!)
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0)
        let dg = Int(a.1) - Int(b.1)
        let db = Int(a.2) - Int(b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
