extension BenchReport {
    /// The race chart of each pane's median-E2E stream (of the first level in a sweep).
    public var raceSVG: String {
        BenchSVG.race(
            panes.map { pane in
                let stream = pane.representative
                return BenchSVG.Race(
                    letter: pane.label, name: pane.name, times: stream?.tokenTimes ?? [],
                    finished: stream?.succeeded ?? false)
            })
    }

    /// Sweep curves as SVG: per-user decode and TTFT p90 against the levels; none for a plain bench.
    public var curveSVGs: [String] {
        guard levels.count > 1 else { return [] }
        let labels = levels.map(\.axisLabel)
        let first = levels[0].panes
        func series(_ value: (LoadFigures) -> Double?) -> [(letter: String, name: String, values: [Double?])] {
            first.indices.map { p in
                (
                    first[p].label, first[p].name,
                    levels.map { $0.panes.indices.contains(p) ? value($0.figures(p, slo: slo)) : nil }
                )
            }
        }
        return [
            BenchSVG.curve(
                title: "Per-user decode (tok/s) against \(sweepAxis)", levels: labels, series: series(\.perUserDecode),
                format: { Format.tokensPerSecond($0) }),
            BenchSVG.curve(
                title: "TTFT p90 against \(sweepAxis)", levels: labels, series: series(\.ttftP90),
                format: { Format.duration($0, .reading) }),
        ]
    }

    /// One self-contained XHTML page: settings, a table per level, errors, the race chart, sweep
    /// curves and the definitions. Inline SVG and CSS only: nothing is fetched, nothing runs.
    public var html: String {
        let e = BenchSVG.escape
        var h = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
        h += "<meta charset=\"utf-8\"/>\n<title>tokenpace bench</title>\n<style>\n"
        h += "body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}"
        h += "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
        h += "td:first-child,th:first-child{text-align:left}dt{font-weight:bold}svg{display:block;margin:1em 0}\n"
        h += "</style>\n</head>\n<body>\n<h1>tokenpace bench</h1>\n"
        var settings = "Median over \(runs) run\(runs == 1 ? "" : "s"); min–max in brackets. Task: \(task.rawValue)."
        if let slo { settings += " Goodput SLO: \(slo.description)." }
        if interrupted { settings += " Interrupted: the figures are of what finished." }
        h += "<p>\(e(settings))</p>\n"
        let groups: [(String?, [BenchPaneResult], BenchLevel?)] =
            levels.isEmpty ? [(nil, panes, nil)] : levels.map { ($0.title, $0.panes, $0) }
        for (title, panes, level) in groups {
            if let title { h += "<h2>\(e(title))\(level?.interrupted == true ? " (interrupted)" : "")</h2>\n" }
            if let level { h += loadTable(level) }
            h += "<table class=\"figures\">\n<tr><th>pane</th><th>source</th><th>ok</th>"
            h += Self.tableFigures.map { "<th>\(e($0.title))</th>" }.joined() + "</tr>\n"
            for pane in panes {
                h += "<tr><td>\(e(pane.label + " " + pane.name))</td><td>\(e(pane.source))</td>"
                h += "<td>\(pane.successes.count)/\(pane.streams.count)</td>"
                h += Self.tableFigures.map { "<td>\(e(cell($0, pane)))</td>" }.joined() + "</tr>\n"
            }
            h += "</table>\n"
            let errors = panes.flatMap { pane in pane.errors.map { (pane.label, $0) } }
            if !errors.isEmpty {
                h += "<ul class=\"errors\">\n"
                for (label, reason) in Self.grouped(errors) { h += "<li>\(e(label)): \(e(reason))</li>\n" }
                h += "</ul>\n"
            }
        }
        h += "<h2>Race chart</h2>\n" + raceSVG + "\n"
        let curves = curveSVGs
        if !curves.isEmpty { h += "<h2>Sweep</h2>\n" + curves.joined(separator: "\n") + "\n" }
        h += "<h2>Definitions</h2>\n<dl>\n"
        if !levels.isEmpty {
            for (key, _, definition) in LoadFigures.keys { h += "<dt>\(e(key))</dt><dd>\(e(definition))</dd>\n" }
        }
        for figure in BenchFigure.allCases { h += "<dt>\(e(figure.title))</dt><dd>\(e(definition(figure)))</dd>\n" }
        h += "</dl>\n</body>\n</html>\n"
        return h
    }

    private func loadTable(_ level: BenchLevel) -> String {
        let e = BenchSVG.escape
        let heads = [
            "pane", "ok", "TTFT p50", "TTFT p90", "TTFT p99", "per-user decode", "throughput", "queue",
            "prefill", "goodput",
        ]
        var h = "<table class=\"load\">\n<tr>" + heads.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for (p, pane) in level.panes.enumerated() {
            let f = level.figures(p, slo: slo)
            let cells = [
                pane.label + " " + pane.name, "\(pane.successes.count)/\(pane.streams.count)",
                Format.duration(f.ttftP50, .reading), Format.duration(f.ttftP90, .reading),
                Format.duration(f.ttftP99, .reading), Format.tokensPerSecond(f.perUserDecode),
                Format.tokensPerSecond(f.throughput), Format.duration(f.queue, .reading),
                Format.duration(f.prefill, .reading), Self.percent(f.goodput),
            ]
            h += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        return h + "</table>\n"
    }
}
