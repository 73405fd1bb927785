/// Whether two sets of runs differ by more than runs differ among themselves: a seeded percentile
/// bootstrap of the difference of medians (other − baseline).
///
/// The unit resampled is the run (each run's streams stay together), so the interval holds the
/// run-to-run spread; with a single run on either side the streams are resampled instead.
public enum BootstrapInterval {
    public struct Result: Sendable, Equatable {
        public var low: Double
        public var high: Double
        /// "runs" or "streams": what was resampled.
        public var unit: String
        /// The interval leaves out 0: the difference is larger than the spread.
        public var excludesZero: Bool { low > 0 || high < 0 }
    }

    /// `nil` when either side has fewer than two units to resample.
    public static func difference(
        baseline: [[Double]], other: [[Double]], seed: UInt64, resamples: Int = 2000, confidence: Double = 0.95
    ) -> Result? {
        let a = baseline.filter { !$0.isEmpty }
        let b = other.filter { !$0.isEmpty }
        let byRuns = a.count >= 2 && b.count >= 2
        let unitsA = byRuns ? a : a.flatMap { $0 }.map { [$0] }
        let unitsB = byRuns ? b : b.flatMap { $0 }.map { [$0] }
        guard unitsA.count >= 2, unitsB.count >= 2, resamples > 0 else { return nil }
        var random = SeededRandom(seed: seed)
        var diffs: [Double] = []
        diffs.reserveCapacity(resamples)
        func draw(_ units: [[Double]]) -> [Double] {
            var values: [Double] = []
            for _ in units.indices { values += units[Int(random.next() % UInt64(units.count))] }
            return values
        }
        for _ in 0..<resamples {
            let ma = Percentile.of(draw(unitsA), 0.5) ?? 0
            let mb = Percentile.of(draw(unitsB), 0.5) ?? 0
            diffs.append(mb - ma)
        }
        return percentiles(diffs, confidence: confidence, unit: byRuns ? "runs" : "streams")
    }

    /// A seeded percentile bootstrap of the mean of `values` (one per unit, e.g. the paired
    /// difference of one trial), resampling the units; `nil` with fewer than two.
    public static func mean(
        _ values: [Double], seed: UInt64, unit: String, resamples: Int = 2000, confidence: Double = 0.95
    ) -> Result? {
        guard values.count >= 2, resamples > 0 else { return nil }
        var random = SeededRandom(seed: seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in values.indices { sum += values[Int(random.next() % UInt64(values.count))] }
            means.append(sum / Double(values.count))
        }
        return percentiles(means, confidence: confidence, unit: unit)
    }

    /// The central `confidence` interval of resampled statistics.
    static func percentiles(_ values: [Double], confidence: Double, unit: String) -> Result {
        let sorted = values.sorted()
        let n = sorted.count
        let tail = (1 - confidence) / 2
        let lowIndex = max(0, Int((tail * Double(n)).rounded(.down)))
        let highIndex = min(n - 1, Int(((1 - tail) * Double(n)).rounded(.up)) - 1)
        return Result(low: sorted[lowIndex], high: sorted[highIndex], unit: unit)
    }
}
