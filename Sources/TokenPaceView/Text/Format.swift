/// Number formatting for clocks: fixed decimals, no locale, so snapshots are stable.
public enum Format {
    /// "0.50s", "12.3s", "2m05s".
    public static func seconds(_ s: Double) -> String {
        if s < 10 { return fixed(s, 2) + "s" }
        if s < 100 { return fixed(s, 1) + "s" }
        let m = Int(s) / 60
        let r = Int(s) % 60
        return "\(m)m" + (r < 10 ? "0" : "") + "\(r)s"
    }

    /// A rate: "0.5", "21.0", "137", "5000".
    public static func rate(_ r: Double) -> String {
        if r < 10 { return fixed(r, 1) }
        if r < 100 { return fixed(r, 1) }
        return String(Int(r.rounded()))
    }

    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = v < 0
        let n = Int((abs(v) * scale).rounded())
        let whole = n / Int(scale)
        var out = (negative && n != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let frac = String(n % Int(scale))
            out += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return out
    }

    public static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }
}
