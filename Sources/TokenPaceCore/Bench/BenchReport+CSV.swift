import Foundation

extension BenchReport {
    public static let csvColumns = [
        "pane", "name", "source", "figure", "unit", "median", "min", "max", "n", "note", "definition",
    ]

    /// Long format, one row per pane and figure, so every row carries its definition; `note` holds
    /// the tokens' source, and an `errors` row per pane holds its failed streams.
    public var csv: String {
        if !levels.isEmpty { return sweepCSV }
        return csvRows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n")
    }

    var csvRows: [[String]] {
        var rows = [Self.csvColumns]
        for pane in panes {
            let head = [pane.label, pane.name, pane.source]
            for figure in BenchFigure.allCases {
                let stat = pane.stat(figure)
                let cells = [stat?.median, stat?.min, stat?.max].map { v in
                    v.map { JSONValue.format(Self.number($0, figure)) } ?? ""
                }
                let note = figure == .tokens ? pane.tokensSource?.rawValue ?? "" : ""
                rows.append(
                    head + [figure.key, figure.unit.rawValue] + cells + [
                        stat.map { String($0.count) } ?? "0", note, definition(figure),
                    ])
            }
            let reasons = pane.errors.map { "run \($0.run) stream \($0.stream): \($0.reason)" }.joined(separator: "; ")
            rows.append(
                head + [
                    "errors", "", String(pane.errors.count), "", "", String(pane.streams.count), reasons,
                    "failed streams out of n, with each reason",
                ])
        }
        return rows
    }

    /// RFC 4180: quote a field holding a comma, quote or line break; double its quotes.
    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
