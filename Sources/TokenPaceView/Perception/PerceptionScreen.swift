import TokenPaceCore

/// Every screen of a perception session as a pure function of the session, size and time.
///
/// Blind by construction: pane titles are only letters, there are no clocks, counters or progress
/// bars that move with speed, and no figure of a hidden setting is drawn until the summary.
public struct PerceptionScreen: Widget {
    /// The smallest terminal every screen is laid out for; below it the screens say so and
    /// `takes(_:session:size:)` lets no answer through.
    public static let minimum = Size(width: 40, height: 12)

    public var session: PerceptionSession
    public var now: Double
    public var options: ViewOptions
    public var cache: PaneTextCache

    public init(
        _ session: PerceptionSession, now: Double, options: ViewOptions = ViewOptions(), cache: PaneTextCache? = nil
    ) {
        self.session = session
        self.now = now
        self.options = options
        self.cache = cache ?? PaneTextCache()
    }

    public static func render(
        _ session: PerceptionSession, size: Size, now: Double, options: ViewOptions = ViewOptions(),
        cache: PaneTextCache? = nil
    ) -> Buffer {
        var buffer = Buffer(size)
        PerceptionScreen(session, now: now, options: options, cache: cache)
            .draw(in: Rect(x: 0, y: 0, width: size.width, height: size.height), buffer: &buffer)
        return buffer
    }

    public func draw(in screen: Rect, buffer: inout Buffer) {
        guard screen.width > 0, screen.height > 0 else { return }
        let body = Rect(x: screen.x, y: screen.y, width: screen.width, height: max(0, screen.height - 1))
        let statusRow = Rect(x: screen.x, y: screen.maxY - 1, width: screen.width, height: 1)
        // A trial's layout, worked out once: it is also what decides whether the trial fits.
        let trial = session.phase.isTrial ? Self.trialLayout(session, body: body, options: options) : nil
        let large = screen.width >= Self.minimum.width && screen.height >= Self.minimum.height
        guard large && (trial != nil || !session.phase.isTrial) else {
            TooSmall(lines: Self.tooSmall).draw(in: body, buffer: &buffer)
            PerceptionStatusBar(session: session, tooSmall: true).draw(in: statusRow, buffer: &buffer)
            return
        }
        var scrollable = false
        if let card = Self.card(session, body: body, options: options) {
            scrollable = card.drawReportingScroll(in: body, buffer: &buffer)
        } else if let layout = trial {
            cache.keep(ids: Set(session.panes.map(\.id)))
            for (i, pane) in session.panes.enumerated() {
                BlindPaneView(pane: pane, elapsed: session.elapsed(pane, now: now), options: options, cache: cache)
                    .draw(in: layout.panes[i], buffer: &buffer)
            }
            QuestionPanel(session: session, options: options, rows: layout.rows).draw(in: layout.panel, buffer: &buffer)
        }
        PerceptionStatusBar(session: session, scrollable: scrollable).draw(in: statusRow, buffer: &buffer)
    }

    /// Whether every screen element the phase needs (the keys to press, the question being asked)
    /// can be shown whole at `size`.
    public static func fits(_ session: PerceptionSession, size: Size) -> Bool {
        guard size.width >= minimum.width, size.height >= minimum.height else { return false }
        let body = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        return !session.phase.isTrial || trialLayout(session, body: body, options: ViewOptions()) != nil
    }

    /// Whether `key` may act at this size: when the screen does not fit, only leaving (Esc aborts a
    /// trial, q, Ctrl-C) gets through, so no answer is given to a question that is not on screen.
    public static func takes(_ key: Key, session: PerceptionSession, size: Size) -> Bool {
        if fits(session, size: size) { return true }
        return key == .ctrlC || key == .escape || key == .char("q") || key == .char("Q")
    }

    /// How far the card on screen (instructions, ready, summary) can scroll at `size`.
    public static func maxScroll(_ session: PerceptionSession, size: Size, options: ViewOptions = ViewOptions()) -> Int
    {
        let body = Rect(x: 0, y: 0, width: size.width, height: max(0, size.height - 1))
        return card(session, body: body, options: options)?.maxScroll(in: body) ?? 0
    }

    static func card(_ session: PerceptionSession, body: Rect, options: ViewOptions) -> Card? {
        switch session.phase {
        case .instructions:
            let text = PerceptionText.instructions(session.config)
            return Card(lines: text.lines, footer: text.footer, scroll: session.scroll, options: options)
        case .ready:
            let text = PerceptionText.ready(session)
            return Card(lines: text.lines, footer: text.footer, scroll: session.scroll, options: options)
        case .finished:
            return PerceptionSummary(session: session, options: options).card(in: body)
        case .streaming, .answering:
            return nil
        }
    }

    /// Where a trial's panes and question panel go, with the panel's rows; nil when the current
    /// question cannot be shown whole.
    static func trialLayout(
        _ session: PerceptionSession, body: Rect, options: ViewOptions
    ) -> (panes: [Rect], panel: Rect, rows: [[StyledChar]])? {
        let height = QuestionPanel.rows(bodyHeight: body.height) + 2
        let panel = Rect(x: body.x, y: body.maxY - height, width: body.width, height: height)
        let area = Rect(x: body.x, y: body.y, width: body.width, height: body.height - height)
        guard let rects = equalPanes(count: session.panes.count, in: area),
            let rows = QuestionPanel(session: session, options: options).lines(width: panel.width - 4, rows: height - 2)
        else { return nil }
        return (rects, panel, rows)
    }

    static let tooSmall = [
        ("terminal too small", StyleRole.warning),
        ("enlarge to at least \(minimum.width)×\(minimum.height)", .dim),
        ("Esc aborts a trial · q quits", .dim),
    ]
}

extension PerceptionScreen {
    /// Panes of one size: a wider pane shows more words per line and would stream differently, so
    /// unlike the dashboard's grid no pane takes the leftover space. One row when each pane can be
    /// at least 24 columns wide, else two columns if the rows stay tall enough to read, else one
    /// row of narrow panes (small terminals).
    static func equalPanes(count: Int, in area: Rect) -> [Rect]? {
        guard count > 0 else { return [] }
        func grid(_ cols: Int) -> [Rect] {
            let rows = (count + cols - 1) / cols
            let w = area.width / cols
            let h = area.height / rows
            let x0 = area.x + (area.width - w * cols) / 2
            return (0..<count).map { i in Rect(x: x0 + (i % cols) * w, y: area.y + (i / cols) * h, width: w, height: h)
            }
        }
        if area.width / count >= 24 {
            let rects = grid(count)
            return rects[0].height >= Layout.minPane.height ? rects : nil
        }
        let two = grid(min(count, 2))
        if two[0].width >= Layout.minPane.width, two[0].height >= 6 { return two }
        let one = grid(count)
        return one[0].width >= 10 && one[0].height >= 3 ? one : nil
    }
}

/// A pane with nothing but its letter and its text: no rate, no clocks, no token counts.
///
/// In present mode a pane shows its presentation's own stimulus and nothing that names it or counts:
/// a blocking pane its spinner and "working on your answer" (no elapsed clock); a progress pane its
/// phase words and its bar (no ETA, no percentage); a staged pane its outline, then the answer.
/// Every pane is done at the same moment, so those are what the participant compares.
struct BlindPaneView: Widget {
    let pane: PaneState
    /// Seconds since the pane's request, stopped once the questions open.
    let elapsed: Double
    let options: ViewOptions
    let cache: PaneTextCache

    func draw(in rect: Rect, buffer: inout Buffer) {
        Box(chars: options.ascii ? .ascii : .unicode, role: .border, title: pane.label, titleRole: .title)
            .draw(in: rect, buffer: &buffer)
        let inner = rect.inset(1)
        guard inner.width > 0, inner.height > 0 else { return }
        let shown = pane.shownCount(elapsed: elapsed)
        let visible = pane.visibleCount(elapsed: elapsed)
        if pane.presentation.holdsAnswer, visible == 0 {
            for (k, row) in heldRows(width: inner.width, shown: shown).prefix(inner.height).enumerated() {
                var x = inner.x
                for part in row {
                    let chars = part.text.map { StyledChar($0, role: part.role) }
                    x = buffer.put(
                        row: repeatElement(chars, count: part.repeats).joined(), x: x, y: inner.y + k, limit: inner.maxX
                    )
                }
            }
            return
        }
        let text = cache.text(for: pane, shown: visible, width: inner.width, showReasoning: true, ascii: options.ascii)
        let rows = text.wrapped.rows
        let start = max(0, rows.count - inner.height)
        for (k, row) in rows[start...].enumerated() {
            buffer.put(row: row, x: inner.x, y: inner.y + k, limit: inner.maxX)
        }
    }
}

extension BlindPaneView {
    /// A held answer's rows without a figure: the spinner and its words, or the phase and the bar.
    func heldRows(width: Int, shown: Int) -> [[PaneView.Part]] {
        if pane.presentation == .blocking {
            let spin = PaneView.spinner(elapsed: elapsed, ascii: options.ascii)
            let words = DisplayWidth.of(PaneView.working) + 2 <= width ? " " + PaneView.working : ""
            return [[PaneView.Part(text: "\(spin)\(words)", role: .clockLabel)]]
        }
        let eta = PaneView.progressETA(
            pane: pane, sampleLength: 0, elapsed: elapsed, shown: shown,
            generated: cache.generatedSoFar(pane: pane, shown: shown))
        return [
            [PaneView.Part(text: eta.phase, role: .clockLabel)],
            PaneView.bar(PaneView.progressFraction(eta.eta, elapsed: elapsed), width: width, ascii: options.ascii),
        ]
    }
}

/// A box of wrapped lines, centred in an area (or top-left aligned for long tables).
///
/// `footer` lines (the keys that work) stay at the bottom of the box whatever the size; when the
/// other lines do not fit they scroll by `scroll` rows, and the border says there is more.
struct Card: Widget {
    struct Line {
        var text: String
        var role: StyleRole
        /// Tables keep their columns: cut at the edge instead of wrapped.
        var noWrap = false
    }

    var lines: [Line]
    var footer: [Line] = []
    var centred = true
    var scroll = 0
    var options = ViewOptions()

    static let maxWidth = 96

    /// Text columns inside a card drawn in `area`.
    static func textWidth(in area: Rect) -> Int { min(area.width, maxWidth) - 4 }

    static func rows(_ lines: [Line], width: Int) -> [[StyledChar]] {
        var rows: [[StyledChar]] = []
        for line in lines {
            let chars = line.text.map { StyledChar($0, role: line.role) }
            if line.noWrap || line.text.isEmpty {
                rows.append(chars)
            } else {
                rows.append(contentsOf: WrappedText.wrap(chars, width: width, words: true))
            }
        }
        return rows
    }

    /// Rows the body can scroll by in `area` (0 when everything fits).
    func maxScroll(in area: Rect) -> Int {
        guard area.width >= 8, area.height >= 3 else { return 0 }
        let width = Self.textWidth(in: area)
        let body = Self.rows(lines, width: width).count
        let room = area.height - 2 - Self.rows(footer, width: width).count
        return max(0, body - max(0, room))
    }

    func draw(in area: Rect, buffer: inout Buffer) {
        _ = drawReportingScroll(in: area, buffer: &buffer)
    }

    /// Draws the card; returns whether its body can scroll (as `maxScroll(in:) > 0`), found while
    /// wrapping its text for drawing.
    func drawReportingScroll(in area: Rect, buffer: inout Buffer) -> Bool {
        guard area.width >= 8, area.height >= 3 else { return false }
        let width = min(area.width, Self.maxWidth)
        let textWidth = Self.textWidth(in: area)
        let body = Self.rows(lines, width: textWidth)
        let foot = Self.rows(footer, width: textWidth)
        let height = min(area.height, body.count + foot.count + 2)
        let x0 = area.x + (area.width - width) / 2
        let y0 = centred ? area.y + (area.height - height) / 2 : area.y
        let rect = Rect(x: x0, y: y0, width: width, height: height)
        Box(chars: options.ascii ? .ascii : .unicode, role: .border).draw(in: rect, buffer: &buffer)
        let room = max(0, height - 2 - foot.count)
        let top = min(max(0, scroll), max(0, body.count - room))
        var y = rect.y + 1
        for row in body.dropFirst(top).prefix(room) {
            buffer.put(row: row, x: rect.x + 2, y: y, limit: rect.maxX - 2)
            y += 1
        }
        for row in foot.prefix(height - 2) {
            buffer.put(row: row, x: rect.x + 2, y: y, limit: rect.maxX - 2)
            y += 1
        }
        let up = options.ascii ? "^" : "↑"
        let down = options.ascii ? "v" : "↓"
        let markX = max(rect.x + 1, rect.maxX - 10)
        if top > 0 { buffer.put(" \(up) more ", x: markX, y: rect.y, role: .dim, limit: rect.maxX - 1) }
        if top + room < body.count {
            buffer.put(" \(down) more ", x: markX, y: rect.maxY - 1, role: .dim, limit: rect.maxX - 1)
        }
        return body.count > max(0, area.height - 2 - foot.count)
    }
}
