/// Saved bench reports side by side: for every level, pane and figure, each file's median over its
/// streams, the difference from the first file (the baseline), and whether that difference is
/// larger than the run-to-run spread (`BootstrapInterval`).
public struct BenchComparison: Sendable {
    /// One saved report as the comparison reads it.
    public struct Report: Sendable {
        public var name: String
        /// Level title ("" for a plain bench) → panes.
        public var groups: [(title: String, panes: [Pane])]
    }

    public struct Pane: Sendable {
        public var label: String
        public var name: String
        /// `runs[r][k]`: stream k of run r, its figures by JSON key (failed streams left out).
        public var runs: [[[String: Double]]]
        public var raceTimes: [Double]

        func values(_ key: String) -> [[Double]] { runs.map { $0.compactMap { $0[key] } } }
    }

    public struct Row: Sendable {
        public var level: String
        public var pane: String
        public var figure: BenchFigure
        /// Median per file, the baseline first.
        public var medians: [Double?]
        /// Per other file: the bootstrap interval of its difference from the baseline.
        public var intervals: [BootstrapInterval.Result?]
    }

    public static let figures: [BenchFigure] = [.ttft, .ttfa, .e2e, .decodeRate, .itlP50, .itlP90, .itlP99, .tokens]

    public var reports: [Report]
    public var rows: [Row]

    /// Reads a report written by `bench --format json`; errors name the file.
    public static func read(_ text: String, name: String) throws(ValueError) -> Report {
        let root: JSONValue
        do {
            root = try JSONValue.parse(text)
        } catch {
            throw ValueError("\(name): \(error.description)")
        }
        guard root["tokenpace_bench"]?.number != nil else {
            throw ValueError("\(name): not a report of `tokenpace bench --format json` (no \"tokenpace_bench\")")
        }
        func panes(_ value: JSONValue?) -> [Pane] {
            guard case .array(let items)? = value else { return [] }
            return items.map { pane in
                var runs: [[[String: Double]]] = []
                if case .array(let rs)? = pane["runs"] {
                    for run in rs {
                        guard case .array(let streams) = run else { continue }
                        runs.append(
                            streams.compactMap { stream in
                                guard stream["error"]?.string == nil, case .object(let members) = stream else {
                                    return nil
                                }
                                var figures: [String: Double] = [:]
                                for m in members { if let n = m.value.number { figures[m.key] = n } }
                                return figures
                            })
                    }
                }
                var race: [Double] = []
                if case .array(let ts)? = pane["race_times_s"] { race = ts.compactMap(\.number) }
                return Pane(
                    label: pane["label"]?.string ?? "?", name: pane["name"]?.string ?? "?", runs: runs,
                    raceTimes: race)
            }
        }
        if case .array(let levels)? = root["levels"], !levels.isEmpty {
            return Report(name: name, groups: levels.map { (title($0), panes($0["panes"])) })
        }
        return Report(name: name, groups: [("", panes(root["panes"]))])
    }

    /// The level's title as the bench printed it, so levels of two files meet by name.
    static func title(_ level: JSONValue) -> String {
        let load: BenchLevel.Load =
            level["request_rate"]?.number.map { .requestRate($0, requests: level["requests"]?.int ?? 0) }
            ?? .concurrency(level["concurrency"]?.int ?? 1)
        return BenchLevel(load: load, depth: level["depth"]?.int, cache: level["cache"]?.bool, panes: []).title
    }

    /// Compares every other report with the first; levels and panes are matched by title and letter.
    public init(_ reports: [Report], seed: UInt64) throws(ValueError) {
        guard reports.count >= 2 else { throw ValueError("give at least two reports to compare") }
        self.reports = reports
        var rows: [Row] = []
        for (title, basePanes) in reports[0].groups {
            for pane in basePanes {
                let matches = reports.map { r in
                    r.groups.first { $0.title == title }?.panes.first { $0.label == pane.label }
                }
                for figure in Self.figures {
                    let medians = matches.map { m in
                        m.flatMap { Percentile.of($0.values(figure.key).flatMap { $0 }, 0.5) }
                    }
                    guard medians.contains(where: { $0 != nil }) else { continue }
                    let intervals = matches.dropFirst().enumerated().map { i, m -> BootstrapInterval.Result? in
                        guard let m else { return nil }
                        return BootstrapInterval.difference(
                            baseline: pane.values(figure.key), other: m.values(figure.key),
                            seed: seed &+ UInt64(i))
                    }
                    rows.append(
                        Row(
                            level: title, pane: "\(pane.label) \(pane.name)", figure: figure, medians: medians,
                            intervals: intervals))
                }
            }
        }
        guard !rows.isEmpty else { throw ValueError("the reports share no pane with a figure to compare") }
        self.rows = rows
    }

    /// A Markdown table per level: medians, difference from the baseline, the bootstrap interval of
    /// the difference and whether it leaves out 0.
    public var markdown: String {
        var lines = ["Baseline: \(reports[0].name). Medians over each file's finished streams."]
        var level: String?
        let others = reports.dropFirst().map(\.name)
        for row in rows {
            if row.level != level {
                level = row.level
                lines.append("")
                if !row.level.isEmpty { lines += ["### \(row.level)", ""] }
                var header = ["pane", "figure", reports[0].name]
                for name in others { header += [name, "difference", "95% interval", "beyond spread"] }
                lines.append(BenchReport.markdownRow(header))
                lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
            }
            var cells = [row.pane, row.figure.title, BenchReport.format(row.medians[0], row.figure)]
            for (i, interval) in row.intervals.enumerated() {
                let other = row.medians[i + 1]
                let diff = zip2(row.medians[0], other).map { $0.1 - $0.0 }
                var d = Self.signed(diff, row.figure)
                if let diff, let base = row.medians[0], base != 0 {
                    d += " (" + (diff >= 0 ? "+" : "−") + Format.trimmed(abs(diff / base * 100), places: 1) + "%)"
                }
                cells += [
                    BenchReport.format(other, row.figure), d,
                    interval.map { Self.signed($0.low, row.figure) + " … " + Self.signed($0.high, row.figure) }
                        ?? Format.missing,
                    interval.map { $0.excludesZero ? "yes" : "no" } ?? Format.missing,
                ]
            }
            lines.append(BenchReport.markdownRow(cells))
        }
        lines.append("")
        lines.append(
            "difference: other − baseline. 95% interval: seeded bootstrap (2000 resamples) of the difference of medians, resampling whole runs (streams when a file has one run); `beyond spread` = yes when it leaves out 0, — when a side has fewer than two runs or streams."
        )
        return lines.joined(separator: "\n")
    }

    static func signed(_ v: Double?, _ figure: BenchFigure) -> String {
        guard let v else { return Format.missing }
        return (v < 0 ? "−" : "+") + BenchReport.format(abs(v), figure)
    }
}

private func zip2(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
