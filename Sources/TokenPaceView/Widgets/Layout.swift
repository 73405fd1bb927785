/// Places panes in a grid that fits the area: as few rows as keep panes comfortably wide,
/// otherwise the largest panes that still fit, otherwise nothing (the caller shows "enlarge").
public enum Layout {
    public static let minPane = Size(width: 16, height: 4)
    static let comfortable = Size(width: 34, height: 8)

    public static func grid(count: Int, in area: Rect) -> [Rect]? {
        guard count > 0 else { return [] }
        var best: (score: Double, cols: Int, rows: Int)?
        for rows in 1...count {
            let cols = (count + rows - 1) / rows
            let w = area.width / cols
            let h = area.height / rows
            if w >= comfortable.width && h >= comfortable.height {
                best = (.infinity, cols, rows)
                break
            }
            if w >= minPane.width && h >= minPane.height {
                let score = min(Double(w) / 2.5, Double(h))
                if best == nil || score > best!.score { best = (score, cols, rows) }
            }
        }
        guard let b = best else { return nil }
        var rects: [Rect] = []
        for i in 0..<count {
            let r = i / b.cols
            let c = i % b.cols
            let inRow = r == b.rows - 1 ? count - r * b.cols : b.cols
            let x0 = area.x + area.width * c / inRow
            let x1 = area.x + area.width * (c + 1) / inRow
            let y0 = area.y + area.height * r / b.rows
            let y1 = area.y + area.height * (r + 1) / b.rows
            rects.append(Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
        }
        return rects
    }
}
