import Foundation
import Testing

@testable import TokenPaceCore

private func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * abs(b) }

/// Round numbers: a 10 B model (no embedding tables) on a Mac-like GPU of 400 GB/s and 10 TFLOPS
/// whose class unpacks K-quant weights at 30 operations each, and the same chip with 40 TFLOPS.
private let yaml = """
    classes:
      metal:
        decode_efficiency: 0.9
        prefill_efficiency: 0.8
        step_overhead_ms: 0
        runtime_overhead_gib: 1
        usable_memory: 0.75
        quant_prefill_factor: 0.9
        k_quant_decode_ops: 30
      cuda:
        decode_efficiency: 0.9
        prefill_efficiency: 0.8
        step_overhead_ms: 0
        runtime_overhead_gib: 1
        usable_memory: 1.0
    gpus:
      - id: mac
        class: metal
        bandwidth_gbs: 400
        fp16_tflops: 10
        memory_gib: 64
      - id: bigmac
        class: metal
        bandwidth_gbs: 400
        fp16_tflops: 40
        memory_gib: 64
      - id: card
        class: cuda
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
      - id: q4_0
        bits_per_weight: 4.5
        decode_factor: 0.85
        prefill_factor: 0.75
      - id: q4_k
        name: Q4_K
        bits_per_weight: 4.8
        decode_factor: 0.85
        prefill_factor: 0.75
        k_quant: true
    """

@Suite struct EstimateKQuantDecodeTests {
    private func estimate(_ gpu: String, _ quant: String, batch: Int = 1) throws -> Estimate {
        try HardwareCatalog.parse(yaml: yaml, source: "t.yaml").estimate(
            HardwareQuery(gpu: gpu, model: "m10", quant: quant, context: 512, promptTokens: 512, batch: batch))
    }

    // Bandwidth 0.9 × 0.85 × 400 GB/s = 306 GB/s. KV: 2 × 40 × 8 × 128 × 2 = 163,840 bytes a token.
    private let bandwidth = 0.9 * 0.85 * 400e9
    private let kv = 163_840.0 * 512

    @Test func kQuantWeightsOnAnArithmeticPoorGPUTakeTheirUnpackingTime() throws {
        // Reading 10e9 × 4.8 ÷ 8 = 6 GB takes 19.6 ms; unpacking 10e9 × 30 ÷ 10e12 takes 30 ms.
        let e = try estimate("mac", "q4_k")
        #expect(e.dequantBound && !e.computeBound)
        #expect(near(e.stepSeconds, 0.030 + kv / bandwidth))
        #expect(e.report().contains { $0.hasSuffix("tok/s per user (bound by unpacking Q4_K)") })
        #expect(
            e.explanation.contains {
                $0.contains("10.0 B weights × 30 ops ÷ 10 TFLOPS = 30.0 ms (metal's K-quant kernels)")
                    && $0.hasSuffix("= 0.3 ms) = \(Format.figure(1 / e.stepSeconds)) tok/s")
            })
        // Four users share one unpacking; each adds its KV read. At 16 the batch's FLOPs
        // (2 × 10e9 × 16 ÷ (0.8 × 0.9 × 10e12) = 44.4 ms) outlast it.
        #expect(near(1 / e.perUserRate(at: 4), 0.030 + 4 * kv / bandwidth))
        let sixteen = try estimate("mac", "q4_k", batch: 16)
        #expect(sixteen.computeBound && !sixteen.dequantBound)
        #expect(near(sixteen.stepSeconds, 2 * 10e9 * 16 / (0.8 * 0.9 * 10e12)))
    }

    @Test func legacyQuantsMoreArithmeticAndOtherClassesStayMemoryBound() throws {
        // Q4_0 is not a K-quant: 10e9 × 4.5 ÷ 8 bytes ÷ 306 GB/s.
        let legacy = try estimate("mac", "q4_0")
        #expect(!legacy.dequantBound)
        #expect(near(legacy.stepSeconds, (10e9 * 4.5 / 8 + kv) / bandwidth))
        // 40 TFLOPS unpack in 7.5 ms, under the 19.6 ms of reading.
        let fast = try estimate("bigmac", "q4_k")
        #expect(!fast.dequantBound)
        #expect(near(fast.stepSeconds, (6e9 + kv) / bandwidth))
        #expect(!fast.explanation.contains { $0.contains("unpacking") })
        // A class without the constant never unpacks, whatever its arithmetic.
        let card = try estimate("card", "q4_k")
        #expect(!card.dequantBound && near(card.stepSeconds, (6e9 + kv) / bandwidth))
    }

    @Test func badFlagsAndConstantsNameTheirLine() throws {
        #expect {
            _ = try HardwareCatalog.parse(
                yaml: yaml.replacingOccurrences(of: "k_quant: true", with: "k_quant: maybe"), source: "t.yaml")
        } throws: { error in
            "\(error)".contains("t.yaml:48") && "\(error)".contains("k_quant must be true or false, not \"maybe\"")
        }
        #expect {
            _ = try HardwareCatalog.parse(
                yaml: yaml.replacingOccurrences(of: "k_quant_decode_ops: 30", with: "k_quant_decode_ops: 0"),
                source: "t.yaml")
        } throws: { error in
            "\(error)".contains("t.yaml:") && "\(error)".contains("k_quant_decode_ops must be above 0")
        }
    }
}
