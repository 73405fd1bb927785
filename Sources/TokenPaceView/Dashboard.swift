import TokenPaceCore

/// The whole screen as a pure function of state, size and time.
public enum Dashboard {
    public static func render(
        _ state: AppState, size: Size, now: Double, options: ViewOptions = ViewOptions(), cache: PaneTextCache? = nil
    ) -> Buffer {
        var buffer = Buffer(size)
        guard size.width > 0, size.height > 0 else { return buffer }
        let cache = cache ?? PaneTextCache()
        let area = Rect(x: 0, y: 0, width: size.width, height: size.height - 1)
        guard size.height >= 2, let rects = Layout.grid(count: state.panes.count, in: area) else {
            enlarge(&buffer, state: state)
            return buffer
        }
        cache.keep(ids: state.panes.map(\.id))
        for (i, pane) in state.panes.enumerated() {
            PaneView(pane: pane, state: state, now: now, selected: i == state.selected, options: options)
                .draw(in: rects[i], buffer: &buffer, cache: cache)
        }
        StatusBar(state: state, now: now).draw(y: size.height - 1, width: size.width, buffer: &buffer)
        if state.chartVisible {
            let series: [RaceChart.Series] = state.panes.map { pane in
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
            let chart = RaceChart.render(series: series, size: Size(width: area.width, height: area.height), ascii: options.ascii)
            buffer.fill(area)
            for y in 0..<min(area.height, chart.size.height) {
                for x in 0..<min(area.width, chart.size.width) { buffer[area.x + x, area.y + y] = chart[x, y] }
            }
        }
        if state.explainVisible, state.panes.indices.contains(state.selected) {
            let pane = state.panes[state.selected]
            let shown = pane.shownCount(elapsed: state.elapsed(pane, now: now))
            let tally = cache.tally(for: pane, shown: shown, task: state.task)
            ExplainOverlay(
                lines: Explain.lines(for: pane, in: state, now: now, tally: tally), title: "pane \(pane.label) · how its figures are made · e closes",
                scroll: state.explainScroll, options: options
            ).draw(area: area, buffer: &buffer)
        }
        if state.helpVisible {
            HelpOverlay(scroll: state.helpScroll, options: options).draw(area: area, buffer: &buffer)
        }
        return buffer
    }

    /// Shown instead of panes that cannot fit: what is needed, centred, as much as fits.
    static func enlarge(_ buffer: inout Buffer, state: AppState) {
        let need = "\(Layout.minPane.width)×\(Layout.minPane.height + 1)"
        let w = buffer.size.width
        let lines =
            w >= 26
            ? ["terminal too small", "enlarge to at least \(need)", "(q quits)"]
            : w >= 9 ? ["too small", "need \(need)", "q quits"] : ["small"]
        let top = max(0, (buffer.size.height - lines.count) / 2)
        for (k, line) in lines.enumerated() where top + k < buffer.size.height {
            let x = max(0, (buffer.size.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + k, role: k == 0 ? .warning : .dim)
        }
    }
}
