import TokenPaceCore

/// Every screen of a perception session as a pure function of the session, size and time.
///
/// Blind by construction: pane titles are only letters, there are no clocks, counters or progress
/// bars that move with speed, and no figure of a hidden setting is drawn until the summary.
public enum PerceptionScreen {
    /// Rows of the question panel under the panes; the same while watching and answering, so the
    /// panes do not jump when the questions appear.
    static let panelHeight = 7

    public static func render(
        _ session: PerceptionSession, size: Size, now: Double, options: ViewOptions = ViewOptions(),
        cache: PaneTextCache? = nil
    ) -> Buffer {
        var buffer = Buffer(size)
        guard size.width > 0, size.height > 0 else { return buffer }
        let body = Rect(x: 0, y: 0, width: size.width, height: max(0, size.height - 1))
        switch session.phase {
        case .instructions:
            Card(lines: PerceptionText.instructions(session.config)).draw(in: body, buffer: &buffer, options: options)
        case .ready:
            Card(lines: PerceptionText.ready(session)).draw(in: body, buffer: &buffer, options: options)
        case .streaming, .answering:
            drawTrial(session, body: body, now: now, options: options, cache: cache ?? PaneTextCache(), buffer: &buffer)
        case .finished:
            Card(lines: PerceptionSummary.lines(session, options: options), centred: false)
                .draw(in: body, buffer: &buffer, options: options)
        }
        PerceptionStatusBar(session: session).draw(y: size.height - 1, width: size.width, buffer: &buffer)
        return buffer
    }

    static func drawTrial(
        _ session: PerceptionSession, body: Rect, now: Double, options: ViewOptions, cache: PaneTextCache,
        buffer: inout Buffer
    ) {
        let panel = Rect(x: 0, y: body.maxY - panelHeight, width: body.width, height: panelHeight)
        let area = Rect(x: 0, y: 0, width: body.width, height: body.height - panelHeight)
        guard let rects = equalPanes(count: session.panes.count, in: area) else {
            let lines = ["terminal too small", "enlarge to at least \(Layout.minPane.width)×\(Layout.minPane.height + panelHeight + 1)"]
            for (k, line) in lines.enumerated() where k < body.height {
                buffer.put(line, x: max(0, (body.width - DisplayWidth.of(line)) / 2), y: k, role: k == 0 ? .warning : .dim)
            }
            return
        }
        cache.keep(ids: Set(session.panes.map(\.id)))
        for (i, pane) in session.panes.enumerated() {
            BlindPaneView(pane: pane, shown: pane.shownCount(elapsed: session.elapsed(pane, now: now)), options: options)
                .draw(in: rects[i], buffer: &buffer, cache: cache)
        }
        QuestionPanel(session: session, options: options).draw(in: panel, buffer: &buffer)
    }
}

extension PerceptionScreen {
    /// Panes of one size: a wider pane shows more words per line and would stream differently, so
    /// unlike the dashboard's grid no pane takes the leftover space. One row when each pane can be
    /// at least 24 columns wide, else two columns.
    static func equalPanes(count: Int, in area: Rect) -> [Rect]? {
        guard count > 0 else { return [] }
        let cols = area.width / count >= 24 ? count : min(count, 2)
        let rows = (count + cols - 1) / cols
        let w = area.width / cols
        let h = area.height / rows
        guard w >= Layout.minPane.width, h >= Layout.minPane.height else { return nil }
        let x0 = area.x + (area.width - w * cols) / 2
        return (0..<count).map { i in
            Rect(x: x0 + (i % cols) * w, y: area.y + (i / cols) * h, width: w, height: h)
        }
    }
}

/// A pane with nothing but its letter and its text: no rate, no clocks, no token counts.
struct BlindPaneView {
    let pane: PaneState
    let shown: Int
    let options: ViewOptions

    func draw(in rect: Rect, buffer: inout Buffer, cache: PaneTextCache) {
        buffer.box(rect, chars: options.ascii ? .ascii : .unicode, role: .border, title: pane.label, titleRole: .title)
        let inner = rect.inset(1)
        guard inner.width > 0, inner.height > 0 else { return }
        let text = cache.text(for: pane, shown: shown, width: inner.width, showReasoning: true, ascii: options.ascii)
        let rows = text.wrapped.rows
        let start = max(0, rows.count - inner.height)
        for (k, row) in rows[start...].enumerated() {
            var x = inner.x
            for c in row { x = buffer.put(String(c.char), x: x, y: inner.y + k, role: c.role, limit: inner.maxX) }
        }
    }
}

/// A box of wrapped lines, centred in an area (or top-left aligned for long tables).
struct Card {
    struct Line {
        var text: String
        var role: StyleRole
        /// Tables keep their columns: cut at the edge instead of wrapped.
        var noWrap = false
    }

    var lines: [Line]
    var centred = true

    func draw(in area: Rect, buffer: inout Buffer, options: ViewOptions) {
        guard area.width >= 8, area.height >= 3 else { return }
        let width = min(area.width, 96)
        let textWidth = width - 4
        var rows: [[StyledChar]] = []
        for line in lines {
            let chars = line.text.map { StyledChar($0, role: line.role) }
            if line.noWrap || line.text.isEmpty {
                rows.append(chars)
            } else {
                rows.append(contentsOf: WrappedText.wrap(chars, width: textWidth, words: true))
            }
        }
        let height = min(area.height, rows.count + 2)
        let x0 = area.x + (area.width - width) / 2
        let y0 = centred ? area.y + (area.height - height) / 2 : area.y
        let rect = Rect(x: x0, y: y0, width: width, height: height)
        buffer.box(rect, chars: options.ascii ? .ascii : .unicode, role: .border)
        for (k, row) in rows.prefix(height - 2).enumerated() {
            var x = rect.x + 2
            for c in row { x = buffer.put(String(c.char), x: x, y: rect.y + 1 + k, role: c.role, limit: rect.maxX - 2) }
        }
    }
}
