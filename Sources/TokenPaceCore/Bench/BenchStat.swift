/// Median, min and max of one figure over a pane's successful streams: the median is what a
/// report quotes, the range shows how much one run can differ from the next.
public struct BenchStat: Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double
    /// Streams that had this figure.
    public var count: Int

    public init(median: Double, min: Double, max: Double, count: Int) {
        self.median = median
        self.min = min
        self.max = max
        self.count = count
    }

    /// `nil` for no values; an even count takes the mean of the middle two.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
        count = sorted.count
    }
}
