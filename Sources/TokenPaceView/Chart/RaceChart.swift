import TokenPaceCore

/// Tokens over time for every pane in one chart: where a pane leaves the bottom is its TTFT, its
/// slope the decode rate, a flat step a stall, and its letter marks the finish. Braille dots give
/// 2×4 points per cell; `ascii` draws each pane with its own lowercase letter instead.
///
/// Pure: the same series and size always give the same buffer, so it is checked by snapshots.
public struct RaceChart: Widget {
    public typealias Series = (label: String, times: [Double], finished: Bool)

    public var series: [Series]
    public var ascii: Bool

    public init(series: [Series], ascii: Bool) {
        self.series = series
        self.ascii = ascii
    }

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

    /// The chart alone in a buffer of `size` (bench reports print it as text).
    public static func render(series: [Series], size: Size, ascii: Bool) -> Buffer {
        var buffer = Buffer(size)
        let area = Rect(x: 0, y: 0, width: size.width, height: size.height)
        RaceChart(series: series, ascii: ascii).draw(in: area, buffer: &buffer)
        return buffer
    }

    /// Clears `area` (the chart covers what is under it), then draws the axes, one line per pane
    /// and the legend.
    public func draw(in area: Rect, buffer: inout Buffer) {
        buffer.fill(area)
        guard area.width >= 12, area.height >= 5 else { return }
        let legend = Self.legendLines(series, width: area.width, ascii: ascii)
        let tMax = Self.niceCeiling(series.compactMap(\.times.last).max() ?? 0)
        let nMax = Int(Self.niceCeiling(Double(series.map(\.times.count).max() ?? 0)))
        let labelWidth = String(nMax).count
        let plot = Rect(
            x: area.x + labelWidth + 1, y: area.y + 1, width: area.width - labelWidth - 1,
            height: area.height - 3 - legend.count)
        guard plot.height >= 2, plot.width >= 8 else { return }

        buffer.put("tokens", x: area.x, y: area.y, role: .clockLabel, limit: area.maxX)
        drawAxes(&buffer, plot: plot, nMax: nMax, tMax: tMax, labelWidth: labelWidth)
        var canvas = Canvas(plot: plot, ascii: ascii)
        for (i, s) in series.enumerated() {
            canvas.draw(times: s.times, index: i, tMax: tMax, nMax: nMax)
        }
        canvas.paint(into: &buffer)
        for (i, s) in series.enumerated() where s.finished {
            canvas.markFinish(times: s.times, index: i, tMax: tMax, nMax: nMax, into: &buffer)
        }
        for (row, line) in legend.enumerated() {
            var x = area.x
            for (text, role) in line {
                x = buffer.put(text, x: x, y: plot.maxY + 2 + row, role: role, limit: area.maxX)
            }
        }
    }

    private func drawAxes(_ buffer: inout Buffer, plot: Rect, nMax: Int, tMax: Double, labelWidth: Int) {
        let left = plot.x - labelWidth - 1
        let vertical: Character = ascii ? "|" : "│"
        let tick: Character = ascii ? "+" : "┤"
        let corner: Character = ascii ? "+" : "└"
        let horizontal: Character = ascii ? "-" : "─"
        let axisX = plot.x - 1
        for y in plot.y..<plot.maxY { buffer.set(Cell(vertical, role: .border), x: axisX, y: y) }
        let labelled = [(plot.y, nMax), (plot.y + (plot.height - 1) / 2, nMax / 2)]
        for (y, value) in labelled where plot.height > 2 || y == plot.y {
            let text = String(value)
            buffer.put(text, x: left + labelWidth - text.count, y: y, role: .clockLabel)
            buffer.set(Cell(tick, role: .border), x: axisX, y: y)
        }
        buffer.put("0", x: left + labelWidth - 1, y: plot.maxY, role: .clockLabel)
        buffer.set(Cell(corner, role: .border), x: axisX, y: plot.maxY)
        for x in plot.x..<plot.maxX { buffer.set(Cell(horizontal, role: .border), x: x, y: plot.maxY) }

        let row = plot.maxY + 1
        buffer.put("0", x: plot.x, y: row, role: .clockLabel)
        let end = Format.duration(tMax, .axis) + " s"
        buffer.put(end, x: plot.maxX - end.count, y: row, role: .clockLabel, limit: plot.maxX)
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
