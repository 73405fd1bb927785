import Foundation
import Testing

@testable import TokenPaceCore

private let catalogPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples/hardware.yaml").path

private func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }

/// Round numbers: a 10 B model on a CUDA card of 100 SMs at 2 GHz (MMQ at 500 ops per SM per clock:
/// 100 T int8 ops/s) whose FP16 tensor rate is 400 TFLOPS, and on a Mac-like card whose class has
/// its own quantised prompt factor.
private let yaml = """
    classes:
      cuda:
        decode_efficiency: 0.8
        prefill_efficiency: 0.5
        step_overhead_ms: 0
        runtime_overhead_gib: 1
        usable_memory: 1.0
        mmq_ops_per_sm_clock: 500
        serving_decode_efficiency: 0.8
        serving_prefill_efficiency: 0.5
      metal:
        decode_efficiency: 0.9
        prefill_efficiency: 0.8
        step_overhead_ms: 0
        runtime_overhead_gib: 1
        usable_memory: 0.75
        quant_prefill_factor: 0.9
    gpus:
      - id: card
        class: cuda
        bandwidth_gbs: 1000
        fp16_tflops: 400
        memory_gib: 80
        sms: 100
        boost_clock_ghz: 2
      - id: nosms
        class: cuda
        bandwidth_gbs: 1000
        fp16_tflops: 400
        memory_gib: 80
      - id: mac
        class: metal
        bandwidth_gbs: 400
        fp16_tflops: 10
        memory_gib: 64
    models:
      - id: m10
        params_b: 10
        layers: 40
        kv_heads: 8
        head_dim: 128
    quants:
      - id: f16
        bits_per_weight: 16
      - id: q4_0
        name: Q4_0
        bits_per_weight: 4.5
        decode_factor: 0.85
        prefill_factor: 0.75
    """

@Suite struct EstimatePromptKernelTests {
    private func estimate(
        _ gpu: String, _ quant: String, kernels: HardwareQuery.CUDAKernels = .mmq,
        engine: HardwareQuery.Engine = .llamaCpp
    ) throws -> Estimate {
        var q = HardwareQuery(gpu: gpu, model: "m10", quant: quant, context: 512, promptTokens: 512)
        q.cudaKernels = kernels
        q.engine = engine
        return try HardwareCatalog.parse(yaml: yaml, source: "t.yaml").estimate(q)
    }

    @Test func quantisedPromptsOnCUDARunAtMMQsRatePerSMAndClock() throws {
        // 500 × 100 SMs × 2 GHz = 1e14 ops/s ÷ (2 × 10e9) = 5000 tok/s, whatever the tensor TFLOPS.
        let e = try estimate("card", "q4_0")
        #expect(near(e.prefillRate, 5000))
        #expect(
            e.explanation.contains {
                $0.hasPrefix(
                    "prefill ≈ 500 int8 ops per SM per clock × 100 SMs × 2 GHz (llama.cpp's MMQ kernels, Q4_0)")
            })
        // F16 weights have no MMQ kernels: 0.5 × 400 TFLOPS ÷ 20e9 = 10000 tok/s.
        #expect(near(try estimate("card", "f16").prefillRate, 10000))
        // A build from before MMQ was the default: dequantise to F16, cuBLAS: 0.5 × 0.75 × 400e12 ÷ 20e9.
        let old = try estimate("card", "q4_0", kernels: .cublas)
        #expect(near(old.prefillRate, 7500))
        #expect(old.explanation.contains { $0.hasPrefix("prefill ≈ 0.50 × 0.75 (Q4_0) × 400 TFLOPS") })
        // A card without SMs and clock in the catalog, and serving engines, keep the FP16 path.
        #expect(near(try estimate("nosms", "q4_0").prefillRate, 7500))
        #expect(near(try estimate("card", "q4_0", engine: .serving).prefillRate, 7500))
    }

    @Test func aClassFactorReplacesTheQuantsForQuantisedPromptsOnly() throws {
        // Metal: 0.8 × 0.9 × 10 TFLOPS ÷ 20e9 = 360 tok/s for Q4_0 (not 0.75), 400 for F16.
        let q = try estimate("mac", "q4_0")
        #expect(near(q.prefillRate, 360))
        #expect(q.explanation.contains { $0.hasPrefix("prefill ≈ 0.80 × 0.90 (Q4_0, metal kernels) × 10 TFLOPS") })
        #expect(near(try estimate("mac", "f16").prefillRate, 400))
    }

    @Test func catalogRejectsUnknownKernelsAndBadSMs() throws {
        let check =
            yaml + """

                checks:
                  - gpu: card
                    model: m10
                    quant: q4_0
                    decode: 100
                    prefill: 5000
                    kv_depth: 64
                    bench: test
                    source: https://example.com
                    cuda_kernels: tensorrt
                """
        #expect {
            _ = try HardwareCatalog.parse(yaml: check, source: "t.yaml")
        } throws: { error in
            "\(error)".contains("cuda_kernels must be mmq or cublas, not \"tensorrt\"")
        }
        let old = try HardwareCatalog.parse(
            yaml: check.replacingOccurrences(of: "tensorrt", with: "cublas"), source: "t.yaml")
        #expect(old.checks.first?.cudaKernels == .cublas)
        #expect(try old.checkResults().first.map { near($0.estimatedPrefill, 7500) } == true)
        #expect(throws: CatalogError.self) {
            try HardwareCatalog.parse(yaml: yaml.replacingOccurrences(of: "sms: 100", with: "sms: 0"), source: "t.yaml")
        }
    }

    @Test func shippedHeldOutPointsAllFitAndNoCheckIsAKnownMiss() throws {
        let catalog = try HardwareCatalog.load(path: catalogPath)
        let results = try catalog.checkResults()
        let heldOut = results.filter(\.check.heldOut)
        #expect(heldOut.count >= 11)
        for r in heldOut {
            #expect(r.check.knownMiss == nil)
            #expect(
                r.within(HardwareCatalog.checkTolerance),
                "\(r.check.gpu)/\(r.check.model)/\(r.check.quant): decode \(r.decodeError), prefill \(r.prefillError)")
        }
        #expect(results.allSatisfy { $0.check.knownMiss == nil })
        // The M1 Max's K-quant decode is set by unpacking the weights, on its May 2024 build and
        // on a 2026 one alike, and both fit.
        let m1 = results.filter {
            $0.check.gpu == "m1-max" && $0.check.model == "llama-3.1-8b" && $0.check.quant == "q4_k_m"
        }
        #expect(m1.count == 2 && m1.allSatisfy { $0.within(HardwareCatalog.checkTolerance) })
        #expect(
            try catalog.estimate(HardwareQuery(gpu: "m1-max", model: "llama-3.1-8b", quant: "q4_k_m")).dequantBound)
        #expect(
            heldOut.contains {
                $0.check.gpu == "m1-max" && $0.check.model == "llama-3.1-8b" && $0.check.quant == "q4_k_m"
            })
        // Checks of CUDA builds from before June 2024 say so; every CUDA card's quantised held-out
        // prompt rate comes from MMQ (SMs × clock), datacenter and consumer alike.
        for gpu in ["rtx3060", "rtx3090", "rtx4090", "rtx5090", "a100-80gb", "h100"] {
            let spec = try catalog.gpu(named: gpu)
            #expect(spec.sms != nil && spec.boostClockGHz != nil && spec.deviceClass.mmqOpsPerSMClock != nil)
            let e = try catalog.estimate(HardwareQuery(gpu: gpu, model: "llama-2-7b", quant: "q4_0"))
            #expect(e.explanation.contains { $0.contains("llama.cpp's MMQ kernels") })
        }
        #expect(results.filter { $0.check.cudaKernels == .cublas }.count >= 10)
    }
}
