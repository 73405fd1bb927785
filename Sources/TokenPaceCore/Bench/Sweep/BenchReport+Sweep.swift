import Foundation

extension BenchReport {
    /// The axis the sweep varies, for curve titles: "load", "depth" or "level".
    var sweepAxis: String {
        let loads = Set(levels.map(\.load.axisKey)).count
        let depths = Set(levels.map(\.depth)).count
        if depths == 1 { return "load" }
        return loads == 1 ? "context depth" : "level"
    }

    /// Per level: a heading, the load figures, the per-stream table and its errors; then curves of
    /// per-user decode and TTFT p90 against the levels, then the definitions.
    var sweepMarkdown: String {
        var lines: [String] = []
        for (i, level) in levels.enumerated() {
            lines.append(
                "### Level \(i + 1)/\(levels.count): \(level.title)\(level.interrupted ? " (interrupted)" : "")")
            lines.append("")
            let header = [
                "pane", "ok", "TTFT p50", "TTFT p90", "TTFT p99", "per-user decode", "throughput", "queue",
                "prefill", "goodput",
            ]
            lines.append(Self.markdownRow(header))
            lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
            for (p, pane) in level.panes.enumerated() {
                let f = level.figures(p, slo: slo)
                lines.append(
                    Self.markdownRow(
                        [
                            "\(pane.label) \(pane.name)", "\(pane.successes.count)/\(pane.streams.count)",
                            Format.duration(f.ttftP50, .reading), Format.duration(f.ttftP90, .reading),
                            Format.duration(f.ttftP99, .reading), Format.tokensPerSecond(f.perUserDecode),
                            Format.tokensPerSecond(f.throughput), Format.duration(f.queue, .reading),
                            Format.duration(f.prefill, .reading), Self.percent(f.goodput),
                        ]))
            }
            lines.append("")
            lines += figureTable(level.panes)
            let errors = level.panes.flatMap { pane in pane.errors.map { (pane.label, $0) } }
            if !errors.isEmpty {
                lines.append("")
                lines.append("Errors:")
                for (label, e) in Self.grouped(errors) { lines.append("- \(label): \(e)") }
            }
            lines.append("")
        }
        lines.append("Median over \(runs) run\(runs == 1 ? "" : "s") per level. Task: \(task.rawValue).")
        if let slo { lines.append("Goodput SLO: \(slo.description).") }
        if interrupted { lines.append("Interrupted: levels after the last shown were not run.") }
        if levels.count > 1 {
            lines.append("")
            lines.append("```")
            lines += curves.joined(separator: [""])
            lines.append("```")
        }
        lines.append("")
        lines.append("Definitions:")
        for (key, _, definition) in LoadFigures.keys { lines.append("- \(key): \(definition)") }
        for figure in BenchFigure.allCases { lines.append("- \(figure.title): \(definition(figure))") }
        return lines.joined(separator: "\n")
    }

    /// Text curves of per-user decode and TTFT p90 against the levels, one letter per pane.
    public var curves: [[String]] {
        let labels = levels.map(\.axisLabel)
        let panes = levels.first?.panes ?? []
        func series(_ value: (LoadFigures) -> Double?) -> [SweepCurve.Series] {
            panes.indices.map { p in
                SweepCurve.Series(
                    letter: panes[p].label.first ?? "?",
                    values: levels.map { $0.panes.indices.contains(p) ? value($0.figures(p, slo: slo)) : nil })
            }
        }
        return [
            SweepCurve.render(
                title: "per-user decode (tok/s) against \(sweepAxis)", levels: labels, series: series(\.perUserDecode),
                format: { Format.tokensPerSecond($0) }),
            SweepCurve.render(
                title: "TTFT p90 against \(sweepAxis)", levels: labels, series: series(\.ttftP90),
                format: { Format.duration($0, .reading) }),
        ]
    }

    /// "12%", or `—`.
    static func percent(_ share: Double?) -> String {
        guard let share else { return Format.missing }
        return Format.trimmed(share * 100, places: 1) + "%"
    }

    /// Same reasons once, with their count: a level over the context window fails every stream alike.
    static func grouped(_ errors: [(String, (run: Int, stream: Int, reason: String))]) -> [(String, String)] {
        var order: [(String, String)] = []
        var counts: [String: Int] = [:]
        for (label, e) in errors {
            let key = label + "\u{0}" + e.reason
            if counts[key] == nil { order.append((label, e.reason)) }
            counts[key, default: 0] += 1
        }
        return order.map { label, reason in
            let n = counts[label + "\u{0}" + reason] ?? 1
            return (label, n == 1 ? reason : "\(n) streams: \(reason)")
        }
    }

    /// `"slo"` and `"levels"` for a sweep; nothing for a plain bench.
    var sweepJSONMembers: [(String, JSONValue?)] {
        guard !levels.isEmpty else { return interrupted ? [("interrupted", .bool(true))] : [] }
        var definitions: [JSONValue.Member] = []
        for (key, _, definition) in LoadFigures.keys { definitions.append(.init(key, .string(definition))) }
        let slo: JSONValue? = self.slo.map { s in
            JSONValue.fields([
                ("ttft_s", s.ttft.map { .number($0) }), ("itl_p90_s", s.itl.map { .number($0) }),
                ("e2e_s", s.e2e.map { .number($0) }),
            ])
        }
        return [
            ("interrupted", .bool(interrupted)),
            ("slo", slo ?? .null),
            ("level_definitions", .object(definitions)),
            ("levels", .array(levels.map(levelJSON))),
        ]
    }

    private func levelJSON(_ level: BenchLevel) -> JSONValue {
        var members: [(String, JSONValue?)] = []
        switch level.load {
        case .concurrency(let k):
            members.append(("concurrency", .number(Double(k))))
        case .requestRate(let r, let n):
            members.append(("request_rate", .number(r)))
            members.append(("requests", .number(Double(n))))
        }
        members.append(("depth", level.depth.map { .number(Double($0)) }))
        members.append(("cache", level.cache.map { .bool($0) }))
        members.append(("interrupted", .bool(level.interrupted)))
        let panes = level.panes.enumerated().map { p, pane -> JSONValue in
            guard case .object(var fields) = paneJSON(pane) else { return .null }
            let figures = level.figures(p, slo: slo)
            let load = zip(LoadFigures.keys, figures.values).map { key, v in
                JSONValue.Member(key.key, v.map { .number(($0 * 1_000_000).rounded() / 1_000_000) } ?? .null)
            }
            fields.insert(.init("load", .object(load)), at: 3)
            return .object(fields)
        }
        members.append(("panes", .array(panes)))
        return JSONValue.fields(members)
    }

    public static let sweepCSVColumns = ["concurrency", "request_rate", "requests", "depth", "cache"] + csvColumns

    /// The long CSV with the level in front of every row, and the load figures as rows of their own.
    var sweepCSV: String {
        var rows = [Self.sweepCSVColumns]
        for level in levels {
            var front: [String]
            switch level.load {
            case .concurrency(let k): front = [String(k), "", ""]
            case .requestRate(let r, let n): front = ["", JSONValue.format(r), String(n)]
            }
            front += [level.depth.map(String.init) ?? "", level.cache.map { $0 ? "on" : "off" } ?? ""]
            let sub = BenchReport(
                panes: level.panes, runs: runs, concurrency: concurrency, task: task, stallThreshold: stallThreshold)
            let inner = sub.csvRows
            for row in inner.dropFirst() { rows.append(front + row) }
            for (p, pane) in level.panes.enumerated() {
                let figures = level.figures(p, slo: slo)
                for (key, v) in zip(LoadFigures.keys, figures.values) {
                    let cell = v.map { JSONValue.format(($0 * 1_000_000).rounded() / 1_000_000) } ?? ""
                    rows.append(
                        front + [
                            pane.label, pane.name, pane.source, key.key, key.unit, cell, "", "", "", "", key.definition,
                        ]
                    )
                }
            }
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n")
    }
}

extension BenchLevel.Load {
    var axisKey: String {
        switch self {
        case .concurrency(let k): return "c\(k)"
        case .requestRate(let r, _): return "r\(r)"
        }
    }
}
