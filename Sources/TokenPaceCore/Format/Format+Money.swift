extension Format {
    /// US dollars with enough decimals to be read back: $12.50, $0.71, $0.0123, $0.000456 (three
    /// significant digits below a cent). Costs of one task are often fractions of a cent.
    public static func usd(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        let sign = v < 0 ? "-" : ""
        let a = abs(v)
        if a == 0 { return "$0" }
        if a >= 0.1 { return sign + "$" + Fixed(a, 2).text() }
        if a >= 0.01 { return sign + "$" + Fixed(a, 4).text() }
        var places = 4
        while places < 12, Fixed(a, places).units.map({ $0 < 100 }) ?? false { places += 1 }
        return sign + "$" + Fixed(a, places).text()
    }
}
