import Foundation
import TokenPaceCore

extension PerceptionReport {
    /// Figures to three decimals, so exports are stable and readable.
    func rounded() -> PerceptionReport {
        let r3 = { (v: Double) in (v * 1000).rounded() / 1000 }
        var out = self
        out.groups = groups.map { g in
            var g = g
            g.participants = g.participants.map {
                var p = $0
                p.threshold = r3(p.threshold)
                p.low = r3(p.low)
                p.high = r3(p.high)
                return p
            }
            g.overall = g.overall.map {
                var o = $0
                o.threshold = r3(o.threshold)
                o.low = r3(o.low)
                o.high = r3(o.high)
                return o
            }
            g.e2e = g.e2e.map(r3)
            g.present = g.present.map { c in
                var c = c
                let ri = { (i: PresentComparison.Interval) in
                    PresentComparison.Interval(value: r3(i.value), low: i.low.map(r3), high: i.high.map(r3))
                }
                c.presentations = c.presentations.map {
                    var p = $0
                    p.acceptance = ri(p.acceptance)
                    p.rating = p.rating.map(ri)
                    return p
                }
                c.differences = c.differences.map {
                    var d = $0
                    d.rating = d.rating.map(ri)
                    d.acceptance = d.acceptance.map(ri)
                    return d
                }
                return c
            }
            g.curve = g.curve.map {
                var b = $0
                b.low = r3(b.low)
                b.high = r3(b.high)
                b.at = r3(b.at)
                return b
            }
            return g
        }
        return out
    }
}

/// `tokenpace perceive report` as text (with the acceptance curve drawn as bars) or CSV.
public enum PerceptionReportText {
    static let barWidth = 20

    static func value(_ v: Double, mode: PerceptionMode) -> String {
        mode == .rate ? Format.rate(v) : Format.fixed(v, 2)
    }

    public static func text(_ report: PerceptionReport, ascii: Bool = false) -> String {
        var out: [String] = []
        let people = Set(report.groups.flatMap { $0.participants.map(\.participant) + ($0.present?.people ?? []) })
        let trials = report.groups.reduce(0) { $0 + $1.trials }
        out.append(
            "perception report · \(Format.count(people.count, "participant")) · \(Format.count(trials, "counted trial"))"
        )
        if report.groups.isEmpty { out.append("no counted trials in the results") }
        for g in report.groups {
            out.append("")
            out.append(contentsOf: group(g, ascii: ascii))
        }
        if !report.warnings.isEmpty {
            out.append("")
            out.append("warnings:")
            out.append(contentsOf: report.warnings.map { "  " + $0 })
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func group(_ g: PerceptionReport.Group, ascii: Bool) -> [String] {
        if let present = g.present { return presentGroup(g, present) }
        let axis = g.mode == .rate ? "decode rate (tok/s)" : "time to first token (s)"
        let jitter = g.jitter > 0 ? " · jitter " + Format.percent(g.jitter) : ""
        let who = Format.count(g.participants.count, "participant")
        var out = ["\(g.task.rawValue) · \(axis)\(jitter) · \(who) · \(Format.count(g.trials, "trial"))"]
        let what = g.mode == .rate ? "speed" : "wait"
        out.append("  acceptance curve: share of participants who accept each \(what) (each person's fitted curve)")
        out.append("  beside it, the evidence: panes accepted / shown at that \(what), all participants")
        let ranges = g.curve.map { "\(value($0.low, mode: g.mode))–\(value($0.high, mode: g.mode))" }
        let rangeWidth = max(
            DisplayWidth.of(g.mode == .rate ? "tok/s" : "s"), ranges.map { DisplayWidth.of($0) }.max() ?? 0)
        let full: Character = ascii ? "#" : "█"
        let axisLine =
            "0%" + String(repeating: " ", count: barWidth / 2 - 2) + "50%"
            + String(repeating: " ", count: barWidth / 2 - 6) + "100%"
        out.append("    " + lpad(g.mode == .rate ? "tok/s" : "s", rangeWidth) + "  " + axisLine)
        let mark = g.overall.map(\.threshold)
        for (bin, range) in zip(g.curve, ranges) {
            let filled = Int((bin.share * Double(barWidth)).rounded())
            let bar = String(repeating: full, count: filled) + String(repeating: " ", count: barWidth - filled)
            var line = "    " + lpad(range, rangeWidth) + " |" + bar + "| "
            line += lpad(Format.percent(bin.share), 4)
            line += bin.shown == 0 ? "  none shown" : "  \(bin.accepted)/\(bin.shown) judged"
            if let m = mark, m >= bin.low, m < bin.high {
                line += ascii ? "  <- overall threshold" : "  ◀ overall threshold"
            }
            out.append(line)
        }
        // A threshold outside the bands drawn is said in words, never marked on the nearest bar.
        if let m = mark, let first = g.curve.first, let last = g.curve.last, m < first.low || m >= last.high {
            let side =
                m < first.low ? "below \(value(first.low, mode: g.mode))" : "above \(value(last.high, mode: g.mode))"
            out.append(
                "    overall threshold \(value(m, mode: g.mode)) \(g.unit) is beyond the chart (\(side) \(g.unit))")
        }
        out.append("  threshold (the \(g.mode == .rate ? "rate" : "wait") accepted half the time) with 95% interval")
        let unit = g.mode == .rate ? " tok/s" : " s"
        let nameWidth = max(7, g.participants.map { DisplayWidth.of($0.participant) }.max() ?? 0)
        for p in g.participants {
            out.append(
                "    " + rpad(p.participant, nameWidth) + "  " + lpad(value(p.threshold, mode: g.mode), 6) + unit
                    + "   "
                    + "\(value(p.low, mode: g.mode))–\(value(p.high, mode: g.mode))" + "   "
                    + Format.count(p.trials, "trial"))
        }
        if let o = g.overall {
            let how =
                o.participants == 1
                ? "one participant" : "mean of \(o.participants) participants on a log scale, t interval"
            out.append(
                "    " + rpad("overall", nameWidth) + "  " + lpad(value(o.threshold, mode: g.mode), 6) + unit + "   "
                    + "\(value(o.low, mode: g.mode))–\(value(o.high, mode: g.mode))" + "   \(how)")
        }
        return out
    }

    /// Present mode: per presentation acceptance, rating and "felt faster", then each pair's paired
    /// difference.
    static func presentGroup(_ g: PerceptionReport.Group, _ c: PresentComparison) -> [String] {
        let jitter = g.jitter > 0 ? " · jitter " + Format.percent(g.jitter) : ""
        let done = g.e2e.map { " done at " + Format.duration($0, .clock) } ?? ""
        var out = [
            "\(g.task.rawValue) · presentations compared, every pane\(done)\(jitter) · "
                + "\(Format.count(c.people.count, "participant")) · \(Format.count(g.trials, "trial"))"
        ]
        // Signed differences read "+0.50 to +1.50": a dash between signed numbers would look like a minus.
        func ci(_ i: PresentComparison.Interval?, _ show: (Double) -> String, to: String = "–") -> String {
            guard let i else { return "—" }
            let range = i.low.flatMap { lo in i.high.map { "\(show(lo))\(to)\(show($0))" } } ?? "—"
            return "\(show(i.value)) (\(range))"
        }
        let sign = { (v: Double) in v > 0 ? "+" : v < 0 ? "−" : "" }
        let percent = { (v: Double) in Format.percent(v) }
        let signedPercent = { (v: Double) in sign((v * 100).rounded()) + Format.percent(abs(v)) }
        let rating = { (v: Double) in Format.fixed(v, 2) }
        let signed = { (v: Double) in sign((v * 100).rounded()) + Format.fixed(abs(v), 2) }
        let nameWidth = max(12, c.presentations.map { DisplayWidth.of($0.presentation.rawValue) }.max() ?? 0)
        out.append("  accepted and rated per presentation, with 95% intervals (Wilson; Student t)")
        out.append(
            "    " + rpad("presentation", nameWidth) + "  " + lpad("shown", 5) + "  " + rpad("accepted", 18) + "  "
                + rpad("mean rating 1–5", 20) + "  felt faster")
        for p in c.presentations {
            out.append(
                "    " + rpad(p.presentation.rawValue, nameWidth) + "  " + lpad(String(p.shown), 5) + "  "
                    + rpad(ci(p.acceptance, percent), 18) + "  " + rpad(ci(p.rating, rating), 20) + "  "
                    + "\(p.fasterWins) of \(p.fasterAsked)")
        }
        guard !c.differences.isEmpty else { return out }
        out.append("  difference a − b in the trials that showed both, with 95% bootstrap intervals (resampled trials)")
        let pairs = c.differences.map { "\($0.a.rawValue) − \($0.b.rawValue)" }
        let pairWidth = pairs.map { DisplayWidth.of($0) }.max() ?? 0
        out.append(
            "    " + rpad("a − b", pairWidth) + "  " + lpad("trials", 6) + "  " + rpad("rating", 24) + "  "
                + rpad("accepted", 22) + "  faster a : b")
        for (d, pair) in zip(c.differences, pairs) {
            out.append(
                "    " + rpad(pair, pairWidth) + "  " + lpad(String(d.trials), 6) + "  "
                    + rpad(ci(d.rating, signed, to: " to "), 24) + "  "
                    + rpad(ci(d.acceptance, signedPercent, to: " to "), 22) + "  \(d.fasterA) : \(d.fasterB)")
        }
        return out
    }

    /// One tidy table: `row` says whether a line is a curve bin, a participant or the overall figure;
    /// with present-mode results also a presentation or a difference (three more columns).
    public static func csv(_ report: PerceptionReport) -> String {
        let present = report.groups.contains { $0.present != nil }
        var rows = [
            "row,task,mode,jitter,unit,participant,value,low,high,accepted,shown,share,judged,trials,participants"
                + (present ? ",e2e,presentation,measure" : "")
        ]
        let f = { (v: Double) in Format.fixed(v, 3) }
        let blank = present ? ",,," : ""
        for g in report.groups {
            let head = "\(g.task.rawValue),\(g.mode.rawValue),\(f(g.jitter)),\(g.unit)"
            if let c = g.present {
                rows += presentCSV(g, c, head: head)
                continue
            }
            for b in g.curve {
                rows.append(
                    "curve,\(head),,\(f(b.at)),\(f(b.low)),\(f(b.high)),\(b.accepted),\(b.shown),\(f(b.share)),"
                        + "\(b.judged.map(f) ?? ""),,\(b.participants)" + blank)
            }
            for p in g.participants {
                rows.append(
                    "threshold,\(head),\(csvField(p.participant)),\(f(p.threshold)),\(f(p.low)),\(f(p.high)),,,,,\(p.trials),1"
                        + blank)
            }
            if let o = g.overall {
                rows.append(
                    "overall,\(head),,\(f(o.threshold)),\(f(o.low)),\(f(o.high)),,,,,\(g.trials),\(o.participants)"
                        + blank)
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Present-mode rows: `presentation` (measure accept, rating, faster) and `difference` (a-b;
    /// measure rating, accept, faster_a, faster_b); `shown` is the panes or paired trials behind a value.
    static func presentCSV(_ g: PerceptionReport.Group, _ c: PresentComparison, head: String) -> [String] {
        let f = { (v: Double?) in v.map { Format.fixed($0, 3) } ?? "" }
        let tail = { (name: String, measure: String) in
            ",\(g.trials),\(c.people.count),\(f(g.e2e)),\(name),\(measure)"
        }
        func row(_ kind: String, _ value: Double?, _ i: PresentComparison.Interval?, _ counts: (Int?, Int)) -> String {
            "\(kind),\(head),,\(f(value)),\(f(i?.low)),\(f(i?.high)),\(counts.0.map(String.init) ?? ""),\(counts.1),,"
        }
        var rows: [String] = []
        for p in c.presentations {
            let name = p.presentation.rawValue
            rows.append(
                row("presentation", p.acceptance.value, p.acceptance, (p.accepted, p.shown)) + tail(name, "accept"))
            rows.append(row("presentation", p.rating?.value, p.rating, (nil, p.rated)) + tail(name, "rating"))
            let share = p.fasterAsked > 0 ? Double(p.fasterWins) / Double(p.fasterAsked) : nil
            rows.append(row("presentation", share, nil, (p.fasterWins, p.fasterAsked)) + tail(name, "faster"))
        }
        for d in c.differences {
            let name = "\(d.a.rawValue)-\(d.b.rawValue)"
            rows.append(row("difference", d.rating?.value, d.rating, (nil, d.trials)) + tail(name, "rating"))
            rows.append(row("difference", d.acceptance?.value, d.acceptance, (nil, d.trials)) + tail(name, "accept"))
            rows.append(row("difference", Double(d.fasterA), nil, (nil, d.trials)) + tail(name, "faster_a"))
            rows.append(row("difference", Double(d.fasterB), nil, (nil, d.trials)) + tail(name, "faster_b"))
        }
        return rows
    }

    /// The report as pretty JSON, keys sorted (see docs/perception.md for the fields).
    public static func json(_ report: PerceptionReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report.rounded()), as: UTF8.self) + "\n"
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n")
            ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }

    static func lpad(_ s: String, _ w: Int) -> String {
        String(repeating: " ", count: max(0, w - DisplayWidth.of(s))) + s
    }
    static func rpad(_ s: String, _ w: Int) -> String {
        s + String(repeating: " ", count: max(0, w - DisplayWidth.of(s)))
    }
}
