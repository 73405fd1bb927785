extension Format {
    /// A decode rate as panes and reports show it: a tenth of a token per second below 100, whole
    /// above: "0.5", "21.0", "137", "5000".
    public static func rate(_ tokensPerSecond: Double?) -> String {
        guard let r = tokensPerSecond, r.isFinite else { return missing }
        return tiered(r, from: 1, to: 0, below: 1000).text()
    }

    /// `rate` with its unit: "21.0 tok/s" (just `missing` when there is no rate).
    public static func tokensPerSecond(_ r: Double?) -> String {
        guard let r, r.isFinite else { return missing }
        return tiered(r, from: 1, to: 0, below: 1000).text(" tok/s")
    }
}
