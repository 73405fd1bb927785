/// Why an estimate could not be made. Unknown names carry the closest known ones, so a typo is
/// answered with what was probably meant.
public enum EstimateError: Error, Equatable, CustomStringConvertible {
    case unknownGPU(String, closest: [String])
    case unknownModel(String, closest: [String])
    case unknownQuant(String, closest: [String])
    /// A `hw:GPU/MODEL/QUANT` spec that does not have that shape.
    case badSpec(String)
    /// Numbers out of range (context, prompt tokens, batch).
    case badQuery(String)

    public var description: String {
        switch self {
        case .unknownGPU(let name, let closest): return Self.unknown("GPU", name, closest)
        case .unknownModel(let name, let closest): return Self.unknown("model", name, closest)
        case .unknownQuant(let name, let closest): return Self.unknown("quant", name, closest)
        case .badSpec(let spec):
            return "bad hardware spec \"\(spec)\"; expected hw:GPU/MODEL/QUANT, e.g. hw:rtx4090/llama-3.1-8b/q4_k_m"
        case .badQuery(let why): return why
        }
    }

    private static func unknown(_ what: String, _ name: String, _ closest: [String]) -> String {
        let hint = closest.isEmpty ? "see `tokenpace estimate --list`" : "closest: " + closest.joined(separator: ", ")
        return "unknown \(what) \"\(name)\"; \(hint)"
    }
}
