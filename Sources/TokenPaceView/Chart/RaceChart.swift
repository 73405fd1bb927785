import TokenPaceCore

/// Tokens over time for every pane in one chart: where a pane leaves the bottom is its TTFT, its
/// slope the decode rate, a flat step a stall, and its letter marks the finish. Braille dots give
/// 2×4 points per cell; `ascii` draws each pane with its own lowercase letter instead.
///
/// Pure: the same series and size always give the same buffer, so it is checked by snapshots.
public enum RaceChart {
    public typealias Series = (label: String, times: [Double], finished: Bool)

    /// Roles that tell the panes apart in colour (themes already give them distinct colours).
    static let roles: [StyleRole] = [
        .text, .reasoning, .toolCall, .codeKeyword, .codeString, .codeNumber, .codeType, .place, .leader,
        .toolResult,
    ]

    public static func letter(_ index: Int) -> Character {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return letters[index % letters.count]
    }

    public static func role(_ index: Int) -> StyleRole { roles[index % roles.count] }

    public static func render(series: [Series], size: Size, ascii: Bool) -> Buffer {
        var buffer = Buffer(size)
        guard size.width >= 12, size.height >= 5 else { return buffer }
        let legend = legendLines(series, width: size.width, ascii: ascii)
        let tMax = niceCeiling(series.compactMap(\.times.last).max() ?? 0)
        let nMax = Int(niceCeiling(Double(series.map(\.times.count).max() ?? 0)))
        let labelWidth = String(nMax).count
        let plot = Rect(
            x: labelWidth + 1, y: 1, width: size.width - labelWidth - 1,
            height: size.height - 3 - legend.count)
        guard plot.height >= 2, plot.width >= 8 else { return buffer }

        buffer.put("tokens", x: 0, y: 0, role: .clockLabel)
        drawAxes(&buffer, plot: plot, nMax: nMax, tMax: tMax, labelWidth: labelWidth, ascii: ascii)
        var canvas = Canvas(plot: plot, ascii: ascii)
        for (i, s) in series.enumerated() {
            canvas.draw(times: s.times, index: i, tMax: tMax, nMax: nMax)
        }
        canvas.paint(into: &buffer)
        for (i, s) in series.enumerated() where s.finished {
            canvas.markFinish(times: s.times, index: i, tMax: tMax, nMax: nMax, into: &buffer)
        }
        for (row, line) in legend.enumerated() {
            var x = 0
            for (text, role) in line { x = buffer.put(text, x: x, y: plot.maxY + 2 + row, role: role) }
        }
        return buffer
    }

    private static func drawAxes(
        _ buffer: inout Buffer, plot: Rect, nMax: Int, tMax: Double, labelWidth: Int, ascii: Bool
    ) {
        let vertical: Character = ascii ? "|" : "│"
        let tick: Character = ascii ? "+" : "┤"
        let corner: Character = ascii ? "+" : "└"
        let horizontal: Character = ascii ? "-" : "─"
        let axisX = plot.x - 1
        for y in plot.y..<plot.maxY { buffer[axisX, y] = Cell(vertical, role: .border) }
        let labelled = [(plot.y, nMax), (plot.y + (plot.height - 1) / 2, nMax / 2)]
        for (y, value) in labelled where plot.height > 2 || y == plot.y {
            let text = String(value)
            buffer.put(text, x: labelWidth - text.count, y: y, role: .clockLabel)
            buffer[axisX, y] = Cell(tick, role: .border)
        }
        buffer.put("0", x: labelWidth - 1, y: plot.maxY, role: .clockLabel)
        buffer[axisX, plot.maxY] = Cell(corner, role: .border)
        for x in plot.x..<plot.maxX { buffer[x, plot.maxY] = Cell(horizontal, role: .border) }

        let row = plot.maxY + 1
        buffer.put("0", x: plot.x, y: row, role: .clockLabel)
        let end = Format.duration(tMax, .axis) + " s"
        buffer.put(end, x: plot.maxX - end.count, y: row, role: .clockLabel)
        let mid = Format.duration(tMax / 2, .axis)
        let midX = plot.x + (plot.width - 1) / 2 - mid.count / 2
        if midX > plot.x + 2, midX + mid.count < plot.maxX - end.count - 1 {
            buffer.put(mid, x: midX, y: row, role: .clockLabel)
        }
    }

    /// Legend entries ("A name 4.21 s") packed into as few lines as the width allows.
    static func legendLines(_ series: [Series], width: Int, ascii: Bool) -> [[(String, StyleRole)]] {
        var lines: [[(String, StyleRole)]] = []
        var current: [(String, StyleRole)] = []
        var used = 0
        for (i, s) in series.enumerated() {
            let end: String
            if s.times.isEmpty {
                end = "no tokens"
            } else if s.finished, let last = s.times.last {
                end = Format.duration(last, .axis) + " s"
            } else {
                end = "unfinished"
            }
            let room = max(4, width - end.count - 4)
            var name = s.label
            if name.count > room { name = String(name.prefix(room - 1)) + (ascii ? "~" : "…") }
            let entry: [(String, StyleRole)] = [
                (String(letter(i)), role(i)), (" " + name + " ", .normal), (end, .clock),
            ]
            let length = entry.reduce(0) { $0 + $1.0.count }
            if !current.isEmpty, used + 2 + length > width {
                lines.append(current)
                current = []
                used = 0
            }
            if !current.isEmpty {
                current.append(("  ", .normal))
                used += 2
            }
            current += entry
            used += length
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A round axis end at or above `v`: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k.
    static func niceCeiling(_ v: Double) -> Double {
        guard v > 0 else { return 1 }
        var scale = 1.0
        while scale * 10 <= v { scale *= 10 }
        while scale > v { scale /= 10 }
        for step in [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * scale >= v * (1 - 1e-12) {
            return step * scale
        }
        return 10 * scale
    }
}
