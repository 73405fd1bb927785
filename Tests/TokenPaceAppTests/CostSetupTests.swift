import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceApp

/// `--price` / `--gpu-cost` reach every pane, a pane's own `#…` wins, and a sheet name is looked up.
@Suite struct CostSetupTests {
    @Test func dashboardPanesGetTheCommandsCostOrTheirOwn() throws {
        let setup = try Repo.dashboard {
            $0.rates = "50"
            $0.panes = ["sim:15#gpu-cost=2.50/h#power=450W", "sim:30"]
            $0.cost = CostSettings(price: "in=3,out=15")
        }.resolve()
        #expect(
            setup.setups.map(\.cost) == [
                .api(APIPrice(inputPerM: 3, outputPerM: 15)), .box(BoxCost(usdPerHour: 2.5, watts: 450)),
                .api(APIPrice(inputPerM: 3, outputPerM: 15)),
            ])
        let none = try Repo.dashboard { $0.rates = "50" }.resolve()
        #expect(none.setups[0].cost == nil)
    }

    @Test func aSheetNameIsReadFromThePricesFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let model = try PriceSheetFile.resolve(
            CostSettings(price: "gpt-4o-mini"), sheet: root.appendingPathComponent("Samples/prices.yaml").path)
        guard case .api(let p) = model else {
            Issue.record("expected an API price")
            return
        }
        #expect(p.inputPerM == 0.15 && p.outputPerM == 0.6 && p.sheet?.date == "2024-10-01")
        #expect(throws: ValueError.self) {
            try PriceSheetFile.resolve(CostSettings(price: "gpt-4o-mini"), sheet: "/nonexistent/prices.yaml")
        }
    }

    @Test func benchCostsEveryPaneAndPrintsTheModel() async throws {
        let setup = try Repo.bench {
            $0.panes = ["sim:50", "sim:15#price=in=1,out=2"]
            $0.success = "60%,90%"
            $0.cost = CostSettings(gpuCost: "3.60/h")
        }.resolve()
        let report = await setup.run()
        let a = try #require(report.panes[0].successes.first)
        // $3.60/h is $0.001 a second: E2E seconds ÷ 1000, ÷ 0.6.
        #expect(abs(a.costUSD! - a.metrics.e2e! / 1000 / 0.6) < 1e-12)
        #expect(abs(a.usableSeconds! - a.metrics.e2e! / 0.6) < 1e-12)
        let b = try #require(report.panes[1].successes.first)
        #expect(abs(b.costUSD! - (Double(b.promptTokens!) * 1 + Double(b.tokens) * 2) / 1e6 / 0.9) < 1e-12)
        #expect(report.markdown.contains("Cost of B: API in $1/M, out $2/M."))
        #expect(throws: ValueError.self) {
            try Repo.bench {
                $0.panes = ["sim:1"]; $0.success = "50%,50%"
            }.resolve()
        }
    }
}
