/// The units memory is written in.
public enum ByteUnit: Sendable {
    /// Decimal kilobytes, whole: "128 kB".
    case kilobytes
    /// Decimal gigabytes, two decimals below 10: "4.92 GB", "70.6 GB".
    case gigabytes
    /// Binary gigabytes, one decimal, none for a whole number: "24 GiB", "6.4 GiB" (what a GPU's
    /// memory is sold in).
    case gibibytes

    public static let bytesPerGiB = 1_073_741_824.0
}

extension Format {
    /// `bytes` in `unit`.
    public static func bytes(_ bytes: Double?, _ unit: ByteUnit) -> String {
        guard let b = bytes, b.isFinite else { return missing }
        switch unit {
        case .kilobytes: return Fixed(b / 1e3, 0).text(" kB")
        case .gigabytes: return tiered(b / 1e9, from: 2, to: 1, below: 1000).text(" GB")
        case .gibibytes: return gibibytes(b / ByteUnit.bytesPerGiB)
        }
    }

    /// A size already in GiB, as the hardware catalog and the estimator hold memory: "24 GiB", "6.4 GiB".
    public static func gibibytes(_ gib: Double?) -> String {
        guard let gib, gib.isFinite else { return missing }
        return Fixed(gib, 1).trimmed().text(" GiB")
    }
}
