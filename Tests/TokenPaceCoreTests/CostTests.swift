import Foundation
import Testing

@testable import TokenPaceCore

private let shippedPricesPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/prices.yaml").path

@Suite struct CostTests {
    // MARK: arithmetic, worked by hand

    @Test func apiCostIsUncachedInPlusCachedPlusOut() {
        let price = PaneCost.api(APIPrice(inputPerM: 3, outputPerM: 15, cachedPerM: 0.3))
        // 1000 prompt tokens, 400 of them cached, 500 generated:
        // 600 × 3 + 400 × 0.3 + 500 × 15 = 1800 + 120 + 7500 = 9420 µ$ = $0.00942.
        let c = price.cost(of: TaskTokens(input: 1000, cached: 400, generated: 500), seconds: 10)
        #expect(abs(c.usd! - 0.00942) < 1e-12)
        #expect(
            c.lines[0] == "cost = 600 prompt × $3/M + 400 cached × $0.3/M + 500 generated × $15/M = $0.00942")
        // Without a cached price, cached tokens are billed at the input price: 1000 × 3 + 500 × 15.
        let plain = PaneCost.api(APIPrice(inputPerM: 3, outputPerM: 15))
        #expect(
            abs(plain.cost(of: TaskTokens(input: 1000, cached: 400, generated: 500), seconds: nil).usd! - 0.0105)
                < 1e-12)
    }

    @Test func boxCostIsItsHourShareAndEnergy() {
        let box = PaneCost.box(BoxCost(usdPerHour: 2.5, watts: 450, usdPerKWh: 0.15))
        // 36 s of a $2.50/h box = $0.025; 450 W × 36 s = 16 200 J = 0.0045 kWh × $0.15 = $0.000675.
        let c = box.cost(of: TaskTokens(input: 100, generated: 300), seconds: 36)
        #expect(abs(c.usd! - 0.025675) < 1e-12)
        #expect(c.joules == 16_200)
        #expect(abs(c.kWh! - 0.0045) < 1e-12)
        #expect(c.joulesPerToken == 54)
        #expect(c.lines.count == 2)
        // A box task that has not finished has no total yet.
        #expect(box.cost(of: TaskTokens(input: 1, generated: 1), seconds: nil).usd == nil)
    }

    @Test func usableCostDividesByTheSuccessRate() {
        let c = PaneCost.api(APIPrice(inputPerM: 1, outputPerM: 1)).cost(
            of: TaskTokens(input: 400_000, generated: 200_000), seconds: 1)
        #expect(abs(c.usd! - 0.6) < 1e-12)
        #expect(abs(c.usable(success: 0.6)! - 1.0) < 1e-12)
    }

    @Test func agentStepsAndRetriesCountEveryPromptTokenSent() {
        // prompt 10; 3 generated; 2 tool-result tokens; 2 generated → the step re-sends 10 + 3 + 2 = 15.
        let step = [
            Token("a"), Token("b"), Token("c"), Token("r", kind: .toolResult), Token("r", kind: .toolResult),
            Token("d"), Token("e"),
        ]
        let cached = TaskTokens.tally(tokens: step, promptTokens: 10, promptCache: true)
        #expect(cached == TaskTokens(input: 25, cached: 13, generated: 5))
        let uncached = TaskTokens.tally(tokens: step, promptTokens: 10, promptCache: false)
        #expect(uncached == TaskTokens(input: 25, cached: 0, generated: 5))
        // Two tries of 2 tokens: the re-prompt sends 10 + 2 + 30 feedback = 42; cached: the prompt.
        let tries = Attempts.tokens([Token("x"), Token("y")], count: 2)
        #expect(
            TaskTokens.tally(tokens: tries, promptTokens: 10, promptCache: true)
                == TaskTokens(input: 52, cached: 10, generated: 4))
    }

    @Test func moneyIsPrintedWithEnoughDigits() {
        #expect(Format.usd(12.5) == "$12.50")
        #expect(Format.usd(0.709) == "$0.71")
        #expect(Format.usd(0.0123) == "$0.0123")
        #expect(Format.usd(0.000456) == "$0.000456")
        #expect(Format.usd(0) == "$0")
        #expect(Format.usd(nil) == "—")
    }

    // MARK: options

    @Test func pricesParse() throws {
        #expect(try APIPrice.parse("in=3,out=15") == APIPrice(inputPerM: 3, outputPerM: 15))
        #expect(
            try APIPrice.parse("in=$3, out=15, cached=0.3") == APIPrice(inputPerM: 3, outputPerM: 15, cachedPerM: 0.3))
        let box = try BoxCost.parse(gpuCost: "2.50/h", power: "0.45kW", kwh: "0.15/kWh")
        #expect(box == BoxCost(usdPerHour: 2.5, watts: 450, usdPerKWh: 0.15))
        #expect(try BoxCost.parse(gpuCost: "$1/hour", power: "450W") == BoxCost(usdPerHour: 1, watts: 450))
    }

    @Test(arguments: [
        (CostSettings(price: "in=-3,out=15"), "--price in -3 is negative"),
        (CostSettings(price: "in=three,out=15"), "--price in \"three\" is not a number"),
        (CostSettings(price: "in=3"), "needs both in= and out="),
        (CostSettings(price: "in=3,out=15,tip=1"), "unknown key \"tip\""),
        (CostSettings(price: "in=3,in=4,out=1"), "in given twice"),
        (CostSettings(gpuCost: "2.50"), "--gpu-cost \"2.50\" has no unit; write e.g. 2.50/h"),
        (CostSettings(gpuCost: "-2/h"), "--gpu-cost -2/h is negative"),
        (CostSettings(gpuCost: "cheap/h"), "--gpu-cost \"cheap/h\" is not a number"),
        (CostSettings(gpuCost: "2/h", power: "450"), "--power \"450\" has no unit; write e.g. 450W"),
        (CostSettings(gpuCost: "2/h", power: "-450W"), "--power -450W is negative"),
        (CostSettings(gpuCost: "2/h", power: "450W", kwh: "-0.1"), "--kwh -0.1 is negative"),
        (CostSettings(gpuCost: "2/h", power: "450W", kwh: "cheap"), "--kwh \"cheap\" is not a number"),
        (CostSettings(gpuCost: "2/h", kwh: "0.15"), "--kwh needs --power"),
        (CostSettings(power: "450W"), "--power and --kwh need --gpu-cost"),
        (CostSettings(price: "in=1,out=1", gpuCost: "2/h"), "not both"),
        (CostSettings(price: "in=1,out=1", power: "450W"), "go with --gpu-cost"),
    ])
    func badCostOptionsNameTheOption(settings: CostSettings, message: String) {
        #expect {
            _ = try settings.resolve { () throws(ValueError) -> PriceSheet in PriceSheet(entries: []) }
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func paneSuffixOverridesTheCommandsCost() throws {
        let base = CostSettings(gpuCost: "2/h", power: "300W")
        #expect(try CostSettings.paneSuffix("price=in=1,out=2", base: base) == CostSettings(price: "in=1,out=2"))
        #expect(
            try CostSettings.paneSuffix("power=450W", base: base) == CostSettings(gpuCost: "2/h", power: "450W"))
        #expect(
            try CostSettings.paneSuffix("gpu-cost=4/h#power=700W#kwh=0.2")
                == CostSettings(gpuCost: "4/h", power: "700W", kwh: "0.2"))
        #expect(throws: ValueError.self) { try CostSettings.paneSuffix("colour=red") }
        #expect(throws: ValueError.self) { try CostSettings.paneSuffix("price") }
    }

    // MARK: price sheets

    @Test func shippedSheetHasDatesAndSources() throws {
        let sheet = try PriceSheet.parse(yaml: String(contentsOfFile: shippedPricesPath, encoding: .utf8))
        #expect(sheet.entries.count >= 3)
        for e in sheet.entries {
            #expect(e.date.count == 10, "\(e.name) has a date")
            #expect(e.source.hasPrefix("https://"), "\(e.name) has a source")
        }
        let chosen = try CostSettings(price: "Claude Sonnet 4.5").resolve { () throws(ValueError) in sheet }
        guard case .api(let p) = chosen else { Issue.record("not an API price"); return }
        #expect(p.inputPerM == 3 && p.outputPerM == 15 && p.cachedPerM == 0.3 && p.sheet?.name == "claude-sonnet-4.5")
        #expect(PaneCost.api(p).summary.contains("as of 2025-10-01"))
    }

    @Test(arguments: [
        (
            "prices:\n  - name: a\n    in: 1\n    out: -2\n    date: 2025-01-01\n    source: x\n",
            "p.yaml:4: price a: out is negative"
        ),
        (
            "prices:\n  - name: a\n    in: one\n    out: 2\n    date: 2025-01-01\n    source: x\n",
            "p.yaml:3: price a: in is not a number"
        ),
        (
            "prices:\n  - name: a\n    out: 2\n    date: 2025-01-01\n    source: x\n",
            "p.yaml:2: price a: needs both `in` and `out`"
        ),
        ("prices:\n  - name: a\n    in: 1\n    out: 2\n    source: x\n", "p.yaml:2:"),
        ("prices:\n  - name: a\n    in: 1\n    out: 2\n    date: d\n    source: x\n    colour: red\n", "p.yaml:"),
        (
            "prices:\n  - name: a\n    in: 1\n    out: 2\n    date: d\n    source: x\n  - name: A\n    in: 1\n    out: 2\n    date: d\n    source: x\n",
            "p.yaml:7: price A is given twice"
        ),
        ("prices: [\n", "p.yaml:"),
    ])
    func badSheetsNameFileAndLine(yaml: String, message: String) {
        #expect {
            _ = try PriceSheet.parse(yaml: yaml, source: "p.yaml")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func unknownSheetNameSuggestsTheClosest() throws {
        let sheet = try PriceSheet.parse(yaml: String(contentsOfFile: shippedPricesPath, encoding: .utf8))
        #expect {
            _ = try CostSettings(price: "gpt-4o-mnii").resolve { () throws(ValueError) in sheet }
        } throws: { error in
            "\(error)".contains("--price gpt-4o-mnii: no price sheet entry") && "\(error)".contains("gpt-4o-mini")
        }
    }

    // MARK: bench

    @Test func benchBillingGivesCostPerCompletedTask() {
        let stream = BenchComputed.simulated(
            profile: Profile(rate: 50, firstToken: .fixed(0)), tokens: (0..<101).map { _ in Token("x") },
            promptTokens: 100, seed: 1, task: .chat)
        // 101 tokens at 50 tok/s from t = 0: E2E 2 s. One try: 100 × 3 + 101 × 15 = 1815 µ$; ÷ 0.6.
        let billed = BenchBilling(
            cost: .api(APIPrice(inputPerM: 3, outputPerM: 15)), success: 0.6, input: 100
        ).apply(stream)
        #expect(billed.promptTokens == 100)
        #expect(abs(billed.usableSeconds! - 2 / 0.6) < 1e-9)
        #expect(abs(billed.costUSD! - 0.001815 / 0.6) < 1e-12)
        let report = BenchReport(
            panes: [BenchPaneResult(label: "A", name: "sim:50", source: "simulated", runs: [[billed]])], runs: 1)
        #expect(report.json.contains("\"cost_usd\": {\"median\": 0.003025"))
        #expect(report.json.contains("\"usable_s\": {\"median\": 3.333333"))
        #expect(report.markdown.contains("| cost/task |"))
    }

    @Test func aSavedPaneSaysHowItWasPriced() {
        var pane = PaneState(
            id: 0, profile: Profile(rate: 10), seed: 1, tokens: [Token("a"), Token("b")], promptTokens: 5, task: .chat,
            origin: 0)
        pane.cost = .box(BoxCost(usdPerHour: 2.5))
        let trace = Trace.simulated(pane: pane, task: .chat)
        #expect(trace.header.settings.compact.contains("\"cost\": \"box $2.5/h\""))
    }

    @Test func aServersOwnPromptCountAndCacheHitsWin() {
        var recorder = BenchRecorder()
        recorder.token(TokenEvent(text: "a", kind: .answer, t: 0.1))
        recorder.token(TokenEvent(text: "b", kind: .answer, t: 0.2))
        recorder.usage(completionTokens: 2)
        recorder.promptUsage(promptTokens: 1000, cachedTokens: 600)
        recorder.finish()
        let billed = BenchBilling(cost: .api(APIPrice(inputPerM: 3, outputPerM: 15, cachedPerM: 0.3)), input: 28)
            .apply(recorder.result(task: .chat))
        // 400 × 3 + 600 × 0.3 + 2 × 15 = 1200 + 180 + 30 = 1410 µ$.
        #expect(billed.promptTokens == 1000)
        #expect(abs(billed.costUSD! - 0.00141) < 1e-12)
    }
}
