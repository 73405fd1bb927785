/// A finite value rounded to a number of decimals, held as a whole count of its last decimal
/// ("units") so it can be written digit by digit straight into a string's storage: clocks are
/// formatted several times a frame.
struct Fixed {
    let negative: Bool
    /// |v| × 10^places, rounded; nil beyond 2^53, where a double no longer holds every whole number.
    private(set) var units: Int?
    private(set) var places: Int
    /// The value itself, for the whole-number spelling of huge values.
    private let value: Double

    static let exactLimit = 9_007_199_254_740_992.0

    init(_ v: Double, _ places: Int, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        precondition(v.isFinite && places >= 0 && places <= 15)
        value = v
        self.places = places
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(v) * scale).rounded(rule)
        units = scaled < Self.exactLimit ? Int(scaled) : nil
        // No sign on a value that rounds to zero: "-0.00" reads as a figure of its own.
        negative = v < 0 && (units.map { $0 != 0 } ?? true)
    }

    /// Trailing zero decimals dropped (and the point with them).
    func trimmed() -> Fixed {
        var out = self
        guard var u = units else {
            out.places = 0
            return out
        }
        while out.places > 0 && u % 10 == 0 {
            u /= 10
            out.places -= 1
        }
        out.units = u
        return out
    }

    /// The digits, then `suffix`.
    func text(_ suffix: StaticString = "") -> String {
        guard let units else { return hugeText(suffix) }
        // A one-character literal may be stored as a scalar: read it through its UTF-8 buffer.
        return suffix.withUTF8Buffer { tail in
            var scale = 1
            for _ in 0..<places { scale *= 10 }
            let whole = units / scale
            var frac = units % scale
            var wholeDigits = 1
            var t = whole
            while t >= 10 {
                t /= 10
                wholeDigits += 1
            }
            let sign = negative ? 1 : 0
            let count = sign + wholeDigits + (places > 0 ? 1 + places : 0) + tail.count
            return String(unsafeUninitializedCapacity: count) { buf in
                if negative { buf[0] = UInt8(ascii: "-") }
                var i = sign + wholeDigits
                var w = whole
                repeat {
                    i -= 1
                    buf[i] = UInt8(ascii: "0") + UInt8(w % 10)
                    w /= 10
                } while w > 0
                i = sign + wholeDigits
                if places > 0 {
                    buf[i] = UInt8(ascii: ".")
                    for k in stride(from: places, through: 1, by: -1) {
                        buf[i + k] = UInt8(ascii: "0") + UInt8(frac % 10)
                        frac /= 10
                    }
                    i += 1 + places
                }
                for b in tail {
                    buf[i] = b
                    i += 1
                }
                return count
            }
        }
    }

    /// Beyond 2^53 the decimals are noise: the whole number with zero decimals while it fits an
    /// Int, else Swift's own spelling ("1e+20").
    private func hugeText(_ suffix: StaticString) -> String {
        let magnitude = abs(value).rounded()
        var digits: String
        if magnitude < 9.2e18 {
            digits = String(Int(magnitude))
            if places > 0 { digits += "." + String(repeating: "0", count: places) }
        } else {
            digits = "\(magnitude)"
        }
        return (negative ? "-" : "") + digits + suffix.description
    }
}
