/// How a duration is written; each reader needs a different precision.
public enum DurationStyle: Sendable {
    /// Pane clocks, compact and steady in width: "0.50s", "12.3s", then whole seconds as a
    /// stopwatch shows them, "2m05s".
    case clock
    /// Reports (bench, estimate): "4.2 ms", "312 ms", "4.21 s", "42.1 s".
    case reading
    /// A trace's own figures, to a tenth of a millisecond: "47.1 ms", "13.280 s".
    case precise
    /// A setting as it was given, up to the millisecond: "30 s", "0.25 s".
    case setting
    /// A chart axis: seconds with no more decimals than they need, no unit: "0.5", "12", "2.5".
    case axis
}

extension Format {
    /// `seconds` in `style`; `missing` when it cannot be computed.
    public static func duration(_ seconds: Double?, _ style: DurationStyle) -> String {
        guard let s = seconds, s.isFinite else { return missing }
        switch style {
        case .clock: return clock(s)
        case .reading:
            if abs(s) < 1 {
                let tenths = Fixed(s * 1000, 1)
                if let units = tenths.units, units < 100 { return tenths.text(" ms") }
                let ms = Fixed(s * 1000, 0)
                if let units = ms.units, units < 1000 { return ms.text(" ms") }
            }
            return tiered(s, from: 2, to: 1, below: 1000).text(" s")
        case .precise:
            if abs(s) < 1 {
                let ms = Fixed(s * 1000, 1)
                if let units = ms.units, units < 10_000 { return ms.text(" ms") }
            }
            return Fixed(s, 3).text(" s")
        case .setting: return Fixed(s, 3).trimmed().text(" s")
        case .axis: return Fixed(s, 2).trimmed().text()
        }
    }

    private static func clock(_ s: Double) -> String {
        let f = tiered(s, from: 2, to: 1, below: 1000)
        if let units = f.units, units < 1000 { return f.text("s") }
        // From 99.95 s, where a tenth would round to 100.0: minutes and whole seconds, counted down
        // to the second like a stopwatch (never below the 100 that rounding reached).
        guard abs(s) < 9e15 else { return Fixed(s, 0).text("s") }
        let whole = max(100, Int(abs(s)))
        let m = whole / 60
        let r = whole % 60
        return (s < 0 ? "-" : "") + "\(m)m" + (r < 10 ? "0" : "") + "\(r)s"
    }
}
