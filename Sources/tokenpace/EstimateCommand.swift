import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore

/// `tokenpace estimate`: what a model would do on hardware you may not own, with the arithmetic shown.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Estimate decode and prefill speed, time to first token and memory for a model on a device.",
        discussion: """
            Figures are estimates from datasheet bandwidth and FLOPS with a few efficiency constants tuned
            against published llama.cpp measurements (see --checks); they are not measurements.
            Decode is memory bound (bytes read per token ÷ bandwidth), prefill compute bound
            (2 × active parameters FLOPs per token). Presets live in Samples/hardware.yaml
            (or $TOKENPACE_HARDWARE, or --catalog); add your own there.

            Examples:
              tokenpace estimate --gpu rtx4090 --model llama-3.1-8b --quant q4_k_m
              tokenpace estimate hw:m3-max/qwen2.5-32b/q4_k_m --context 32768 --batch 4
              tokenpace estimate --list
              tokenpace estimate --gpu h100 --model llama-3.1-8b --quant f16 --engine serving \\
                --gpu-cost 2.50/h --price claude-haiku-3.5 --answer-tokens 500   # box vs API, break-even
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Hardware spec hw:GPU/MODEL/QUANT (instead of --gpu/--model/--quant).")
    var spec: String?

    @Option(help: "Device preset, e.g. rtx4090, m3-max, h100, cpu-ddr5.")
    var gpu: String?

    @Option(help: "Model preset, e.g. llama-3.1-8b, qwen3-30b-a3b.")
    var model: String?

    @Option(help: "Weight format, e.g. f16, q8_0, q4_k_m.")
    var quant: String?

    @Option(help: "Tokens in the KV cache per user while decoding.")
    var context = HardwareQuery.defaultContext

    @Option(name: .customLong("prompt-tokens"), help: "Prompt length for the time to first token.")
    var promptTokens = HardwareQuery.defaultPromptTokens

    @Option(help: "Users decoding at once (concurrency).")
    var batch = 1

    @Option(help: "What runs the model: llama.cpp (llama-bench constants) or serving (vLLM, SGLang, TensorRT-LLM).")
    var engine = "llama.cpp"

    @Option(help: "Answer length for --gpu-cost/--price: cost per 1M output tokens at each batch and the break-even.")
    var answerTokens = 500

    @OptionGroup var cost: CostOptions

    @Option(help: "Output format.")
    var format = Format.text

    @Option(help: "Catalog file to read instead of Samples/hardware.yaml.")
    var catalog: String?

    @Flag(help: "List the presets.")
    var list = false

    @Flag(help: "Show the published measurements the estimator is checked against.")
    var checks = false

    func run() throws {
        do {
            try execute()
        } catch let error as CatalogError {
            fail(error.description)
        } catch let error as EstimateError {
            fail(error.description)
        } catch let error as ValueError {
            fail(error.description)
        }
    }

    private func execute() throws {
        let hardware = try HardwareCatalogFile.load(catalog)
        if list {
            guard format == .json else { return print(hardware.listing().joined(separator: "\n")) }
            return try printJSON(CatalogPresets(hardware))
        }
        if checks {
            guard format == .json else { return print(try hardware.checkReport().joined(separator: "\n")) }
            return try printJSON(try hardware.checkResults().map(CheckRow.init))
        }
        var query: HardwareQuery
        if let spec {
            guard gpu == nil, model == nil, quant == nil else {
                fail("give either hw:GPU/MODEL/QUANT or --gpu/--model/--quant, not both")
            }
            query = try HardwareQuery.parse(spec: spec)
        } else {
            guard let gpu, let model, let quant else {
                fail(
                    "give --gpu, --model and --quant (or hw:GPU/MODEL/QUANT); `tokenpace estimate --list` shows the presets"
                )
            }
            query = HardwareQuery(gpu: gpu, model: model, quant: quant)
        }
        query.context = context
        query.promptTokens = promptTokens
        query.batch = batch
        query.engine = try HardwareQuery.Engine.parse(engine)
        let estimate = try hardware.estimate(query)
        let (b, a) = try PriceSheetFile.both(cost.settings, sheet: cost.prices)
        guard (1...1_000_000).contains(answerTokens) else { fail("--answer-tokens must be 1…1000000") }
        let serving = b == nil && a == nil ? nil : estimate.servingCost(answerTokens: answerTokens, box: b, api: a)
        switch format {
        case .text: print((estimate.report() + (serving.map { [""] + $0.report() } ?? [])).joined(separator: "\n"))
        case .json: try printJSON(EstimateWithServing(estimate: estimate, serving: serving))
        }
    }

    private func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Errors go to stderr with exit code 2, so scripts can tell bad input from a crash; with
    /// `--format json` as an object `{"error": "..."}`.
    private func fail(_ message: String) -> Never {
        var text = "tokenpace estimate: \(message)\n"
        if format == .json,
            let data = try? JSONSerialization.data(withJSONObject: ["error": message], options: [.sortedKeys])
        {
            text = String(decoding: data, as: UTF8.self) + "\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
        Self.exit(withError: ExitCode(2))
    }
}
