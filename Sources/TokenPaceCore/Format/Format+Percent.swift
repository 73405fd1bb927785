extension Format {
    /// A fraction as a percentage with up to `places` decimals, trailing zeros dropped: 0.25 → "25%",
    /// 0.015 → "1.5%" (places 2). `signed` writes "+" before a value that is not negative (errors
    /// of an estimate); `rule` rounds, e.g. `.down` for progress that reaches 100% only when done.
    public static func percent(
        _ fraction: Double?, places: Int = 0, signed: Bool = false,
        rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero
    ) -> String {
        // A fraction so large that its percentage overflows cannot be shown as one.
        guard let f = fraction, (f * 100).isFinite else { return missing }
        let fixed = Fixed(f * 100, places, rule: rule).trimmed()
        return (signed && !fixed.negative ? "+" : "") + fixed.text("%")
    }
}
