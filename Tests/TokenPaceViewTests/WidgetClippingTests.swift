import Testing
import TokenPaceCore

@testable import TokenPaceView

/// Every widget drawn where its content does not fit: into a buffer smaller than the area it is
/// given, into small areas of a larger buffer, and into areas that hang over the buffer's edges.
/// It must not crash, must keep the buffer's size, and must leave every cell outside its area
/// as it was.
@Suite struct WidgetClippingTests {
    /// A dashboard mid-race with a finished pane, in the state each overlay needs.
    static func dashboard(chart: Bool = false, explain: Bool = false, help: Bool = false) -> AppState {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        var state = AppState(
            profiles: [10, 21, 200].map { Profile(rate: $0, firstToken: .fixed(0.5)) }, sample: sample,
            library: DashboardSnapshotTests.library.samples, seed: 1, now: 0)
        state.chartVisible = chart
        state.explainVisible = explain
        state.helpVisible = help
        return state
    }

    /// A perception session at `stage` (see `PerceptionScreenTests.stages`).
    static func session(_ stage: String) -> (PerceptionSession, Double) {
        let found = PerceptionScreenTests.stages().first { $0.0 == stage }!
        return (found.1, found.2)
    }

    /// Each widget by name, made as its screen makes it.
    static let widgets: [String: @Sendable () -> any Widget] = [
        "box": { Box(chars: .unicode, role: .border, title: "a title longer than the box", titleRole: .title) },
        "pane view": {
            let s = dashboard()
            return PaneView(
                pane: s.panes[0], state: s, now: 3, selected: true, options: ViewOptions(), cache: PaneTextCache())
        },
        "finished pane view": {
            let s = dashboard()
            return PaneView(
                pane: s.panes[2], state: s, now: 60, selected: false, options: ViewOptions(), cache: PaneTextCache())
        },
        "status bar": { StatusBar(state: dashboard(), now: 2) },
        "help overlay": { HelpOverlay(scroll: 0, options: ViewOptions()) },
        "explain overlay": {
            let s = dashboard()
            return ExplainOverlay(
                lines: Explain.lines(for: s.panes[0], in: s, now: 3), title: "pane A · how its figures are made",
                scroll: 0, options: ViewOptions())
        },
        "race chart": {
            RaceChart(
                series: [("fast", [0.2, 0.3, 0.4, 2.5], true), ("slow", [1, 2, 3], false), ("none", [], false)],
                ascii: false)
        },
        "too small": { TooSmall(lines: Dashboard.enlarge(width: 30)) },
        "dashboard": { Dashboard(dashboard(), now: 3) },
        "dashboard with chart": { Dashboard(dashboard(chart: true), now: 3) },
        "dashboard with explain": { Dashboard(dashboard(explain: true), now: 3) },
        "dashboard with help": { Dashboard(dashboard(help: true), now: 3) },
        "blind pane view": {
            let (s, now) = session("watching")
            let pane = s.panes[0]
            return BlindPaneView(
                pane: pane, elapsed: s.elapsed(pane, now: now), options: ViewOptions(), cache: PaneTextCache())
        },
        "question panel": { QuestionPanel(session: session("which would you accept").0, options: ViewOptions()) },
        "perception status bar": { PerceptionStatusBar(session: session("rate each pane").0, scrollable: true) },
        "card": {
            let text = PerceptionText.instructions(session("instructions").0.config)
            return Card(lines: text.lines, footer: text.footer, scroll: 2)
        },
        "summary": { PerceptionSummary(session: session("summary").0, options: ViewOptions()) },
        "perception screen": {
            let (s, now) = session("rate each pane")
            return PerceptionScreen(s, now: now)
        },
    ]

    static let marker = Cell("#", role: .warning)

    /// Draws `widget` into `area` of a buffer of `size` filled with the marker; every cell outside
    /// the area must still be the marker.
    static func check(_ name: String, _ widget: any Widget, size: Size, area: Rect) {
        var buffer = Buffer(size)
        buffer.fill(Rect(x: 0, y: 0, width: size.width, height: size.height), char: "#", role: .warning)
        widget.draw(in: area, buffer: &buffer)
        #expect(buffer.size == size, "\(name) in \(area)")
        var outside = 0
        for y in 0..<size.height {
            for x in 0..<size.width where !(x >= area.x && x < area.maxX && y >= area.y && y < area.maxY) {
                if buffer[x, y] != marker { outside += 1 }
            }
        }
        #expect(outside == 0, "\(name) in \(area) of \(size.width)×\(size.height): \(outside) cells drawn outside")
    }

    @Test(arguments: widgets.keys.sorted())
    func drawsIntoABufferSmallerThanItsContent(_ name: String) {
        let widget = Self.widgets[name]!()
        // The area the widget is laid out for, in a buffer much smaller than it.
        for (width, height) in [(0, 0), (1, 1), (7, 3), (30, 8)] {
            let size = Size(width: width, height: height)
            var buffer = Buffer(size)
            widget.draw(in: Rect(x: 0, y: 0, width: 120, height: 40), buffer: &buffer)
            #expect(buffer.size == size)
        }
        // Areas that hang over every edge of the buffer.
        for area in [
            Rect(x: -5, y: -3, width: 40, height: 12), Rect(x: 25, y: 6, width: 40, height: 12),
            Rect(x: -50, y: 2, width: 60, height: 3), Rect(x: 2, y: -20, width: 10, height: 24),
        ] {
            var buffer = Buffer(Size(width: 30, height: 10))
            widget.draw(in: area, buffer: &buffer)
            #expect(buffer.size == Size(width: 30, height: 10))
        }
        // Small areas inside a larger buffer: nothing lands outside them.
        for width in [0, 1, 2, 3, 5, 8, 13, 21, 34] {
            for height in [0, 1, 2, 3, 4, 6, 9] {
                let area = Rect(x: 7, y: 4, width: width, height: height)
                Self.check(name, widget, size: Size(width: 60, height: 20), area: area)
            }
        }
    }
}
