extension Format {
    /// A count with its noun in the right number: "1 trial", "3 trials", "1 try", "2 tries".
    public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// A count that may be a median between two whole counts: "12", "12.5".
    public static func count(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        return Fixed(v, 1).trimmed().text()
    }

    /// "1st", "2nd", "3rd", "11th", "22nd".
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

    /// Parameters in billions, two decimals below 10: "8.03 B", "70.6 B".
    public static func billions(_ count: Double?) -> String {
        guard let count, count.isFinite else { return missing }
        return tiered(count / 1e9, from: 2, to: 1, below: 1000).text(" B")
    }
}
