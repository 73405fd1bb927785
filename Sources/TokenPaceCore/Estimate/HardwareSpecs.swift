/// What a family of devices (CUDA cards, Apple chips, plain CPUs) really gets out of its datasheet.
///
/// The constants live in the catalog file and are tuned once against published measurements, so an
/// estimate is datasheet figures × a handful of shared factors, never a per-card fudge.
public struct DeviceClass: Sendable, Equatable, Codable {
    public var id: String
    /// Share of the memory bandwidth a decode step really gets.
    public var decodeEfficiency: Double
    /// Share of the FP16 throughput prompt processing really gets.
    public var prefillEfficiency: Double
    /// Fixed cost of one decode step (kernel launches, synchronisation), in seconds.
    public var stepOverheadSeconds: Double
    /// Memory the runtime needs besides weights and KV cache (context, compute buffers), in GiB.
    public var runtimeOverheadGiB: Double
    /// Share of the memory a model may use (Metal caps GPU memory at about 75% of unified memory).
    public var usableMemory: Double
    /// Fixed cost per layer of one decode step (kernel launches, and batch-1 kernels too small to
    /// keep a big GPU's memory busy), in seconds; grows with the model's depth, not its size.
    public var layerOverheadSeconds: Double = 0
    /// A serving engine's efficiencies (continuous batching, fused kernels, CUDA graphs: vLLM,
    /// SGLang, TensorRT-LLM) for `--engine serving`; `nil` when the class has none.
    public var servingDecodeEfficiency: Double?
    public var servingPrefillEfficiency: Double?
    /// Share of the F16 prompt rate quantised weights get with this class's llama.cpp kernels, in
    /// place of the quant's own `prefillFactor` (Metal dequantises each weight tile into threadgroup
    /// memory once per tile of tokens and loses less than a separate dequantise-then-GEMM pass).
    public var quantPrefillFactor: Double?
    /// llama.cpp's quantised prompt kernels on CUDA (MMQ: int8 `mma.sync` tiles, the default since
    /// June 2024): integer operations per streaming multiprocessor per clock. Their rate follows
    /// SMs × clock, not the datasheet tensor TFLOPS; `nil` where the class has no such kernels.
    public var mmqOpsPerSMClock: Double?
    /// llama.cpp's matrix–vector kernels for K-quants on this class (Metal) spend more arithmetic
    /// unpacking each weight than memory takes to deliver it on GPUs with little arithmetic: the
    /// effective operations per weight at the datasheet FP16 rate (Apple GPUs run FP16 at the FP32
    /// rate). A decode step's weights take the longer of reading them and this arithmetic; `nil`
    /// where the class's kernels are not modelled as arithmetic bound.
    public var kQuantDecodeOpsPerWeight: Double?

    public init(
        id: String, decodeEfficiency: Double, prefillEfficiency: Double, stepOverheadSeconds: Double,
        runtimeOverheadGiB: Double, usableMemory: Double, layerOverheadSeconds: Double = 0,
        servingDecodeEfficiency: Double? = nil, servingPrefillEfficiency: Double? = nil,
        quantPrefillFactor: Double? = nil, mmqOpsPerSMClock: Double? = nil, kQuantDecodeOpsPerWeight: Double? = nil
    ) {
        self.kQuantDecodeOpsPerWeight = kQuantDecodeOpsPerWeight
        self.quantPrefillFactor = quantPrefillFactor
        self.mmqOpsPerSMClock = mmqOpsPerSMClock
        self.layerOverheadSeconds = layerOverheadSeconds
        self.servingDecodeEfficiency = servingDecodeEfficiency
        self.servingPrefillEfficiency = servingPrefillEfficiency
        self.id = id
        self.decodeEfficiency = decodeEfficiency
        self.prefillEfficiency = prefillEfficiency
        self.stepOverheadSeconds = stepOverheadSeconds
        self.runtimeOverheadGiB = runtimeOverheadGiB
        self.usableMemory = usableMemory
    }
}

/// A GPU, Apple chip or CPU as its datasheet describes it.
public struct GPUSpec: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var deviceClass: DeviceClass
    /// Memory bandwidth in decimal GB/s.
    public var bandwidthGBs: Double
    /// Dense FP16 throughput in TFLOPS.
    public var fp16TFLOPS: Double
    /// Memory as sold, in GiB.
    public var memoryGiB: Double
    /// Streaming multiprocessors and boost clock (NVIDIA datasheets): what llama.cpp's MMQ prompt
    /// kernels scale with. `nil` when not given; prefill then uses the FP16 rate.
    public var sms: Int?
    public var boostClockGHz: Double?

    public init(
        id: String, name: String, aliases: [String] = [], deviceClass: DeviceClass, bandwidthGBs: Double,
        fp16TFLOPS: Double, memoryGiB: Double, sms: Int? = nil, boostClockGHz: Double? = nil
    ) {
        self.sms = sms
        self.boostClockGHz = boostClockGHz
        self.id = id
        self.name = name
        self.aliases = aliases
        self.deviceClass = deviceClass
        self.bandwidthGBs = bandwidthGBs
        self.fp16TFLOPS = fp16TFLOPS
        self.memoryGiB = memoryGiB
    }

    /// Memory a model may use: what the runtime lets one device allocate.
    public var usableMemoryGiB: Double { memoryGiB * deviceClass.usableMemory }
}

/// A model's shape: enough to know the bytes one token reads and the KV cache it leaves behind.
public struct ModelSpec: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var aliases: [String]
    /// All parameters, in billions: what has to sit in memory.
    public var paramsB: Double
    /// Parameters one token uses, in billions; below `paramsB` only for mixture-of-experts models.
    public var activeParamsB: Double
    public var layers: Int
    public var kvHeads: Int
    public var headDim: Int
    /// Vocabulary and hidden size: the token embedding and the output matrix are vocab × hidden each
    /// (one shared matrix when `tiedEmbeddings`). 0 when unknown: every weight then counts as a layer's.
    public var vocab: Int
    public var hidden: Int
    public var tiedEmbeddings: Bool

    public init(
        id: String, name: String, aliases: [String] = [], paramsB: Double, activeParamsB: Double? = nil,
        layers: Int, kvHeads: Int, headDim: Int, vocab: Int = 0, hidden: Int = 0, tiedEmbeddings: Bool = false
    ) {
        self.vocab = vocab
        self.hidden = hidden
        self.tiedEmbeddings = tiedEmbeddings
        self.id = id
        self.name = name
        self.aliases = aliases
        self.paramsB = paramsB
        self.activeParamsB = activeParamsB ?? paramsB
        self.layers = layers
        self.kvHeads = kvHeads
        self.headDim = headDim
    }

    public var isMixtureOfExperts: Bool { activeParamsB < paramsB }

    /// Parameters of one vocab × hidden matrix (the token embedding, or the output projection).
    public var embeddingParams: Double { Double(vocab) * Double(hidden) }

    /// Parameters outside the repeating layers: the embedding and, unless tied, the output matrix.
    public var nonLayerParams: Double { embeddingParams * (tiedEmbeddings ? 1 : 2) }

    /// Bytes of KV cache one token adds: K and V for every layer and KV head, F16 by default.
    public func kvBytesPerToken(bytesPerElement: Double = 2) -> Double {
        2 * Double(layers) * Double(kvHeads) * Double(headDim) * bytesPerElement
    }
}

/// A weight format: how many bits a weight takes and how much its kernels lose against F16.
public struct QuantSpec: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var aliases: [String]
    /// Average of the repeating layers (a mix such as Q4_K_M keeps some of their tensors at a
    /// higher type); the token embedding and the output matrix have their own types below.
    public var bitsPerWeight: Double
    /// Type of the token embedding and of the output matrix (llama.cpp keeps the output at Q6_K for
    /// the K mixes; a tied matrix is stored once, at the output's type).
    public var embeddingBits: Double
    public var outputBits: Double
    /// Share of the F16 kernels' bandwidth use the dequantising decode kernels reach.
    public var decodeFactor: Double
    /// Share of the F16 kernels' FLOPS the dequantising matrix kernels reach.
    public var prefillFactor: Double
    /// One of ggml's K-quants (super-blocks of 256 with 6-bit sub-block scales), whose decode kernels
    /// do more arithmetic per weight than the legacy Q4_0/Q8_0 types.
    public var kQuant: Bool

    public init(
        id: String, name: String, aliases: [String] = [], bitsPerWeight: Double, decodeFactor: Double = 1,
        prefillFactor: Double = 1, embeddingBits: Double? = nil, outputBits: Double? = nil, kQuant: Bool = false
    ) {
        self.kQuant = kQuant
        self.embeddingBits = embeddingBits ?? bitsPerWeight
        self.outputBits = outputBits ?? bitsPerWeight
        self.id = id
        self.name = name
        self.aliases = aliases
        self.bitsPerWeight = bitsPerWeight
        self.decodeFactor = decodeFactor
        self.prefillFactor = prefillFactor
    }
}

/// A published llama-bench result the estimator must stay close to.
public struct PublishedCheck: Sendable, Equatable, Codable {
    public var gpu: String
    public var model: String
    public var quant: String
    /// Measured decode rate (tgN), tokens per second.
    public var decode: Double
    /// Measured prefill rate (pp512), tokens per second.
    public var prefill: Double
    /// Average tokens in the KV cache during the decode run.
    public var kvDepth: Int
    /// Benchmark settings as published (test names, model, build).
    public var bench: String
    public var source: String
    /// Why the estimate is known to miss this point; such points must stay outside the tolerance.
    public var knownMiss: String?
    /// Not used when the constants were tuned: a test of the model on points it has not seen.
    public var heldOut: Bool
    /// The CUDA prompt kernels of the build measured: `.cublas` for builds before llama.cpp PR #8075
    /// (June 2024), which dequantised to F16 and called cuBLAS; `.mmq` (the default) after.
    public var cudaKernels: HardwareQuery.CUDAKernels
    /// Line of the entry in the catalog file.
    public var line: Int

    public init(
        gpu: String, model: String, quant: String, decode: Double, prefill: Double, kvDepth: Int, bench: String,
        source: String, knownMiss: String? = nil, heldOut: Bool = false,
        cudaKernels: HardwareQuery.CUDAKernels = .mmq, line: Int = 0
    ) {
        self.cudaKernels = cudaKernels
        self.heldOut = heldOut
        self.gpu = gpu
        self.model = model
        self.quant = quant
        self.decode = decode
        self.prefill = prefill
        self.kvDepth = kvDepth
        self.bench = bench
        self.source = source
        self.knownMiss = knownMiss
        self.line = line
    }
}
