import TokenPaceCore

/// Every key and the meaning of every figure, in a box over the panes. Scrolls when it can't fit.
struct HelpOverlay: Widget {
    let scroll: Int
    let options: ViewOptions

    static func lines() -> [(String, StyleRole, String)] {
        var out: [(String, StyleRole, String)] = [("Keys", .helpKey, "")]
        for k in HelpText.keys { out.append(("  " + k.key, .helpKey, k.action)) }
        out.append(("", .help, ""))
        out.append(("Figures", .helpKey, ""))
        for f in HelpText.figures { out.append(("  " + f.name, .helpKey, f.meaning)) }
        return out
    }

    func draw(in area: Rect, buffer: inout Buffer) {
        let width = min(area.width, 96)
        let height = area.height
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: height)
        buffer.fill(rect, role: .help)
        Box(chars: options.ascii ? .ascii : .unicode, role: .helpKey, title: "tokenpace help · ? or Esc closes")
            .draw(in: rect, buffer: &buffer)
        let inner = rect.inset(1)
        guard inner.width > 4, inner.height > 0 else { return }
        let keyWidth = min(28, inner.width / 3)
        var rows: [[StyledChar]] = []
        for (key, role, text) in Self.lines() {
            var first = key.map { StyledChar($0, role: role) }
            if text.isEmpty {
                rows.append(first)
                continue
            }
            let pad = max(1, keyWidth - DisplayWidth.of(key))
            first += Array(repeating: StyledChar(" ", role: .help), count: pad)
            let wrapped = WrappedText.wrap(
                text.map { StyledChar($0, role: .help) }, width: max(4, inner.width - keyWidth - 1), words: true)
            for (i, w) in wrapped.enumerated() {
                let lead =
                    i == 0
                    ? first
                    : Array(
                        repeating: StyledChar(" ", role: .help),
                        count: keyWidth + (pad > keyWidth - DisplayWidth.of(key) ? 1 : 0))
                rows.append(lead + w)
            }
        }
        if let marker = buffer.putScrolled(
            rows, in: inner, scroll: scroll, more: "more", top: "top", ascii: options.ascii)
        {
            let x = max(rect.x + 1, rect.maxX - 9)
            buffer.put(marker, x: x, y: rect.maxY - 1, role: .helpKey, limit: rect.maxX - 1)
        }
    }
}

/// The selected pane's formulas and inputs (`e`).
struct ExplainOverlay: Widget {
    let lines: [String]
    let title: String
    let scroll: Int
    let options: ViewOptions

    func draw(in area: Rect, buffer: inout Buffer) {
        let width = min(area.width, 100)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y, width: width, height: area.height)
        buffer.fill(rect, role: .help)
        Box(chars: options.ascii ? .ascii : .unicode, role: .helpKey, title: title).draw(in: rect, buffer: &buffer)
        let inner = rect.inset(1)
        guard inner.width > 2, inner.height > 0 else { return }
        var rows: [[StyledChar]] = []
        for line in lines {
            rows += WrappedText.wrap(line.map { StyledChar($0, role: .help) }, width: inner.width - 2, words: true)
        }
        if let marker = buffer.putScrolled(
            rows, in: inner, scroll: scroll, more: "more j/k", top: "top k", ascii: options.ascii)
        {
            buffer.put(
                marker, x: max(rect.x + 1, rect.maxX - 2 - DisplayWidth.of(marker)), y: rect.maxY - 1, role: .helpKey,
                limit: rect.maxX - 1)
        }
    }
}

extension Buffer {
    /// Draws the rows of `rows` that fit in `inner`, one column in, from `scroll` (clamped to the
    /// last full window). Returns the marker for the border when there is more than fits:
    /// "↓ `more`" while rows remain below, "↑ `top`" at the end.
    mutating func putScrolled(
        _ rows: [[StyledChar]], in inner: Rect, scroll: Int, more: String, top: String, ascii: Bool
    ) -> String? {
        let maxScroll = max(0, rows.count - inner.height)
        let start = min(scroll, maxScroll)
        for (k, row) in rows.dropFirst(start).prefix(inner.height).enumerated() {
            put(row: row, x: inner.x + 1, y: inner.y + k, limit: inner.maxX)
        }
        guard maxScroll > 0 else { return nil }
        return start < maxScroll ? (ascii ? "v " : "↓ ") + more : (ascii ? "^ " : "↑ ") + top
    }
}
