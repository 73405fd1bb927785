import TokenPaceCore

/// The whole dashboard as a pure function of state, size and time: the panes in a grid, the status
/// bar under them, and the race chart, explanation or help over them when they are open.
public struct Dashboard: Widget {
    public var state: AppState
    public var now: Double
    public var options: ViewOptions
    public var cache: PaneTextCache

    public init(_ state: AppState, now: Double, options: ViewOptions = ViewOptions(), cache: PaneTextCache? = nil) {
        self.state = state
        self.now = now
        self.options = options
        self.cache = cache ?? PaneTextCache()
    }

    public static func render(
        _ state: AppState, size: Size, now: Double, options: ViewOptions = ViewOptions(), cache: PaneTextCache? = nil
    ) -> Buffer {
        var buffer = Buffer(size)
        Dashboard(state, now: now, options: options, cache: cache)
            .draw(in: Rect(x: 0, y: 0, width: size.width, height: size.height), buffer: &buffer)
        return buffer
    }

    public func draw(in screen: Rect, buffer: inout Buffer) {
        guard screen.width > 0, screen.height > 0 else { return }
        let area = Rect(x: screen.x, y: screen.y, width: screen.width, height: screen.height - 1)
        guard screen.height >= 2, let rects = Layout.grid(count: state.panes.count, in: area) else {
            TooSmall(lines: Self.enlarge(width: screen.width)).draw(in: screen, buffer: &buffer)
            return
        }
        cache.keep(ids: state.panes.map(\.id))
        for (i, pane) in state.panes.enumerated() {
            PaneView(pane: pane, state: state, now: now, selected: i == state.selected, options: options, cache: cache)
                .draw(in: rects[i], buffer: &buffer)
        }
        StatusBar(state: state, now: now)
            .draw(in: Rect(x: screen.x, y: screen.maxY - 1, width: screen.width, height: 1), buffer: &buffer)
        if state.chartVisible {
            RaceChart(series: chartSeries, ascii: options.ascii).draw(in: area, buffer: &buffer)
        }
        if state.explainVisible, state.panes.indices.contains(state.selected) {
            let pane = state.panes[state.selected]
            let shown = pane.shownCount(elapsed: state.elapsed(pane, now: now))
            let tally = cache.tally(for: pane, shown: shown, task: state.task)
            ExplainOverlay(
                lines: Explain.lines(for: pane, in: state, now: now, tally: tally),
                title: "pane \(pane.label) · how its figures are made · e closes", scroll: state.explainScroll,
                options: options
            ).draw(in: area, buffer: &buffer)
        }
        if state.helpVisible {
            HelpOverlay(scroll: state.helpScroll, options: options).draw(in: area, buffer: &buffer)
        }
    }

    /// Every pane's tokens so far, for the race chart.
    var chartSeries: [RaceChart.Series] {
        state.panes.map { pane in
            let e = state.elapsed(pane, now: now)
            let shown = pane.shownCount(elapsed: e)
            let name: String
            switch pane.source {
            case .live(let n): name = n
            case .replay(let n): name = "trace " + n
            case .mirror: name = "mirror \(Format.rate(pane.profile.rate)) tok/s"
            case .simulated: name = "\(Format.rate(pane.profile.rate)) tok/s"
            }
            return (label: name, times: Array(pane.schedule.times.prefix(shown)), finished: pane.isDone(elapsed: e))
        }
    }

    /// Shown instead of panes that cannot fit: what is needed, as much as the width allows.
    static func enlarge(width w: Int) -> [(String, StyleRole)] {
        let need = "\(Layout.minPane.width)×\(Layout.minPane.height + 1)"
        let lines =
            w >= 26
            ? ["terminal too small", "enlarge to at least \(need)", "(q quits)"]
            : w >= 9 ? ["too small", "need \(need)", "q quits"] : ["small"]
        return lines.enumerated().map { k, line in (line, k == 0 ? .warning : .dim) }
    }
}
