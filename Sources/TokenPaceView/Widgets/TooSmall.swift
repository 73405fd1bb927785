import TokenPaceCore

/// Lines centred in an area, for a screen too small for what it should show.
struct TooSmall: Widget {
    let lines: [(String, StyleRole)]

    func draw(in area: Rect, buffer: inout Buffer) {
        let top = max(0, (area.height - lines.count) / 2)
        for (k, line) in lines.enumerated() where top + k < area.height {
            let x = max(0, (area.width - DisplayWidth.of(line.0)) / 2)
            buffer.put(line.0, x: area.x + x, y: area.y + top + k, role: line.1, limit: area.maxX)
        }
    }
}
