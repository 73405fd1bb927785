import Testing
import TokenPaceBackends
import TokenPaceCore

@testable import TokenPaceApp

@Suite struct PaneSpecTests {
    @Test func readsEveryForm() throws {
        #expect(try PaneSpec.parse("sim:60") == .simulated(rate: 60, firstToken: nil))
        #expect(try PaneSpec.parse("sim:21@0.5s") == .simulated(rate: 21, firstToken: .fixed(0.5)))
        #expect(try PaneSpec.parse("sim:21tok/s@300ms") == .simulated(rate: 21, firstToken: .fixed(0.3)))
        #expect(try PaneSpec.parse("sim:21@prefill") == .simulated(rate: 21, firstToken: .defaultPrefill))
        #expect(try PaneSpec.parse("SIM:21") == .simulated(rate: 21, firstToken: nil))
        #expect(try PaneSpec.parse("mirror:10") == .mirror(rate: 10, firstToken: nil))
        #expect(try PaneSpec.parse("mirror:10@1s") == .mirror(rate: 10, firstToken: .fixed(1)))
        #expect(try PaneSpec.parse("trace:run.jsonl") == .trace(path: "run.jsonl", mode: .original))
        #expect(try PaneSpec.parse("trace:run.jsonl@2x") == .trace(path: "run.jsonl", mode: .speed(2)))
        #expect(
            try PaneSpec.parse("trace:run.jsonl@rate=21")
                == .trace(path: "run.jsonl", mode: .retimed(rate: 21, ttft: nil)))
        #expect(try PaneSpec.parse("trace:run.jsonl@ttft=0.3s") == .trace(path: "run.jsonl", mode: .shifted(ttft: 0.3)))
        #expect(
            try PaneSpec.parse("hw:rtx4090/llama-3.1-8b/q4_k_m")
                == .hardware(HardwareQuery(gpu: "rtx4090", model: "llama-3.1-8b", quant: "q4_k_m")))
        #expect(
            try PaneSpec.parse("openai:http://127.0.0.1:18080/v1@qwen3")
                == .live(BackendSpec(kind: .openai, baseURL: "http://127.0.0.1:18080/v1", model: "qwen3")))
        #expect(try PaneSpec.parse("ollama:llama3.2") == .live(BackendSpec(kind: .ollama, model: "llama3.2")))
        #expect(
            try PaneSpec.parse("anthropic:claude-sonnet-4-5")
                == .live(BackendSpec(kind: .anthropic, model: "claude-sonnet-4-5")))
        #expect(
            try PaneSpec.parse("llamacpp:http://127.0.0.1:8080")
                == .live(BackendSpec(kind: .llamacpp, baseURL: "http://127.0.0.1:8080")))
        #expect(try PaneSpec.parse("  sim:5  ") == .simulated(rate: 5, firstToken: nil))
    }

    @Test(arguments: [
        ("sim:10,20", "--pane sim:10,20: one rate per pane (write sim:RATE[@TTFT], e.g. sim:21@0.5s)"),
        (
            "sim:fast",
            "--pane sim:fast: rate \"fast\" is not a number (e.g. 21 or 21tok/s) (write sim:RATE[@TTFT], e.g. sim:21@0.5s)"
        ),
        (
            "sim:9000",
            "--pane sim:9000: rate 9000 is out of range: rates go from 0.1 to 5000 tok/s (write sim:RATE[@TTFT], e.g. sim:21@0.5s)"
        ),
        ("mirror:10,20", "--pane mirror:10,20: one rate per pane (write mirror:RATE[@TTFT], e.g. mirror:21@0.5s)"),
        ("trace:", "--pane trace:: trace spec \"trace:\" has no path (e.g. trace:run.jsonl@2x)"),
    ])
    func errorsNameTheSpecAndShowTheForm(spec: String, message: String) {
        #expect(throws: ValueError(message)) { try PaneSpec.parse(spec) }
    }

    @Test(arguments: ["sim:", "sim:10@soon", "hw:rtx4090/llama", "nonsense:x", "http://127.0.0.1:8080", "ollama:"])
    func badSpecsNameTheSpec(spec: String) {
        #expect {
            try PaneSpec.parse(spec)
        } throws: { error in
            (error as? ValueError)?.description.hasPrefix("--pane \(spec)") == true
        }
    }

    @Test func emptySpecListsTheForms() {
        #expect {
            try PaneSpec.parse("  ")
        } throws: { error in
            (error as? ValueError)?.description == "--pane is empty; give one of: \(PaneSpec.forms)"
        }
    }

    @Test func oneTaskParser() throws {
        #expect(try TaskKind.parse("Code") == .code)
        #expect(throws: ValueError("unknown task \"poetry\"; tasks: chat, code, reasoning, summarize, agent, batch")) {
            try TaskKind.parse("poetry")
        }
    }
}

@Suite struct PanePresentationSpecTests {
    @Test func aSpecMayGiveItsPresentation() throws {
        #expect(try PaneSpec.parse("sim:21@0.5s#present=blocking") == .simulated(rate: 21, firstToken: .fixed(0.5)))
        #expect(try PaneSpec.presentation("sim:21@0.5s#present=blocking").presentation == .blocking)
        #expect(try PaneSpec.presentation("hw:rtx4090/llama-3.1-8b/q4_k_m#present=Progress").presentation == .progress)
        #expect(try PaneSpec.presentation("trace:run.jsonl@2x#present=staged") == ("trace:run.jsonl@2x", .staged))
        #expect(
            try PaneSpec.parse("openai:http://127.0.0.1:18080/v1@smol#present=blocking")
                == .live(BackendSpec(kind: .openai, baseURL: "http://127.0.0.1:18080/v1", model: "smol")))
        #expect(try PaneSpec.presentation("sim:60").presentation == nil)
        // A `+` belongs to a live model name or a trace path.
        #expect(try PaneSpec.presentation("ollama:model+extra") == ("ollama:model+extra", nil))
        #expect(try PaneSpec.presentation("trace:a+b.jsonl#present=blocking") == ("trace:a+b.jsonl", .blocking))
    }

    @Test func aMisspeltPresentationIsNamed() {
        #expect(
            throws: ValueError(
                "--pane sim:21#present=blockng: #present: unknown presentation 'blockng' (expected stream, blocking, progress, staged)"
            )
        ) { try PaneSpec.parse("sim:21#present=blockng") }
    }

    @Test func presentPerPaneAndSpecsWin() throws {
        #expect(
            try DashboardConfig.presentations("blocking", specs: [], before: 3, panes: 3) == [
                .blocking, .blocking, .blocking,
            ])
        #expect(
            try DashboardConfig.presentations("stream,progress", specs: ["sim:5#present=staged"], before: 1, panes: 2)
                == [
                    .stream, .staged,
                ])
        #expect(throws: ValueError("--present has 2 values for 3 panes: give one, or one per pane")) {
            try DashboardConfig.presentations("stream,blocking", specs: [], before: 3, panes: 3)
        }
    }

    @Test func theDashboardOpensWithEachPanesPresentation() throws {
        var c = DashboardConfig()
        c.rates = "10,21"
        c.present = "stream,blocking,progress"
        c.panes = ["sim:60#present=staged"]
        let setup = try c.resolve()
        #expect(setup.setups.map(\.presentation) == [.stream, .blocking, .staged])
    }
}

@Suite struct PaneSpecCostTests {
    @Test func everyFormTakesACostAfterAHash() throws {
        #expect(try PaneSpec.parse("sim:50#price=in=3,out=15") == .simulated(rate: 50, firstToken: nil))
        #expect(try PaneSpec.parse("sim:21@0.5s#gpu-cost=2.50/h") == .simulated(rate: 21, firstToken: .fixed(0.5)))
        #expect(try PaneSpec.parse("trace:run.jsonl@2x#price=gpt-4o") == .trace(path: "run.jsonl", mode: .speed(2)))
        #expect(
            try PaneSpec.parse("hw:h100/llama-3.1-8b/f16#gpu-cost=2.5/h#power=700W")
                == .hardware(HardwareQuery(gpu: "h100", model: "llama-3.1-8b", quant: "f16")))
        #expect(
            try PaneSpec.parse("openai:http://127.0.0.1:18080/v1@qwen3#price=in=0.1,out=0.4")
                == .live(BackendSpec(kind: .openai, baseURL: "http://127.0.0.1:18080/v1", model: "qwen3")))
        #expect(PaneSpec.costPart("sim:5").cost == nil)
        #expect(PaneSpec.costPart("sim:5#kwh=0.1") == ("sim:5", "kwh=0.1"))
        let base = CostSettings(price: "in=1,out=2")
        #expect(try PaneSpec.costSettings("sim:5", base: base) == base)
        #expect(try PaneSpec.costSettings("sim:5#gpu-cost=3/h", base: base) == CostSettings(gpuCost: "3/h"))
    }

    @Test(arguments: [
        ("sim:5#colour=red", "--pane sim:5#colour=red: #colour: unknown cost setting (price, gpu-cost, power, kwh)"),
        ("sim:5#price", "--pane sim:5#price: #price: write #price=in=3,out=15"),
    ])
    func badCostPartsNameThePane(spec: String, message: String) {
        #expect {
            _ = try PaneSpec.costSettings(spec, base: CostSettings())
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func benchRefusesABadPanePrice() {
        var c = BenchConfig()
        c.panes = ["sim:50#price=in=-1,out=2"]
        #expect {
            _ = try c.resolve()
        } throws: { error in
            "\(error)".contains("--pane sim:50#price=in=-1,out=2: --price in -1 is negative")
        }
    }
}
