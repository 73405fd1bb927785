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
        let decodeModel = DecodeModel(
            activeWeightBytes: weights.read(layerParams: activeParams - model.nonLayerParams),
            totalWeightBytes: weights.stored(layerParams: totalParams - model.nonLayerParams),
            kvBytesPerToken: model.kvBytesPerToken(),
            bandwidth: cls.decodeEfficiency * quant.decodeFactor * gpu.bandwidthGBs * 1e9,
            flops: cls.prefillEfficiency * quant.prefillFactor * gpu.fp16TFLOPS * 1e12,
            activeParams: activeParams,
            overhead: cls.stepOverheadSeconds)

        let users = query.batch
        let step = decodeModel.step(users: users, context: query.context)
        let prefillRate = decodeModel.prefillRate
        let ttft = Double(query.promptTokens) / prefillRate + step.seconds

        let memory = Memory(model: decodeModel, gpu: gpu, context: query.context)
        let needed = memory.needed(users: users)
        let available = gpu.usableMemoryGiB
        let fits = needed <= available
        let verdict = "\(fits ? "fits" : "does not fit"): needs \(Figures.gib(needed)), has \(Figures.gib(available))"

        let sizes = Array(Set(Estimate.batchSizes + [users])).sorted()
        let table = sizes.map { k -> Estimate.BatchRow in
            let s = decodeModel.step(users: k, context: query.context)
            let need = memory.needed(users: k)
            return .init(
                users: k, perUserRate: 1 / s.seconds, totalRate: Double(k) / s.seconds, computeBound: s.computeBound,
                vramNeededGiB: need, fits: need <= available)
        }

        var lines = Explanation(gpu: gpu, model: model, quant: quant, query: query, decodeModel: decodeModel)
            .lines(step: step, prefillRate: prefillRate, ttft: ttft)
        lines.append(memory.line(users: users, available: available, verdict: fits ? "fits" : "does not fit"))

        return Estimate(
            gpu: gpu, model: model, quant: quant, query: query,
            decodeRate: 1 / step.seconds, prefillRate: prefillRate, ttft: ttft, stepSeconds: step.seconds,
            computeBound: step.computeBound,
            weightsGiB: memory.weightsGiB, kvCacheGiB: memory.kvGiB(users: users),
            runtimeOverheadGiB: memory.runtimeGiB,
            vramNeededGiB: needed, vramAvailableGiB: available, fits: fits, verdict: verdict,
            batchTable: table, explanation: lines, decodeModel: decodeModel)
    }
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

    var weightsGiB: Double { model.totalWeightBytes / Figures.bytesPerGiB }
    var runtimeGiB: Double { gpu.deviceClass.runtimeOverheadGiB }

    func kvGiB(users: Int) -> Double {
        model.kvBytesPerToken * Double(context) * Double(users) / Figures.bytesPerGiB
    }

    func needed(users: Int) -> Double { weightsGiB + kvGiB(users: users) + runtimeGiB }

    func line(users: Int, available: Double, verdict: String) -> String {
        let share =
            gpu.deviceClass.usableMemory < 1
            ? " (\(Int((gpu.deviceClass.usableMemory * 100).rounded()))% of \(Figures.gib(gpu.memoryGiB)))" : ""
        return "VRAM ≈ \(Figures.gib(weightsGiB)) weights + \(Figures.gib(kvGiB(users: users))) KV "
            + "(\(context) tokens × \(users) user\(users == 1 ? "" : "s")) + \(Figures.gib(runtimeGiB)) runtime "
            + "= \(Figures.gib(needed(users: users))); has \(Figures.gib(available))\(share) → \(verdict)"
    }
}

/// The formula lines, each with its inputs, so a reader can redo the sum.
private struct Explanation {
    let gpu: GPUSpec
    let model: ModelSpec
    let quant: QuantSpec
    let query: HardwareQuery
    let decodeModel: DecodeModel

    func lines(step: DecodeModel.Step, prefillRate: Double, ttft: Double) -> [String] {
        let cls = gpu.deviceClass
        let kvToken = decodeModel.kvBytesPerToken
        let kvBytes = kvToken * Double(query.context)
        var out: [String] = []

        let e = model.embeddingParams
        let layers = model.paramsB * 1e9 - model.nonLayerParams
        var parts = "\(Figures.billions(layers)) layer params × \(Figures.plain(quant.bitsPerWeight)) bits"
        if e > 0 {
            parts +=
                model.tiedEmbeddings
                ? " + \(Figures.billions(e)) tied embedding × \(Figures.plain(quant.outputBits))"
                : " + \(Figures.billions(e)) embedding × \(Figures.plain(quant.embeddingBits)) + \(Figures.billions(e)) output × \(Figures.plain(quant.outputBits))"
        }
        let reads = e > 0 ? "the layers and the output matrix" : "every weight"
        if model.isMixtureOfExperts {
            out.append(
                "weights: (\(parts)) ÷ 8 = \(Figures.gb(decodeModel.totalWeightBytes)) in memory; a token reads only its "
                    + "\(Figures.billions(model.activeParamsB * 1e9)) active params = \(Figures.gb(decodeModel.activeWeightBytes))"
            )
        } else {
            out.append(
                "weights: (\(parts)) ÷ 8 = \(Figures.gb(decodeModel.totalWeightBytes)); a token reads \(reads) = "
                    + "\(Figures.gb(decodeModel.activeWeightBytes))")
        }
        out.append(
            "KV cache: 2 × \(model.layers) layers × \(model.kvHeads) KV heads × \(model.headDim) dims × 2 bytes "
                + "= \(String(format: "%.0f", kvToken / 1000)) kB per token × \(query.context) tokens = \(Figures.gb(kvBytes))"
        )

        let factor = "\(Figures.factor(cls.decodeEfficiency)) × \(Figures.factor(quant.decodeFactor)) (\(quant.name))"
        let single = decodeModel.step(users: 1, context: query.context)
        let read = "\(Figures.gb(decodeModel.activeWeightBytes)) weights + \(Figures.gb(kvBytes)) KV"
        if cls.stepOverheadSeconds > 0 {
            out.append(
                "decode ≈ 1 ÷ ((\(read)) ÷ (\(factor) × \(Figures.plain(gpu.bandwidthGBs)) GB/s) "
                    + "+ \(Figures.seconds(cls.stepOverheadSeconds)) per step) = \(Figures.rate(1 / single.seconds)) tok/s"
            )
        } else {
            out.append(
                "decode ≈ \(factor) × \(Figures.plain(gpu.bandwidthGBs)) GB/s ÷ (\(read)) "
                    + "= \(Figures.rate(1 / single.seconds)) tok/s")
        }
        if single.computeBound {
            out.append(
                "decode is compute bound here: 2 × \(Figures.billions(decodeModel.activeParams)) FLOPs per token")
        }
        out.append(
            "prefill ≈ \(Figures.factor(cls.prefillEfficiency)) × \(Figures.factor(quant.prefillFactor)) (\(quant.name)) × "
                + "\(Figures.plain(gpu.fp16TFLOPS)) TFLOPS ÷ (2 × \(Figures.billions(decodeModel.activeParams)) FLOPs per token) "
                + "= \(Figures.rate(prefillRate)) tok/s")
        out.append(
            "TTFT ≈ \(query.promptTokens) prompt tokens ÷ \(Figures.rate(prefillRate)) tok/s + one decode step "
                + "(\(Figures.seconds(step.seconds))) = \(Figures.seconds(ttft))")
        if query.batch > 1 {
            let k = query.batch
            let weights =
                model.isMixtureOfExperts
                ? "\(Figures.gb(decodeModel.weightsRead(users: k))) of experts (more of them as users differ)"
                : "the \(Figures.gb(decodeModel.activeWeightBytes)) of weights once"
            out.append(
                "batch \(k): each step reads \(weights) + \(k) × \(Figures.gb(kvBytes)) KV → "
                    + "\(Figures.rate(1 / step.seconds)) tok/s per user, \(Figures.rate(Double(k) / step.seconds)) tok/s in all "
                    + "(\(step.computeBound ? "compute" : "memory") bound)")
        }
        return out
    }
}
