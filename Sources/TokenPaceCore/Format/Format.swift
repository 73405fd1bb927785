/// The one place numbers become text: durations, rates, counts, percentages, bytes and fixed-point
/// figures for the screen, the reports and the logs. No locale and no Foundation formatters, so the
/// same figure reads the same everywhere and snapshots are stable.
///
/// Every formatter takes an optional: nil, NaN and ±∞ come out as `missing` ("—"), never as a
/// made-up number. A formatter with tiers (more decimals for small values) picks the tier after
/// rounding, so 9.996 is "10.0", not "10.00".
public enum Format {
    /// Shown for a figure that cannot be computed.
    public static let missing = "—"

    /// `v` rounded half away from zero to `places` decimals: "3.14", "-0.50", "12".
    public static func fixed(_ v: Double?, _ places: Int) -> String {
        guard let v, v.isFinite else { return missing }
        return Fixed(v, places).text()
    }

    /// Up to `places` decimals, trailing zeros dropped: 1008 → "1008", 27.20 → "27.2", 4.256 → "4.26".
    public static func trimmed(_ v: Double?, places: Int) -> String {
        guard let v, v.isFinite else { return missing }
        return Fixed(v, places).trimmed().text()
    }

    /// A figure to about three significant digits, as formulas quote their inputs: 1234 → "1234",
    /// 56.78 → "56.8", 7.654 → "7.65".
    public static func figure(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        return tiered(v, from: 2, to: 0, below: 1000).text()
    }

    /// `v` with the most decimals, from `most` down to `least`, at which |v| rounds to fewer than
    /// `below` units of its last decimal; with `least` decimals when none does. No array: clocks
    /// and rates are tiered several times a frame.
    static func tiered(_ v: Double, from most: Int, to least: Int, below: Int) -> Fixed {
        var places = most
        while places > least {
            let f = Fixed(v, places)
            if let units = f.units, units < below { return f }
            places -= 1
        }
        return Fixed(v, least)
    }
}
