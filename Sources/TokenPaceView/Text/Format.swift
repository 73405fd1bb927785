/// Number formatting for clocks: fixed decimals, no locale, so snapshots are stable.
public enum Format {
    /// "0.50s", "12.3s", "2m05s".
    public static func seconds(_ s: Double) -> String {
        if s < 10 { return fixed(s, 2, suffix: UInt8(ascii: "s")) }
        if s < 100 { return fixed(s, 1, suffix: UInt8(ascii: "s")) }
        let m = Int(s) / 60
        let r = Int(s) % 60
        return "\(m)m" + (r < 10 ? "0" : "") + "\(r)s"
    }

    /// A count with its noun in the right number: "1 trial", "3 trials", "1 try", "2 tries".
    public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A rate: "0.5", "21.0", "137", "5000".
    public static func rate(_ r: Double) -> String {
        if r < 10 { return fixed(r, 1) }
        if r < 100 { return fixed(r, 1) }
        return String(Int(r.rounded()))
    }

    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        fixed(v, decimals, suffix: nil)
    }

    /// `v` rounded to `decimals` places, then `suffix` if any, written straight into the string's
    /// storage (clocks are formatted several times a frame).
    static func fixed(_ v: Double, _ decimals: Int, suffix: UInt8?) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let negative = v < 0
        let n = Int((abs(v) * scale).rounded())
        let whole = n / Int(scale)
        var frac = n % Int(scale)
        var wholeDigits = 1
        var t = whole
        while t >= 10 {
            t /= 10
            wholeDigits += 1
        }
        let sign = negative && n != 0 ? 1 : 0
        let count = sign + wholeDigits + (decimals > 0 ? 1 + decimals : 0) + (suffix == nil ? 0 : 1)
        return String(unsafeUninitializedCapacity: count) { buf in
            if sign == 1 { buf[0] = UInt8(ascii: "-") }
            var i = sign + wholeDigits
            var w = whole
            repeat {
                i -= 1
                buf[i] = UInt8(ascii: "0") + UInt8(w % 10)
                w /= 10
            } while w > 0
            i = sign + wholeDigits
            if decimals > 0 {
                buf[i] = UInt8(ascii: ".")
                for k in stride(from: decimals, through: 1, by: -1) {
                    buf[i + k] = UInt8(ascii: "0") + UInt8(frac % 10)
                    frac /= 10
                }
                i += 1 + decimals
            }
            if let suffix { buf[i] = suffix }
            return count
        }
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
