import Foundation

/// Present-mode results of one task at one end-to-end time: for each presentation how often it was
/// accepted, how it was rated and how often it felt faster; and for each pair of presentations the
/// difference within the same trials (the participant saw both side by side), with an interval.
///
/// Acceptance shares carry a Wilson 95 % interval and mean ratings a Student t interval, treating
/// every pane judgment as independent; the paired differences carry a seeded percentile bootstrap
/// (2000 resamples of whole trials), so the same file gives the same report.
public struct PresentComparison: Sendable, Equatable, Codable {
    public var presentations: [Stats]
    public var differences: [Difference]
    /// Participants whose trials are pooled here.
    public var people: [String]

    /// One presentation across the group's trials.
    public struct Stats: Sendable, Equatable, Codable {
        public var presentation: Presentation
        /// Panes of this presentation judged (one per trial it was in).
        public var shown: Int
        public var accepted: Int
        public var acceptance: Interval
        /// Panes rated, and the mean rating (1–5) with its interval (nil bounds with one rating).
        public var rated: Int
        public var rating: Interval?
        /// Trials in which it felt faster than every other pane, and trials that asked.
        public var fasterWins: Int
        public var fasterAsked: Int

        enum CodingKeys: String, CodingKey {
            case presentation, shown, accepted, acceptance, rated, rating
            case fasterWins = "faster_wins"
            case fasterAsked = "faster_asked"
        }
    }

    /// `a` − `b` over the trials that showed both: rating difference and acceptance difference
    /// (+1 when only `a` was accepted, −1 when only `b`), and who felt faster.
    public struct Difference: Sendable, Equatable, Codable {
        public var a: Presentation
        public var b: Presentation
        public var trials: Int
        public var rating: Interval?
        public var acceptance: Interval?
        public var fasterA: Int
        public var fasterB: Int
        /// Trials where neither of the two was named faster (no difference, or a third pane).
        public var neither: Int

        enum CodingKeys: String, CodingKey {
            case a, b, trials, rating, acceptance, neither
            case fasterA = "faster_a"
            case fasterB = "faster_b"
        }
    }

    /// A value with its 95 % interval; `low`/`high` nil when it cannot be computed (too few).
    public struct Interval: Sendable, Equatable, Codable {
        public var value: Double
        public var low: Double?
        public var high: Double?

        public init(value: Double, low: Double?, high: Double?) {
            self.value = value
            self.low = low
            self.high = high
        }
    }

    /// Seed of the paired bootstrap: fixed, so a report repeats exactly.
    public static let bootstrapSeed: UInt64 = 12
    static let z = 1.959964

    public init(records: [TrialRecord]) {
        var shown: [Presentation: [(accepted: Bool, rating: Int?, faster: Bool, asked: Bool)]] = [:]
        for r in records {
            for pane in r.panes {
                guard let p = pane.presentation else { continue }
                shown[p, default: []].append(
                    (
                        r.accepted(pane), r.answers.ratings[pane.label], r.answers.faster == pane.label,
                        r.answers.faster != nil
                    ))
            }
        }
        let order = Presentation.allCases.filter { shown[$0] != nil }
        presentations = order.map { p in
            let judged = shown[p] ?? []
            let accepted = judged.filter(\.accepted).count
            let ratings = judged.compactMap(\.rating).map(Double.init)
            return Stats(
                presentation: p, shown: judged.count, accepted: accepted,
                acceptance: Self.wilson(accepted, of: judged.count), rated: ratings.count,
                rating: Self.meanWithT(ratings), fasterWins: judged.filter(\.faster).count,
                fasterAsked: judged.filter(\.asked).count)
        }
        var differences: [Difference] = []
        for (i, a) in order.enumerated() {
            for b in order[(i + 1)...] {
                differences.append(Self.difference(a, b, records: records))
            }
        }
        self.differences = differences
        people = Array(Set(records.map(\.participant))).sorted()
    }

    static func difference(_ a: Presentation, _ b: Presentation, records: [TrialRecord]) -> Difference {
        var ratings: [Double] = []
        var acceptance: [Double] = []
        var fasterA = 0
        var fasterB = 0
        var neither = 0
        var trials = 0
        for r in records {
            guard let pa = r.panes.first(where: { $0.presentation == a }),
                let pb = r.panes.first(where: { $0.presentation == b })
            else { continue }
            trials += 1
            if let ra = r.answers.ratings[pa.label], let rb = r.answers.ratings[pb.label] {
                ratings.append(Double(ra - rb))
            }
            acceptance.append((r.accepted(pa) ? 1 : 0) - (r.accepted(pb) ? 1 : 0))
            if r.answers.faster == pa.label {
                fasterA += 1
            } else if r.answers.faster == pb.label {
                fasterB += 1
            } else {
                neither += 1
            }
        }
        let name = "\(a.rawValue)-\(b.rawValue)"
        func paired(_ values: [Double], _ salt: UInt64) -> Interval? {
            guard !values.isEmpty else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            let seed = bootstrapSeed &+ salt &+ UInt64(PerceptionConfig.seed(for: name) & 0xFFFF)
            let ci = BootstrapInterval.mean(values, seed: seed, unit: "trials")
            return Interval(value: mean, low: ci?.low, high: ci?.high)
        }
        return Difference(
            a: a, b: b, trials: trials, rating: paired(ratings, 0), acceptance: paired(acceptance, 1),
            fasterA: fasterA, fasterB: fasterB, neither: neither)
    }

    /// The share `k` of `n` with its Wilson score 95 % interval (sound at 0 % and 100 %).
    static func wilson(_ k: Int, of n: Int) -> Interval {
        guard n > 0 else { return Interval(value: 0, low: nil, high: nil) }
        let nn = Double(n)
        let p = Double(k) / nn
        let z2 = z * z
        let centre = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / (1 + z2 / nn)
        return Interval(value: p, low: max(0, centre - half), high: min(1, centre + half))
    }

    /// The mean of ratings with a Student t 95 % interval kept within the scale; bounds nil with
    /// fewer than two ratings, nil with none.
    static func meanWithT(_ values: [Double]) -> Interval? {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else { return Interval(value: mean, low: nil, high: nil) }
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
        let half = PerceptionReport.tQuantile975(df: values.count - 1) * (variance / n).squareRoot()
        return Interval(value: mean, low: max(1, mean - half), high: min(5, mean + half))
    }
}
