/// Charts as standalone SVG (no scripts, no fonts or images fetched), well-formed XML so any XML
/// parser reads them: the race chart (tokens against seconds) and a sweep curve (a figure against
/// the levels).
public enum BenchSVG {
    /// One pane of a race chart: its letter and name, token arrival times, E2E for the legend.
    public struct Race: Sendable {
        public var letter: String
        public var name: String
        public var times: [Double]
        public var finished: Bool
        public init(letter: String, name: String, times: [Double], finished: Bool) {
            self.letter = letter
            self.name = name
            self.times = times
            self.finished = finished
        }
    }

    /// Colours told apart by most colour-blind readers (Okabe–Ito), in pane order.
    public static let palette = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    ]

    static let width = 760.0
    static let height = 360.0
    static let left = 64.0
    static let right = 200.0
    static let top = 32.0
    static let bottom = 44.0

    /// Tokens (y) against seconds from the request (x): the flat start is the TTFT, the slope the
    /// decode rate, flat steps are stalls; a dot marks each finish.
    public static func race(_ panes: [Race], title: String = "Race: tokens over time") -> String {
        let maxT = max(panes.compactMap(\.times.last).max() ?? 0, 0.001)
        let maxN = Double(max(panes.map(\.times.count).max() ?? 0, 1))
        let plotW = width - left - right
        let plotH = height - top - bottom
        func x(_ t: Double) -> Double { left + t / maxT * plotW }
        func y(_ n: Double) -> Double { top + plotH - n / maxN * plotH }
        var body = frame(title: title, xLabel: "seconds from request", yLabel: "tokens")
        body += ticks(maxX: maxT, maxY: maxN, x: x, y: y, xFormat: { Format.duration($0, .axis) })
        for (i, pane) in panes.enumerated() {
            let colour = palette[i % palette.count]
            var points = ["\(num(x(0))),\(num(y(0)))"]
            for (n, t) in pane.times.enumerated() {
                points.append("\(num(x(t))),\(num(y(Double(n))))")
                points.append("\(num(x(t))),\(num(y(Double(n + 1))))")
            }
            body += "<polyline class=\"pane\" data-pane=\"\(escape(pane.letter))\" fill=\"none\" stroke=\"\(colour)\""
            body += " stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>\n"
            if pane.finished, let last = pane.times.last {
                body += "<circle cx=\"\(num(x(last)))\" cy=\"\(num(y(Double(pane.times.count))))\" r=\"4\""
                body += " fill=\"\(colour)\"/>\n"
            }
            let e2e = pane.finished ? Format.duration(pane.times.last, .reading) : "did not finish"
            body += legend(i, colour: colour, text: "\(pane.letter) \(pane.name) · \(e2e)")
        }
        return svg(body)
    }

    /// One figure against the sweep's levels, a line per pane; a level without a value breaks the line.
    public static func curve(
        title: String, levels: [String], series: [(letter: String, name: String, values: [Double?])],
        format: (Double) -> String
    ) -> String {
        let maxV = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1e-9)
        let plotW = width - left - right
        let plotH = height - top - bottom
        let step = levels.count > 1 ? plotW / Double(levels.count - 1) : 0
        func x(_ i: Int) -> Double { levels.count > 1 ? left + Double(i) * step : left + plotW / 2 }
        func y(_ v: Double) -> Double { top + plotH - v / maxV * plotH }
        var body = frame(title: title, xLabel: "level", yLabel: "")
        for (i, label) in levels.enumerated() {
            body +=
                "<text x=\"\(num(x(i)))\" y=\"\(num(top + plotH + 18))\" text-anchor=\"middle\">\(escape(label))</text>\n"
        }
        for f in [0.0, 0.5, 1.0] {
            body += "<text x=\"\(num(left - 6))\" y=\"\(num(y(maxV * f) + 4))\" text-anchor=\"end\">"
            body += escape(f == 0 ? "0" : format(maxV * f)) + "</text>\n"
        }
        for (s, line) in series.enumerated() {
            let colour = palette[s % palette.count]
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    body += "<polyline class=\"pane\" data-pane=\"\(escape(line.letter))\" fill=\"none\""
                    body += " stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(run.joined(separator: " "))\"/>\n"
                }
                run = []
            }
            for (i, v) in line.values.enumerated() where i < levels.count {
                guard let v else {
                    flush()
                    continue
                }
                run.append("\(num(x(i))),\(num(y(v)))")
                body +=
                    "<circle class=\"point\" data-pane=\"\(escape(line.letter))\" data-value=\"\(Format.trimmed(v, places: 6))\""
                body += " cx=\"\(num(x(i)))\" cy=\"\(num(y(v)))\" r=\"3.5\" fill=\"\(colour)\"/>\n"
            }
            flush()
            body += legend(s, colour: colour, text: "\(line.letter) \(line.name)")
        }
        return svg(body)
    }

    private static func svg(_ body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\""
            + " viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>"
    }

    private static func frame(title: String, xLabel: String, yLabel: String) -> String {
        let plotH = height - top - bottom
        var s = "<title>\(escape(title))</title>\n"
        s += "<text x=\"\(num(left))\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>\n"
        s +=
            "<line x1=\"\(num(left))\" y1=\"\(num(top))\" x2=\"\(num(left))\" y2=\"\(num(top + plotH))\" stroke=\"#444\"/>\n"
        s += "<line x1=\"\(num(left))\" y1=\"\(num(top + plotH))\" x2=\"\(num(width - right))\""
        s += " y2=\"\(num(top + plotH))\" stroke=\"#444\"/>\n"
        s += "<text x=\"\(num((left + width - right) / 2))\" y=\"\(num(height - 6))\" text-anchor=\"middle\">"
        s += escape(xLabel) + "</text>\n"
        if !yLabel.isEmpty {
            s += "<text x=\"14\" y=\"\(num(top + plotH / 2))\" transform=\"rotate(-90 14 \(num(top + plotH / 2)))\""
            s += " text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        }
        return s
    }

    private static func ticks(
        maxX: Double, maxY: Double, x: (Double) -> Double, y: (Double) -> Double, xFormat: (Double) -> String
    ) -> String {
        let plotH = height - top - bottom
        var s = ""
        for f in [0.0, 0.25, 0.5, 0.75, 1.0] {
            s += "<text x=\"\(num(x(maxX * f)))\" y=\"\(num(top + plotH + 18))\" text-anchor=\"middle\">"
            s += escape(xFormat(maxX * f)) + "</text>\n"
            s += "<text x=\"\(num(left - 6))\" y=\"\(num(y(maxY * f) + 4))\" text-anchor=\"end\">"
            s += "\(Int((maxY * f).rounded()))</text>\n"
        }
        return s
    }

    private static func legend(_ i: Int, colour: String, text: String) -> String {
        let lx = width - right + 16
        let ly = top + 8 + Double(i) * 18
        return "<rect x=\"\(num(lx))\" y=\"\(num(ly - 9))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            + "<text class=\"legend\" x=\"\(num(lx + 16))\" y=\"\(num(ly))\">\(escape(text))</text>\n"
    }

    static func num(_ v: Double) -> String { Format.fixed(v, 1) }

    /// Text and attribute values with XML's five special characters escaped.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
