import Foundation
import Testing

@testable import TokenPaceCore

private let catalogPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/hardware.yaml").path

/// Round numbers: a 10 B-parameter F16 model (20 GB) on a 1000 GB/s, 100 TFLOPS card; its KV cache
/// (160 bytes a token) is too small to matter beside the weights.
private func near(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-4 * abs(b) } ?? false }
private let yaml = """
    classes:
      dc:
        decode_efficiency: 0.5
        prefill_efficiency: 0.5
        step_overhead_ms: 0
        layer_overhead_ms: 0.1
        runtime_overhead_gib: 1
        usable_memory: 1.0
        serving_decode_efficiency: 1.0
        serving_prefill_efficiency: 1.0
      plain:
        decode_efficiency: 1.0
        prefill_efficiency: 1.0
        step_overhead_ms: 0
        runtime_overhead_gib: 1
        usable_memory: 1.0
    gpus:
      - id: box
        class: dc
        bandwidth_gbs: 1000
        fp16_tflops: 100
        memory_gib: 80
      - id: mac
        class: plain
        bandwidth_gbs: 1000
        fp16_tflops: 100
        memory_gib: 80
    models:
      - id: m10
        params_b: 10
        layers: 40
        kv_heads: 1
        head_dim: 1
    quants:
      - id: f16
        bits_per_weight: 16
    """

@Suite struct EstimateServingTests {
    private func estimate(_ gpu: String = "box", engine: HardwareQuery.Engine = .llamaCpp, prompt: Int = 1000) throws
        -> Estimate
    {
        var q = HardwareQuery(gpu: gpu, model: "m10", quant: "f16", context: 1000, promptTokens: prompt)
        q.engine = engine
        return try HardwareCatalog.parse(yaml: yaml, source: "t.yaml").estimate(q)
    }

    @Test func llamaCppPaysAFixedCostPerLayerPerStep() throws {
        // 20 GB ÷ (0.5 × 1000 GB/s) = 40 ms, + 40 layers × 0.1 ms = 44 ms a step.
        let e = try estimate()
        #expect(near(e.stepSeconds, 0.044))
        #expect(e.explanation.contains { $0.contains("(40 layers × 0.1 ms)") })
        // A serving engine: the whole bandwidth, no per-step cost: 20 ms; prefill 100e12 ÷ 20e9 = 5000 tok/s.
        let s = try estimate(engine: .serving)
        #expect(near(s.stepSeconds, 0.020))
        #expect(near(s.prefillRate, 5000))
        #expect {
            _ = try estimate("mac", engine: .serving)
        } throws: { error in
            "\(error)".contains("no serving-engine constants for plain devices")
        }
        #expect(throws: EstimateError.self) { try HardwareQuery.Engine.parse("ollama") }
    }

    @Test func batchThroughputPrefillsEveryPromptThenDecodesTheBatch() throws {
        let s = try estimate(engine: .serving)
        // 4 users × 1000 prompt tokens ÷ 5000 tok/s = 0.8 s; 100 steps × 20 ms (no KV: 0 heads) = 2 s;
        // 400 tokens ÷ 2.8 s (KV reads add a few µs).
        #expect(near(s.batchThroughput(batch: 4, input: 1000, output: 100), 400 / 2.8))
    }

    @Test func breakEvenIsTheBoxsHourOverOneRequestAtTheAPI() throws {
        let s = try estimate(engine: .serving)
        let table = s.servingCost(
            answerTokens: 100, box: BoxCost(usdPerHour: 2, watts: 1000, usdPerKWh: 0.5),
            api: APIPrice(inputPerM: 3, outputPerM: 15))
        // box: $2 + 1 kW × $0.5 = $2.50 an hour. API: 1000 × 3 + 100 × 15 = 4500 µ$ = $0.0045 a request.
        #expect(table.boxHourly == 2.5)
        #expect(abs(table.apiPerRequest! - 0.0045) < 1e-12)
        #expect(near(table.breakEvenPerHour, 2.5 / 0.0045))
        // Batch 1: 0.2 s prefill + 100 × 20 ms = 2.2 s a request → 1636 an hour ≥ 556: batch 1 serves it.
        let row = try #require(table.rows.first)
        #expect(near(row.requestsPerHour, 3600 / 2.2))
        #expect(near(row.ttft, 0.22))
        #expect(near(row.boxUSDPerMOutput, 2.5 / (3600 * 100 / 2.2) * 1e6))
        #expect(table.row(serving: table.breakEvenPerHour!)?.users == 1)
        #expect(table.verdict[0].hasPrefix("break-even: the box is cheaper than this API above 556 requests an hour"))
        #expect(table.verdict[1].contains("batch 1: TTFT 220 ms"))
        // API per 1M output tokens, the prompt included: $0.0045 ÷ 100 × 1e6 = $45.
        #expect(abs(table.apiUSDPerMOutput! - 45) < 1e-9)
        // A box too dear for what it can serve says so.
        let dear = s.servingCost(
            answerTokens: 100, box: BoxCost(usdPerHour: 1e6), api: APIPrice(inputPerM: 3, outputPerM: 15))
        #expect(dear.verdict[1].contains("does not pay off"))
    }

    @Test func shippedServingChecksAreWithin25PercentAndMostlyHeldOut() throws {
        let catalog = try HardwareCatalog.load(path: catalogPath)
        let results = try catalog.batchCheckResults()
        #expect(results.contains { $0.check.batch > 1 && $0.check.heldOut })
        #expect(results.filter(\.check.heldOut).count >= 7)
        // Up to batch 384, where each step reads more KV cache than weights.
        #expect(results.contains { $0.check.batch >= 256 && $0.check.heldOut })
        for r in results {
            #expect(abs(r.error) <= HardwareCatalog.checkTolerance, "line \(r.check.line) off by \(r.error)")
            #expect(r.check.source.hasPrefix("https://"))
        }
        #expect(try catalog.checkReport().contains { $0.hasPrefix("a100-80gb/llama-2-7b/f16 serving 64 × 128/128") })
    }

    @Test func datacenterHeldOutPointsFitNow() throws {
        let catalog = try HardwareCatalog.load(path: catalogPath)
        let heldOut = try catalog.checkResults().filter {
            $0.check.heldOut && ["a100-80gb", "h100"].contains($0.check.gpu)
        }
        #expect(heldOut.count == 2)
        for r in heldOut {
            #expect(r.check.knownMiss == nil)
            #expect(abs(r.decodeError) <= HardwareCatalog.checkTolerance, "\(r.check.gpu) decode \(r.decodeError)")
            #expect(abs(r.prefillError) <= HardwareCatalog.checkTolerance, "\(r.check.gpu) prefill \(r.prefillError)")
        }
    }
}
