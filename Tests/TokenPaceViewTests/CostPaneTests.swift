import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

/// The cost line of a priced pane and its formula in `e`, as text.
@Suite struct CostPaneTests {
    @Test func pricedPanesShowTheirCostAndExplainIt() {
        let sample = DashboardSnapshotTests.library.samples(for: .chat)[0]
        let profiles = [Profile(rate: 50, firstToken: .fixed(0.5)), Profile(rate: 15, firstToken: .fixed(0.5))]
        var s = AppState(profiles: profiles, sample: sample, library: [sample], seed: 1, now: 0)
        s.panes[0].cost = .api(APIPrice(inputPerM: 3, outputPerM: 15))
        s.panes[1].cost = .box(BoxCost(usdPerHour: 2.5, watts: 450))
        let mid = Dashboard.render(s, size: Size(width: 120, height: 40), now: 2)
        #expect(mid.text.contains("cost so far $"))
        let end = s.panes.compactMap(\.e2e).max()! + 1
        let done = Dashboard.render(s, size: Size(width: 120, height: 40), now: end)
        // API: prompt × $3/M + answer × $15/M, by hand from the pane's own counts.
        let a = s.panes[0]
        let generated = a.tokens.filter(\.kind.isGenerated).count
        let usd = (Double(a.promptTokens) * 3 + Double(generated) * 15) / 1e6
        #expect(done.text.contains("cost \(Format.usd(usd)) · \(a.promptTokens) in + \(generated) out"))
        // Box: $2.50/h × the pane's E2E.
        let b = s.panes[1]
        #expect(done.text.contains("cost \(Format.usd(2.5 * b.e2e! / 3600)) · "))
        #expect(done.text.contains("J/tok"))
        assertSnapshot(done.text, named: "cost-120x40-done")
        reduce(&s, .toggleExplain, now: end)
        let explain = Dashboard.render(s, size: Size(width: 120, height: 40), now: end)
        #expect(
            explain.text.contains(
                "cost = \(a.promptTokens) prompt × $3/M + \(generated) generated × $15/M = \(Format.usd(usd))"))
        assertSnapshot(explain.text, named: "explain-cost-120x40")
    }
}
