import Foundation

extension HardwareCatalog {
    /// Estimates decode and prefill speed, time to first token, memory and batch behaviour for a
    /// query, with the arithmetic spelled out in `explanation`.
    public func estimate(_ query: HardwareQuery) throws(EstimateError) -> Estimate {
        try query.validate()
        let gpu = try gpu(named: query.gpu)
        let model = try model(named: query.model)
        let quant = try quant(named: query.quant)
        let cls = gpu.deviceClass

        let totalParams = model.paramsB * 1e9
        let activeParams = model.activeParamsB * 1e9
        let weights = WeightBytes(model: model, quant: quant)
        let eff = try Efficiency(cls, engine: query.engine, layers: model.layers)
        let prompt = PromptKernels(gpu: gpu, quant: quant, query: query, efficiency: eff)
        let unpack = KQuantUnpacking(gpu: gpu, model: model, quant: quant, engine: query.engine)
        let decodeModel = DecodeModel(
            activeWeightBytes: weights.read(layerParams: activeParams - model.nonLayerParams),
            totalWeightBytes: weights.stored(layerParams: totalParams - model.nonLayerParams),
            kvBytesPerToken: model.kvBytesPerToken(),
            bandwidth: eff.decode * quant.decodeFactor * gpu.bandwidthGBs * 1e9,
            flops: prompt.flops,
            activeParams: activeParams,
            overhead: eff.overhead, dequantSeconds: unpack?.seconds ?? 0)

        let users = query.batch
        let step = decodeModel.step(users: users, context: query.context)
        let prefillRate = decodeModel.prefillRate
        let ttft = Double(query.promptTokens) / prefillRate + step.seconds

        let memory = Memory(model: decodeModel, gpu: gpu, context: query.context)
        let needed = memory.needed(users: users)
        let available = gpu.usableMemoryGiB
        let fits = needed <= available
        let verdict =
            "\(fits ? "fits" : "does not fit"): needs \(Format.gibibytes(needed)), has \(Format.gibibytes(available))"

        let sizes = Array(Set(Estimate.batchSizes + [users])).sorted()
        let table = sizes.map { k -> Estimate.BatchRow in
            let s = decodeModel.step(users: k, context: query.context)
            let need = memory.needed(users: k)
            return .init(
                users: k, perUserRate: 1 / s.seconds, totalRate: Double(k) / s.seconds, computeBound: s.computeBound,
                vramNeededGiB: need, fits: need <= available)
        }

        var lines = Explanation(
            gpu: gpu, model: model, quant: quant, query: query, decodeModel: decodeModel, efficiency: eff,
            prompt: prompt, unpack: unpack
        )
        .lines(step: step, prefillRate: prefillRate, ttft: ttft)
        lines.append(memory.line(users: users, available: available, verdict: fits ? "fits" : "does not fit"))

        return Estimate(
            gpu: gpu, model: model, quant: quant, query: query,
            decodeRate: 1 / step.seconds, prefillRate: prefillRate, ttft: ttft, stepSeconds: step.seconds,
            computeBound: step.computeBound, dequantBound: step.dequantBound,
            weightsGiB: memory.weightsGiB, kvCacheGiB: memory.kvGiB(users: users),
            runtimeOverheadGiB: memory.runtimeGiB,
            vramNeededGiB: needed, vramAvailableGiB: available, fits: fits, verdict: verdict,
            batchTable: table, explanation: lines, decodeModel: decodeModel)
    }
}

/// The share of the datasheet a step gets, for the class and the engine, and the fixed time per step.
struct Efficiency {
    var decode: Double
    var prefill: Double
    var overhead: Double

    init(_ cls: DeviceClass, engine: HardwareQuery.Engine, layers: Int) throws(EstimateError) {
        switch engine {
        case .llamaCpp:
            decode = cls.decodeEfficiency
            prefill = cls.prefillEfficiency
            overhead = cls.stepOverheadSeconds + Double(layers) * cls.layerOverheadSeconds
        case .serving:
            guard let d = cls.servingDecodeEfficiency, let p = cls.servingPrefillEfficiency else {
                throw .badQuery("no serving-engine constants for \(cls.id) devices; use --engine llama.cpp")
            }
            decode = d
            prefill = p
            overhead = 0
        }
    }
}

/// How prompt processing multiplies the weights, and the FLOP/s that gives.
///
/// F16 weights, serving engines, Apple and CPUs: a share of the datasheet FP16 rate (the class's
/// prefill efficiency × how much the quantised kernels lose against F16). llama.cpp on CUDA with
/// quantised weights (current builds): the MMQ kernels, whose int8 `mma.sync` tiles run at a fixed
/// number of operations per SM per clock on every generation since Ampere, so their rate follows
/// SMs × clock rather than the tensor TFLOPS a datacenter card is sold on.
struct PromptKernels {
    enum Path: Equatable {
        case fp16(efficiency: Double, factor: Double, classFactor: Bool)
        case mmq(opsPerSMClock: Double, sms: Int, clockGHz: Double)
    }
    let path: Path
    let flops: Double

    init(gpu: GPUSpec, quant: QuantSpec, query: HardwareQuery, efficiency: Efficiency) {
        let cls = gpu.deviceClass
        let quantised = quant.bitsPerWeight < 16
        if query.engine == .llamaCpp, quantised, query.cudaKernels == .mmq, let k = cls.mmqOpsPerSMClock,
            let sms = gpu.sms, let clock = gpu.boostClockGHz
        {
            path = .mmq(opsPerSMClock: k, sms: sms, clockGHz: clock)
            flops = k * Double(sms) * clock * 1e9
            return
        }
        let classFactor = query.engine == .llamaCpp && quantised ? cls.quantPrefillFactor : nil
        let factor = classFactor ?? quant.prefillFactor
        path = .fp16(efficiency: efficiency.prefill, factor: factor, classFactor: classFactor != nil)
        flops = efficiency.prefill * factor * gpu.fp16TFLOPS * 1e12
    }
}

/// The arithmetic llama.cpp's K-quant matrix–vector kernels spend unpacking a decode step's weights
/// where the class's kernels are modelled as arithmetic bound (Metal): the layers' weights and the
/// output matrix, each × the class's operations per weight ÷ the GPU's FP16 (= FP32 on Apple) rate.
struct KQuantUnpacking {
    let weights: Double
    let opsPerWeight: Double
    let tflops: Double

    init?(gpu: GPUSpec, model: ModelSpec, quant: QuantSpec, engine: HardwareQuery.Engine) {
        guard engine == .llamaCpp, quant.kQuant, let ops = gpu.deviceClass.kQuantDecodeOpsPerWeight else {
            return nil
        }
        weights = model.activeParamsB * 1e9 - model.nonLayerParams + model.embeddingParams
        opsPerWeight = ops
        tflops = gpu.fp16TFLOPS
    }

    var seconds: Double { weights * opsPerWeight / (tflops * 1e12) }
}

/// Bytes of weights: the repeating layers at the quant's bits per weight, the token embedding and
/// the output matrix at their own types.
struct WeightBytes {
    let model: ModelSpec
    let quant: QuantSpec

    /// Everything in memory (a tied embedding once, at the output's type).
    func stored(layerParams: Double) -> Double {
        let e = model.embeddingParams
        let tables = model.tiedEmbeddings ? e * quant.outputBits : e * (quant.embeddingBits + quant.outputBits)
        return (layerParams * quant.bitsPerWeight + tables) / 8
    }

    /// What one token reads: its layers and the output matrix; the embedding is one row, left out.
    func read(layerParams: Double) -> Double {
        (layerParams * quant.bitsPerWeight + model.embeddingParams * quant.outputBits) / 8
    }
}

/// Memory a model needs: all weights (every expert of a mixture), KV per user, runtime buffers.
private struct Memory {
    let model: DecodeModel
    let gpu: GPUSpec
    let context: Int

    var weightsGiB: Double { model.totalWeightBytes / ByteUnit.bytesPerGiB }
    var runtimeGiB: Double { gpu.deviceClass.runtimeOverheadGiB }

    func kvGiB(users: Int) -> Double {
        model.kvBytesPerToken * Double(context) * Double(users) / ByteUnit.bytesPerGiB
    }

    func needed(users: Int) -> Double { weightsGiB + kvGiB(users: users) + runtimeGiB }

    func line(users: Int, available: Double, verdict: String) -> String {
        let share =
            gpu.deviceClass.usableMemory < 1
            ? " (\(Format.percent(gpu.deviceClass.usableMemory)) of \(Format.gibibytes(gpu.memoryGiB)))" : ""
        return "VRAM ≈ \(Format.gibibytes(weightsGiB)) weights + \(Format.gibibytes(kvGiB(users: users))) KV "
            + "(\(context) tokens × \(users) user\(users == 1 ? "" : "s")) + \(Format.gibibytes(runtimeGiB)) runtime "
            + "= \(Format.gibibytes(needed(users: users))); has \(Format.gibibytes(available))\(share) → \(verdict)"
    }
}

/// The formula lines, each with its inputs, so a reader can redo the sum.
private struct Explanation {
    let gpu: GPUSpec
    let model: ModelSpec
    let quant: QuantSpec
    let query: HardwareQuery
    let decodeModel: DecodeModel
    let efficiency: Efficiency
    let prompt: PromptKernels
    let unpack: KQuantUnpacking?

    func lines(step: DecodeModel.Step, prefillRate: Double, ttft: Double) -> [String] {
        let cls = gpu.deviceClass
        let kvToken = decodeModel.kvBytesPerToken
        let kvBytes = kvToken * Double(query.context)
        var out: [String] = []

        let e = model.embeddingParams
        let layers = model.paramsB * 1e9 - model.nonLayerParams
        var parts = "\(Format.billions(layers)) layer params × \(Format.trimmed(quant.bitsPerWeight, places: 2)) bits"
        if e > 0 {
            parts +=
                model.tiedEmbeddings
                ? " + \(Format.billions(e)) tied embedding × \(Format.trimmed(quant.outputBits, places: 2))"
                : " + \(Format.billions(e)) embedding × \(Format.trimmed(quant.embeddingBits, places: 2)) + \(Format.billions(e)) output × \(Format.trimmed(quant.outputBits, places: 2))"
        }
        let reads = e > 0 ? "the layers and the output matrix" : "every weight"
        if model.isMixtureOfExperts {
            out.append(
                "weights: (\(parts)) ÷ 8 = \(Format.bytes(decodeModel.totalWeightBytes, .gigabytes)) in memory; a token reads only its "
                    + "\(Format.billions(model.activeParamsB * 1e9)) active params = \(Format.bytes(decodeModel.activeWeightBytes, .gigabytes))"
            )
        } else {
            out.append(
                "weights: (\(parts)) ÷ 8 = \(Format.bytes(decodeModel.totalWeightBytes, .gigabytes)); a token reads \(reads) = "
                    + "\(Format.bytes(decodeModel.activeWeightBytes, .gigabytes))")
        }
        out.append(
            "KV cache: 2 × \(model.layers) layers × \(model.kvHeads) KV heads × \(model.headDim) dims × 2 bytes "
                + "= \(Format.bytes(kvToken, .kilobytes)) per token × \(query.context) tokens = \(Format.bytes(kvBytes, .gigabytes))"
        )

        let factor = "\(Format.fixed(efficiency.decode, 2)) × \(Format.fixed(quant.decodeFactor, 2)) (\(quant.name))"
        let single = decodeModel.step(users: 1, context: query.context)
        let read =
            "\(Format.bytes(decodeModel.activeWeightBytes, .gigabytes)) weights + \(Format.bytes(kvBytes, .gigabytes)) KV"
        let perLayer =
            cls.layerOverheadSeconds > 0 && query.engine == .llamaCpp
            ? " (\(model.layers) layers × \(Format.trimmed(cls.layerOverheadSeconds * 1000, places: 3)) ms)" : ""
        if single.dequantBound, let unpack {
            let weightBytes = decodeModel.weightsRead(users: 1)
            out.append(
                "decode ≈ 1 ÷ (the longer of reading \(Format.bytes(weightBytes, .gigabytes)) weights ÷ (\(factor) × "
                    + "\(Format.trimmed(gpu.bandwidthGBs, places: 2)) GB/s) = \(Format.duration(weightBytes / decodeModel.bandwidth, .precise)) "
                    + "and unpacking them, \(Format.billions(unpack.weights)) weights × \(Format.trimmed(unpack.opsPerWeight, places: 1)) ops "
                    + "÷ \(Format.trimmed(unpack.tflops, places: 2)) TFLOPS = \(Format.duration(unpack.seconds, .precise)) "
                    + "(\(cls.id)'s K-quant kernels); + \(Format.bytes(kvBytes, .gigabytes)) KV at that bandwidth = "
                    + "\(Format.duration(kvBytes / decodeModel.bandwidth, .precise))"
                    + (efficiency.overhead > 0
                        ? "; + \(Format.duration(efficiency.overhead, .precise)) per step\(perLayer)" : "")
                    + ") = \(Format.figure(1 / single.seconds)) tok/s"
            )
        } else if efficiency.overhead > 0 {
            out.append(
                "decode ≈ 1 ÷ ((\(read)) ÷ (\(factor) × \(Format.trimmed(gpu.bandwidthGBs, places: 2)) GB/s) "
                    + "+ \(Format.duration(efficiency.overhead, .precise)) per step\(perLayer)) = \(Format.figure(1 / single.seconds)) tok/s"
            )
        } else {
            out.append(
                "decode ≈ \(factor) × \(Format.trimmed(gpu.bandwidthGBs, places: 2)) GB/s ÷ (\(read)) "
                    + "= \(Format.figure(1 / single.seconds)) tok/s")
        }
        if single.computeBound {
            out.append(
                "decode is compute bound here: 2 × \(Format.billions(decodeModel.activeParams)) FLOPs per token")
        }
        let perToken = "(2 × \(Format.billions(decodeModel.activeParams)) FLOPs per token)"
        switch prompt.path {
        case .mmq(let k, let sms, let clock):
            out.append(
                "prefill ≈ \(Format.trimmed(k, places: 0)) int8 ops per SM per clock × \(sms) SMs × "
                    + "\(Format.trimmed(clock, places: 3)) GHz (llama.cpp's MMQ kernels, \(quant.name)) ÷ \(perToken) "
                    + "= \(Format.figure(prefillRate)) tok/s")
        case .fp16(let eff, let factor, let classFactor):
            let label = classFactor ? "\(quant.name), \(cls.id) kernels" : quant.name
            out.append(
                "prefill ≈ \(Format.fixed(eff, 2)) × \(Format.fixed(factor, 2)) (\(label)) × "
                    + "\(Format.trimmed(gpu.fp16TFLOPS, places: 2)) TFLOPS ÷ \(perToken) "
                    + "= \(Format.figure(prefillRate)) tok/s")
        }
        out.append(
            "TTFT ≈ \(query.promptTokens) prompt tokens ÷ \(Format.figure(prefillRate)) tok/s + one decode step "
                + "(\(Format.duration(step.seconds, .reading))) = \(Format.duration(ttft, .reading))")
        if query.batch > 1 {
            let k = query.batch
            let weights =
                model.isMixtureOfExperts
                ? "\(Format.bytes(decodeModel.weightsRead(users: k), .gigabytes)) of experts (more of them as users differ)"
                : "the \(Format.bytes(decodeModel.activeWeightBytes, .gigabytes)) of weights once"
            out.append(
                "batch \(k): each step reads \(weights) + \(k) × \(Format.bytes(kvBytes, .gigabytes)) KV → "
                    + "\(Format.figure(1 / step.seconds)) tok/s per user, \(Format.figure(Double(k) / step.seconds)) tok/s in all "
                    + "(\(step.computeBound ? "compute" : "memory") bound)")
        }
        return out
    }
}
