import Foundation

/// Participants' results pooled per task and mode: the acceptance curve (the share of participants
/// who accept each speed, from each person's fitted acceptance function), each person's threshold
/// re-estimated from all their answers, and an overall threshold with its interval.
///
/// Practice trials are left out. The overall threshold is the mean of the participants' log
/// thresholds with a 95 % t interval (the spread between people, which is what a product decision
/// needs); with one participant it is that person's own estimate.
public struct PerceptionReport: Sendable, Equatable, Codable {
    public var groups: [Group]
    public var warnings: [String]

    public struct Group: Sendable, Equatable, Codable {
        public var task: TaskKind
        public var mode: PerceptionMode
        /// Gap spread of the stimulus (see `TrialRecord.jitter`): sessions with different jitter are
        /// different stimuli and are pooled separately.
        public var jitter: Double
        public var unit: String
        public var trials: Int
        public var curve: [CurveBin]
        public var participants: [ParticipantThreshold]
        public var overall: OverallThreshold?
        /// Present mode: the end-to-end time every pane of these trials shared, seconds.
        public var e2e: Double?
        /// Present mode: acceptance, ratings and "felt faster" per presentation and per pair (the
        /// curve and thresholds are empty: nothing varies in speed).
        public var present: PresentComparison?
    }

    /// One speed band [low, high) of the acceptance curve (in the mode's unit).
    ///
    /// `share` is the share of participants who accept a speed in the middle of the band (`at`):
    /// the mean of each person's fitted acceptance function there, so every person counts once
    /// however many panes they saw at that speed. It rises with speed. `shown` and `accepted` are
    /// the raw pane judgments in the band, the evidence beside it; they are not a share of people
    /// (the estimator shows more panes near each person's threshold).
    public struct CurveBin: Sendable, Equatable, Codable {
        public var low: Double
        public var high: Double
        /// Where `share` is evaluated: the band's geometric middle.
        public var at: Double
        public var share: Double
        public var shown: Int
        public var accepted: Int
        /// People who were shown a pane in this band.
        public var participants: Int
        /// Raw share of pane judgments that accepted, nil when nothing was shown in the band.
        public var judged: Double? { shown == 0 ? nil : Double(accepted) / Double(shown) }

        enum CodingKeys: String, CodingKey { case low, high, at, share, shown, accepted, participants, judged }

        public init(low: Double, high: Double, at: Double, share: Double, shown: Int, accepted: Int, participants: Int)
        {
            self.low = low
            self.high = high
            self.at = at
            self.share = share
            self.shown = shown
            self.accepted = accepted
            self.participants = participants
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            low = try c.decode(Double.self, forKey: .low)
            high = try c.decode(Double.self, forKey: .high)
            at = try c.decode(Double.self, forKey: .at)
            share = try c.decode(Double.self, forKey: .share)
            shown = try c.decode(Int.self, forKey: .shown)
            accepted = try c.decode(Int.self, forKey: .accepted)
            participants = try c.decode(Int.self, forKey: .participants)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            let r3 = { (v: Double) in (v * 1000).rounded() / 1000 }
            try c.encode(low, forKey: .low)
            try c.encode(high, forKey: .high)
            try c.encode(at, forKey: .at)
            try c.encode(r3(share), forKey: .share)
            try c.encode(shown, forKey: .shown)
            try c.encode(accepted, forKey: .accepted)
            try c.encode(participants, forKey: .participants)
            try c.encodeIfPresent(judged.map(r3), forKey: .judged)
        }
    }

    public struct ParticipantThreshold: Sendable, Equatable, Codable {
        public var participant: String
        public var trials: Int
        public var threshold: Double
        public var low: Double
        public var high: Double
    }

    public struct OverallThreshold: Sendable, Equatable, Codable {
        public var threshold: Double
        public var low: Double
        public var high: Double
        public var participants: Int
    }

    /// Bin edges per mode: log-spaced steps people can read.
    public static func binEdges(_ mode: PerceptionMode) -> [Double] {
        switch mode {
        case .rate: return [1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300.001]
        case .ttft: return [0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 30.001]
        case .present: return []
        }
    }

    public init(records: [TrialRecord], warnings: [String] = []) {
        var warnings = warnings
        var seen = Set<String>()
        var counted: [TrialRecord] = []
        for r in records where !r.practice {
            let key =
                "\(r.participant)|\(r.task.rawValue)|\(r.mode.rawValue)|\(r.jitter)|\(r.seed)|\(r.trial)|\(r.recordedAt ?? "")"
            if seen.insert(key).inserted {
                counted.append(r)
            } else {
                warnings.append("skipped a repeated line: participant \(r.participant), trial \(r.trial)")
            }
        }
        var keys: [String] = []
        var byGroup: [String: [TrialRecord]] = [:]
        for r in counted {
            // Present-mode trials at different end-to-end times are different stimuli too.
            let e2e = r.mode == .present ? r.panes.first?.e2e ?? 0 : 0
            let key = "\(r.task.rawValue)|\(r.mode.rawValue)|\(r.jitter)|\(e2e)"
            if byGroup[key] == nil { keys.append(key) }
            byGroup[key, default: []].append(r)
        }
        let order = { (k: String) -> (Int, Int, Double, Double) in
            let parts = k.split(separator: "|").map(String.init)
            return (
                TaskKind.allCases.firstIndex { $0.rawValue == parts[0] } ?? 0,
                PerceptionMode.allCases.firstIndex { $0.rawValue == parts[1] } ?? 0,
                Double(parts[2]) ?? 0, Double(parts[3]) ?? 0
            )
        }
        keys.sort { order($0) < order($1) }
        self.groups = keys.map { Self.group(byGroup[$0]!) }
        self.warnings = warnings
    }

    static func group(_ records: [TrialRecord]) -> Group {
        let mode = records[0].mode
        if mode == .present {
            return Group(
                task: records[0].task, mode: mode, jitter: records[0].jitter, unit: mode.unit, trials: records.count,
                curve: [], participants: [], overall: nil, e2e: records[0].panes.first?.e2e,
                present: PresentComparison(records: records))
        }
        let edges = binEdges(mode)
        var shown = [Int](repeating: 0, count: edges.count - 1)
        var accepted = shown
        var people = [Set<String>](repeating: [], count: edges.count - 1)
        var names: [String] = []
        var byPerson: [String: [TrialRecord]] = [:]
        for r in records {
            if byPerson[r.participant] == nil { names.append(r.participant) }
            byPerson[r.participant, default: []].append(r)
            for pane in r.panes {
                let v = pane.value(mode)
                guard let b = edges.indices.dropLast().last(where: { edges[$0] <= v + 1e-9 }) else { continue }
                shown[b] += 1
                if r.accepted(pane) { accepted[b] += 1 }
                people[b].insert(r.participant)
            }
        }
        var thresholds: [ParticipantThreshold] = []
        var logs: [(x: Double, estimate: ThresholdEstimate)] = []
        var fitted: [ThresholdEstimator] = []
        for name in names.sorted() {
            let mine = byPerson[name]!
            var estimator = ThresholdEstimator(mode: mode)
            for r in mine {
                for pane in r.panes { estimator.update(x: mode.x(pane.value(mode)), accepted: r.accepted(pane)) }
            }
            let e = estimator.estimate
            let u = e.inUnits(mode)
            thresholds.append(
                ParticipantThreshold(
                    participant: name, trials: mine.count, threshold: u.value, low: u.low, high: u.high))
            logs.append((e.x, e))
            fitted.append(estimator)
        }
        var curve: [CurveBin] = []
        let used = shown.indices.filter { shown[$0] > 0 }
        if let first = used.first, let last = used.last {
            for b in first...last {
                let high = (edges[b + 1] * 100).rounded(.down) / 100
                let middle = (edges[b] * high).squareRoot()
                let x = mode.x(middle)
                let share = fitted.map { $0.acceptance(at: x) }.reduce(0, +) / Double(max(fitted.count, 1))
                curve.append(
                    CurveBin(
                        low: edges[b], high: high, at: middle, share: share, shown: shown[b], accepted: accepted[b],
                        participants: people[b].count))
            }
        }
        var overall: OverallThreshold?
        if logs.count == 1 {
            let u = logs[0].estimate.inUnits(mode)
            overall = OverallThreshold(threshold: u.value, low: u.low, high: u.high, participants: 1)
        } else if logs.count > 1 {
            let n = Double(logs.count)
            let mean = logs.map(\.x).reduce(0, +) / n
            let variance = logs.map { ($0.x - mean) * ($0.x - mean) }.reduce(0, +) / (n - 1)
            let half = tQuantile975(df: logs.count - 1) * (variance / n).squareRoot()
            let ends = [mode.value(mean - half), mode.value(mean + half)]
            overall = OverallThreshold(
                threshold: mode.value(mean), low: ends.min()!, high: ends.max()!, participants: logs.count)
        }
        return Group(
            task: records[0].task, mode: mode, jitter: records[0].jitter, unit: mode.unit, trials: records.count,
            curve: curve,
            participants: thresholds, overall: overall)
    }

    /// Two-sided 95 % Student t quantiles; the normal value beyond 30 degrees of freedom.
    static func tQuantile975(df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
            2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
            2.045, 2.042,
        ]
        return df >= 1 && df <= table.count ? table[df - 1] : 1.96
    }
}
