import Foundation

extension BenchReport {
    /// Figures in the table, in reading order; stalls are shown as "count, longest".
    static let tableFigures: [BenchFigure] = [
        .ttft, .ttfa, .useful, .e2e, .decodeRate, .charactersPerSecond, .wordsPerSecond, .itlP50, .itlP90, .itlP99,
        .stalls, .tokens, .serverPrefill, .serverDecodeRate, .waitingForText, .blocked,
    ]

    /// A Markdown table (median, with min–max when there is more than one sample), then the
    /// errors, then the definitions.
    public var markdown: String {
        if !levels.isEmpty { return sweepMarkdown }
        var lines = figureTable(panes)
        lines.append("")
        let load = concurrency > 1 ? ", \(concurrency) concurrent streams per live pane (per-stream figures)" : ""
        lines.append(
            "Median over \(runs) run\(runs == 1 ? "" : "s")\(load); min–max in brackets. Task: \(task.rawValue).")
        for pane in panes where pane.costModel != nil {
            lines.append("Cost of \(pane.label): \(pane.costModel!).")
        }
        let errors = panes.flatMap { pane in pane.errors.map { (pane.label, $0) } }
        if !errors.isEmpty {
            lines.append("")
            lines.append("Errors:")
            for (label, e) in errors {
                let stream = concurrency > 1 ? " stream \(e.stream)" : ""
                lines.append("- \(label) run \(e.run)\(stream): \(e.reason)")
            }
        }
        lines.append("")
        lines.append("Definitions:")
        for figure in BenchFigure.allCases {
            lines.append("- \(figure.title): \(definition(figure))")
        }
        return lines.joined(separator: "\n")
    }

    /// The per-stream figures of `panes`, one row each.
    func figureTable(_ panes: [BenchPaneResult]) -> [String] {
        var lines: [String] = []
        // Usable time and cost only when a bench asked for them (--success, --price, --gpu-cost).
        let usableShown = panes.contains { p in p.successes.contains { $0.usableSeconds != $0.metrics.e2e } }
        let extra: [BenchFigure] = [.promptTokens, .usable, .cost].filter { f in
            panes.contains { $0.stat(f) != nil } && (f != .usable || usableShown)
        }
        let figures = Self.tableFigures + extra
        let header = ["pane", "source", "ok"] + figures.map(\.title)
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for pane in panes {
            var row = ["\(pane.label) \(pane.name)", pane.source, "\(pane.successes.count)/\(pane.streams.count)"]
            for figure in figures { row.append(cell(figure, pane)) }
            lines.append(Self.markdownRow(row))
        }
        return lines
    }

    static func markdownRow(_ cells: [String]) -> String {
        "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }

    func cell(_ figure: BenchFigure, _ pane: BenchPaneResult) -> String {
        if figure == .stalls {
            guard let count = pane.stat(.stalls), let longest = pane.stat(.longestStall) else { return Format.missing }
            if count.median == 0 && count.max == 0 { return "0" }
            return "\(Self.format(count.median, .stalls)), \(Self.format(longest.max, .longestStall)) max"
        }
        guard let stat = pane.stat(figure) else { return Format.missing }
        var text = Self.format(stat.median, figure)
        if stat.count > 1 && stat.min != stat.max {
            text += " (\(Self.format(stat.min, figure))–\(Self.format(stat.max, figure)))"
        }
        if figure == .tokens, let source = pane.tokensSource { text += " \(source.rawValue)" }
        return text
    }
}
