import TokenPaceCore

/// The closing screen: the participant's threshold, then the hidden settings of every trial —
/// shown only now that no answer can be swayed by them.
struct PerceptionSummary: Widget {
    let session: PerceptionSession
    let options: ViewOptions

    /// The summary as a card for `area`, its table in the widest form that fits there.
    func card(in area: Rect) -> Card {
        let text = Self.lines(session, options: options, width: Card.textWidth(in: area))
        return Card(lines: text.lines, footer: text.footer, centred: false, scroll: session.scroll, options: options)
    }

    func draw(in area: Rect, buffer: inout Buffer) {
        card(in: area).draw(in: area, buffer: &buffer)
    }

    static func value(_ v: Double, mode: PerceptionMode) -> String {
        mode == .rate ? Format.rate(v) + " tok/s" : Format.duration(v, .clock)
    }

    /// The summary's lines for a card `width` columns wide: the table of hidden settings takes the
    /// widest of its three forms that fits (one row per trial with units, without units, or one row
    /// per pane), so nothing is cut; the card scrolls when it is taller than the screen.
    static func lines(_ s: PerceptionSession, options: ViewOptions, width: Int = 92) -> PerceptionText.CardText {
        let c = s.config
        let counted = s.records.filter { !$0.practice }
        var out: [Card.Line] = [
            .init(
                text:
                    "Thank you, \(c.participant) — \(counted.count == c.trials ? "session complete" : "session ended") (\(counted.count) of \(Format.count(c.trials, "trial")))",
                role: .titleSelected),
            .init(text: "", role: .text),
        ]
        if c.mode == .present {
            out += presentLines(s, counted: counted)
        } else if let e = s.estimate {
            let u = e.inUnits(c.mode)
            let name =
                c.mode == .rate ? "Slowest decode rate you accept" : "Longest wait for the first token you accept"
            let n = e.observations
            out.append(
                .init(
                    text: "\(name) \(PerceptionText.purpose(c.task)): about \(value(u.value, mode: c.mode))",
                    role: .text))
            out.append(
                .init(
                    text:
                        "95% interval \(value(u.low, mode: c.mode)) – \(value(u.high, mode: c.mode)), from \(Format.count(n, "answer")) (the point you accept half the time)",
                    role: .dim))
        } else {
            out.append(.init(text: "No counted trial was answered, so there is no estimate.", role: .text))
        }
        guard !s.records.isEmpty else { return (out, footer(c)) }
        out.append(.init(text: "", role: .text))
        out.append(.init(text: "The hidden settings, trial by trial (✓ accepted, then your rating):", role: .text))
        let tick = options.ascii ? "y" : "✓"
        let cross = options.ascii ? "n" : "✗"
        func setting(_ p: TrialPane, unit: Bool) -> String {
            switch c.mode {
            case .rate: return Format.rate(p.rate) + (unit ? " tok/s" : "")
            case .ttft: return Format.duration(p.ttft, .clock)
            case .present: return p.presentation?.rawValue ?? "-"
            }
        }
        func verdict(_ r: TrialRecord, _ p: TrialPane) -> String {
            "\(r.accepted(p) ? tick : cross)\(r.answers.ratings[p.label].map(String.init) ?? "-")"
        }
        func faster(_ r: TrialRecord) -> String {
            r.answers.faster.map { $0 == TrialAnswers.same ? "same" : $0 } ?? "-"
        }
        func name(_ r: TrialRecord) -> String { r.practice ? "prac" : String(r.trial) }
        // One row per trial, with or without the unit in every cell.
        let widths = [(true, c.mode == .rate ? 18 : 14), (false, c.mode == .rate ? 10 : 9)]
        for (unit, cellWidth) in c.mode == .present ? [(true, 13)] : widths {
            var header = pad("trial", 7)
            for p in 0..<c.panes { header += pad(TrialPane.label(position: p), cellWidth) }
            header += "faster"
            var rows: [String] = []
            for r in s.records {
                var row = pad(name(r), 7)
                for p in r.panes { row += pad("\(setting(p, unit: unit)) \(verdict(r, p))", cellWidth) }
                rows.append(row + faster(r))
            }
            guard ([header] + rows).allSatisfy({ DisplayWidth.of($0) <= width }) else { continue }
            if !unit {
                out.append(
                    .init(text: c.mode == .rate ? "(rates in tok/s)" : "(waits before the first token)", role: .dim))
            }
            out.append(.init(text: header, role: .clockLabel, noWrap: true))
            out += rows.map { .init(text: $0, role: .text, noWrap: true) }
            return (out, footer(c))
        }
        // One row per pane.
        out.append(
            .init(
                text: pad("trial", 6) + pad("pane", 5) + pad(["rate", "wait", "shown as"][c.mode.index], 12) + "answer",
                role: .clockLabel, noWrap: true))
        for r in s.records {
            for (k, p) in r.panes.enumerated() {
                out.append(
                    .init(
                        text: pad(k == 0 ? name(r) : "", 6) + pad(p.label, 5) + pad(setting(p, unit: true), 12)
                            + verdict(r, p),
                        role: .text, noWrap: true))
            }
            if r.panes.count > 1 {
                out.append(.init(text: pad("", 6) + "faster: " + faster(r), role: .dim, noWrap: true))
            }
        }
        return (out, footer(c))
    }

    /// Present mode: when every pane was done, and how each presentation fared over the counted trials.
    static func presentLines(_ s: PerceptionSession, counted: [TrialRecord]) -> [Card.Line] {
        let times = s.config.e2es.map { Format.duration($0, .clock) }
        var out: [Card.Line] = [
            .init(
                text: "Every pane of a trial was done at the same moment, \(times.joined(separator: ", then ")) "
                    + "after the request; the panes differed only in how they showed the answer meanwhile.",
                role: .text)
        ]
        let comparison = PresentComparison(records: counted)
        guard !comparison.presentations.isEmpty else {
            return out + [.init(text: "No counted trial was answered.", role: .text)]
        }
        for p in comparison.presentations {
            let rating = p.rating.map { Format.fixed($0.value, 1) } ?? "—"
            out.append(
                .init(
                    text:
                        "  \(p.presentation.rawValue): accepted \(p.accepted) of \(p.shown) · mean rating \(rating) · "
                        + "felt faster \(p.fasterWins) of \(p.fasterAsked)",
                    role: .text))
        }
        return out
    }

    static func footer(_ c: PerceptionConfig) -> [Card.Line] {
        var out: [Card.Line] = []
        if let path = c.resultsPath { out.append(.init(text: "Answers saved to \(path)", role: .dim)) }
        out.append(.init(text: "q closes", role: .statusKey))
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(1, width - DisplayWidth.of(s)))
    }
}
