import TokenPaceCore

/// The closing screen: the participant's threshold, then the hidden settings of every trial —
/// shown only now that no answer can be swayed by them.
enum PerceptionSummary {
    static func value(_ v: Double, mode: PerceptionMode) -> String {
        mode == .rate ? Format.rate(v) + " tok/s" : Format.seconds(v)
    }

    static func lines(_ s: PerceptionSession, options: ViewOptions) -> [Card.Line] {
        let c = s.config
        let counted = s.records.filter { !$0.practice }
        var out: [Card.Line] = [
            .init(
                text: "Thank you, \(c.participant) — \(counted.count == c.trials ? "session complete" : "session ended") (\(counted.count) of \(c.trials) trials)",
                role: .titleSelected),
            .init(text: "", role: .text),
        ]
        if let e = s.estimate {
            let u = e.inUnits(c.mode)
            let name = c.mode == .rate ? "Slowest decode rate you accept" : "Longest wait for the first token you accept"
            out.append(.init(text: "\(name) \(PerceptionText.purpose(c.task)): about \(value(u.value, mode: c.mode))", role: .text))
            out.append(
                .init(
                    text: "95% interval \(value(u.low, mode: c.mode)) – \(value(u.high, mode: c.mode)), from \(e.observations) answers (the point you accept half the time)",
                    role: .dim))
        } else {
            out.append(.init(text: "No counted trial was answered, so there is no estimate.", role: .text))
        }
        out.append(.init(text: "", role: .text))
        guard !s.records.isEmpty else { return out + footer(c) }
        out.append(.init(text: "The hidden settings, trial by trial (✓ accepted, then your rating):", role: .text))
        let panes = c.panes
        let cellWidth = c.mode == .rate ? 18 : 14
        var header = pad("trial", 7)
        for p in 0..<panes { header += pad(TrialPane.label(position: p), cellWidth) }
        header += "faster"
        out.append(.init(text: header, role: .clockLabel, noWrap: true))
        let tick = options.ascii ? "y" : "✓"
        let cross = options.ascii ? "n" : "✗"
        for r in s.records {
            var row = pad(r.practice ? "prac" : String(r.trial), 7)
            for p in r.panes {
                let v = c.mode == .rate ? Format.rate(p.rate) + " tok/s" : Format.seconds(p.ttft)
                let rating = r.answers.ratings[p.label].map(String.init) ?? "-"
                row += pad("\(v) \(r.accepted(p) ? tick : cross)\(rating)", cellWidth)
            }
            row += r.answers.faster.map { $0 == TrialAnswers.same ? "same" : $0 } ?? "-"
            out.append(.init(text: row, role: .text, noWrap: true))
        }
        return out + footer(c)
    }

    static func footer(_ c: PerceptionConfig) -> [Card.Line] {
        var out: [Card.Line] = [.init(text: "", role: .text)]
        if let path = c.resultsPath { out.append(.init(text: "Answers saved to \(path)", role: .dim)) }
        out.append(.init(text: "q closes", role: .statusKey))
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(1, width - DisplayWidth.of(s)))
    }
}
