/// A small text plot of one figure against the sweep's levels: each pane's letter at its value,
/// `*` where panes meet, `—` under a level with no value. Markdown puts it in a code block.
public enum SweepCurve {
    public struct Series: Sendable {
        public var letter: Character
        public var values: [Double?]
        public init(letter: Character, values: [Double?]) {
            self.letter = letter
            self.values = values
        }
    }

    /// `title`, then `height` rows from the largest value (top) to 0 (the axis), then the level labels.
    public static func render(
        title: String, levels: [String], series: [Series], height: Int = 8, format: (Double) -> String
    ) -> [String] {
        let top = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let column = max(6, (levels.map(\.count).max() ?? 0) + 2)
        let topLabel = top > 0 ? format(top) : Format.missing
        let gutter = max(topLabel.count, 1) + 1
        var grid = Array(repeating: Array(repeating: Character(" "), count: column * levels.count), count: height)
        for s in series {
            for (i, v) in s.values.enumerated() where i < levels.count {
                let x = i * column + column / 2
                guard let v else {
                    grid[height - 1][x] = grid[height - 1][x] == " " ? "—" : grid[height - 1][x]
                    continue
                }
                let row = top > 0 ? height - 1 - Int((v / top * Double(height - 1)).rounded()) : height - 1
                let y = min(height - 1, max(0, row))
                grid[y][x] = grid[y][x] == " " || grid[y][x] == "—" ? s.letter : "*"
            }
        }
        var lines = [title]
        for (r, row) in grid.enumerated() {
            let label = r == 0 ? topLabel : (r == height - 1 ? "0" : "")
            let pad = String(repeating: " ", count: gutter - label.count - 1)
            lines.append(pad + label + " |" + String(String(row).reversed().drop { $0 == " " }.reversed()))
        }
        lines.append(String(repeating: " ", count: gutter) + "+" + String(repeating: "-", count: column * levels.count))
        var axis = String(repeating: " ", count: gutter + 1)
        for label in levels {
            let left = (column - label.count) / 2
            axis +=
                String(repeating: " ", count: left) + label + String(repeating: " ", count: column - left - label.count)
        }
        lines.append(String(axis.reversed().drop { $0 == " " }.reversed()))
        return lines
    }
}
