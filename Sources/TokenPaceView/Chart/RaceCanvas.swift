import TokenPaceCore

extension RaceChart {
    /// The plot area as a grid of dots (2×4 per cell in braille, 1×1 in ASCII); each cell keeps the
    /// role of the last pane drawn through it.
    struct Canvas {
        let plot: Rect
        let ascii: Bool
        private var dots: [UInt8]
        private var owner: [Int?]

        init(plot: Rect, ascii: Bool) {
            self.plot = plot
            self.ascii = ascii
            dots = Array(repeating: 0, count: plot.width * plot.height)
            owner = Array(repeating: nil, count: plot.width * plot.height)
        }

        var dotWidth: Int { plot.width * (ascii ? 1 : 2) }
        var dotHeight: Int { plot.height * (ascii ? 1 : 4) }

        /// Dot column of time `t` and dot row (0 = bottom) of `n` tokens.
        func column(_ t: Double, tMax: Double) -> Int {
            min(dotWidth - 1, max(0, Int((t / tMax * Double(dotWidth - 1)).rounded())))
        }

        func row(_ n: Int, nMax: Int) -> Int {
            min(dotHeight - 1, max(0, Int((Double(n) / Double(nMax) * Double(dotHeight - 1)).rounded())))
        }

        /// The step line tokens(t) from t = 0 to the last token, rises filled so no gap shows.
        mutating func draw(times: [Double], index: Int, tMax: Double, nMax: Int) {
            guard let last = times.last else { return }
            let end = column(last, tMax: tMax)
            var previous = 0
            var count = 0
            for x in 0...end {
                let t = Double(x) / Double(max(1, dotWidth - 1)) * tMax
                while count < times.count, times[count] <= t { count += 1 }
                let y = row(x == end ? times.count : count, nMax: nMax)
                for yy in min(previous, y)...max(previous, y) { set(x: x, y: yy, index: index) }
                previous = y
            }
        }

        private mutating func set(x: Int, y: Int, index: Int) {
            let cellX = ascii ? x : x / 2
            let cellY = plot.height - 1 - (ascii ? y : y / 4)
            let i = cellY * plot.width + cellX
            if !ascii {
                let dx = x % 2
                let dy = 3 - y % 4
                let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
                dots[i] |= bits[dx][dy]
            } else {
                dots[i] = 1
            }
            owner[i] = index
        }

        func paint(into buffer: inout Buffer) {
            for cy in 0..<plot.height {
                for cx in 0..<plot.width {
                    let i = cy * plot.width + cx
                    guard let index = owner[i] else { continue }
                    let char: Character =
                        ascii
                        ? Character(RaceChart.letter(index).lowercased())
                        : Character(Unicode.Scalar(0x2800 + UInt32(dots[i]))!)
                    buffer.set(Cell(char, role: RaceChart.role(index)), x: plot.x + cx, y: plot.y + cy)
                }
            }
        }

        /// The pane's letter just right of its last token (on it at the right edge).
        func markFinish(times: [Double], index: Int, tMax: Double, nMax: Int, into buffer: inout Buffer) {
            guard let last = times.last else { return }
            let x = column(last, tMax: tMax)
            let y = row(times.count, nMax: nMax)
            let cellX = min(plot.width - 1, (ascii ? x : x / 2) + 1)
            let cellY = plot.height - 1 - (ascii ? y : y / 4)
            buffer.set(Cell(RaceChart.letter(index), role: RaceChart.role(index)), x: plot.x + cellX, y: plot.y + cellY)
        }
    }
}
