import Foundation

/// A what-if question: this model, in this format, on this device, with this much context and
/// this many users at once.
public struct HardwareQuery: Sendable, Equatable, Codable {
    public var gpu: String
    public var model: String
    public var quant: String
    /// Tokens held in the KV cache per user while decoding (also what VRAM is sized for).
    public var context: Int
    /// Prompt length the time to first token is given for.
    public var promptTokens: Int
    /// Users decoding at once; they share each step's weight reads.
    public var batch: Int
    /// The software running the model: llama.cpp (the class constants) or a serving engine.
    public var engine: Engine = .llamaCpp
    /// llama.cpp's CUDA prompt kernels for quantised weights: MMQ (current builds) or, for builds
    /// before June 2024, dequantise to F16 and cuBLAS. Used to check old published results.
    public var cudaKernels: CUDAKernels = .mmq

    /// How llama.cpp's CUDA backend multiplies quantised weights by a batch of tokens.
    public enum CUDAKernels: String, Sendable, Equatable, Codable, CaseIterable {
        /// `mul_mat_q`: int8 tensor-core tiles straight from the quantised blocks (default since
        /// llama.cpp PR #8075, June 2024).
        case mmq
        /// Dequantise the matrix to F16, then cuBLAS (the default before that).
        case cublas
    }

    /// What runs the model; its kernels decide how much of the datasheet a step gets.
    public enum Engine: String, Sendable, Equatable, Codable, CaseIterable {
        /// llama.cpp (llama-bench, llama-server): the constants tuned on llama-bench results.
        case llamaCpp = "llama.cpp"
        /// A batching server (vLLM, SGLang, TensorRT-LLM): no per-step launch cost, better kernels.
        case serving

        public static func parse(_ text: String) throws(EstimateError) -> Engine {
            switch text.lowercased() {
            case "llama.cpp", "llamacpp", "llama-cpp": return .llamaCpp
            case "serving", "vllm", "sglang", "tensorrt-llm", "trt-llm": return .serving
            default:
                throw .badQuery("engine must be llama.cpp or serving (vLLM, SGLang, TensorRT-LLM), not \"\(text)\"")
            }
        }
    }

    public static let defaultContext = 8192
    public static let defaultPromptTokens = 2000

    public init(
        gpu: String, model: String, quant: String, context: Int = defaultContext,
        promptTokens: Int = defaultPromptTokens, batch: Int = 1
    ) {
        self.gpu = gpu
        self.model = model
        self.quant = quant
        self.context = context
        self.promptTokens = promptTokens
        self.batch = batch
    }

    /// Reads a pane source such as `hw:rtx4090/llama-3.1-8b/q4_k_m` (the `hw:` prefix is optional).
    /// Names are resolved later, against the catalog.
    public static func parse(spec: String) throws(EstimateError) -> HardwareQuery {
        var body = Substring(spec.trimmingCharacters(in: .whitespaces))
        if body.lowercased().hasPrefix("hw:") { body = body.dropFirst(3) }
        let parts = body.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw .badSpec(spec) }
        return HardwareQuery(gpu: parts[0], model: parts[1], quant: parts[2])
    }

    /// The spec form of this query, as `parse(spec:)` reads it.
    public var spec: String { "hw:\(gpu)/\(model)/\(quant)" }

    func validate() throws(EstimateError) {
        guard (1...10_000_000).contains(context) else {
            throw .badQuery("context must be 1…10000000 tokens, not \(context)")
        }
        guard (0...10_000_000).contains(promptTokens) else {
            throw .badQuery("prompt tokens must be 0…10000000, not \(promptTokens)")
        }
        guard (1...4096).contains(batch) else { throw .badQuery("batch must be 1…4096 users, not \(batch)") }
    }
}
