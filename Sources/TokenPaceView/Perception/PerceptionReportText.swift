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
        let people = Set(report.groups.flatMap { $0.participants.map(\.participant) })
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

    /// One tidy table: `row` says whether a line is a curve bin, a participant or the overall figure.
    public static func csv(_ report: PerceptionReport) -> String {
        var rows = [
            "row,task,mode,jitter,unit,participant,value,low,high,accepted,shown,share,judged,trials,participants"
        ]
        let f = { (v: Double) in Format.fixed(v, 3) }
        for g in report.groups {
            let head = "\(g.task.rawValue),\(g.mode.rawValue),\(f(g.jitter)),\(g.unit)"
            for b in g.curve {
                rows.append(
                    "curve,\(head),,\(f(b.at)),\(f(b.low)),\(f(b.high)),\(b.accepted),\(b.shown),\(f(b.share)),"
                        + "\(b.judged.map(f) ?? ""),,\(b.participants)")
            }
            for p in g.participants {
                rows.append(
                    "threshold,\(head),\(csvField(p.participant)),\(f(p.threshold)),\(f(p.low)),\(f(p.high)),,,,,\(p.trials),1"
                )
            }
            if let o = g.overall {
                rows.append(
                    "overall,\(head),,\(f(o.threshold)),\(f(o.low)),\(f(o.high)),,,,,\(g.trials),\(o.participants)")
            }
        }
        return rows.joined(separator: "\n") + "\n"
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
