/// Where one bench pane's tokens come from, as typed after `--pane`.
///
/// Simulated, trace and hardware panes are computed (no waiting), so they sit beside live backends
/// as fixed yardsticks. Live specs are only recognised here; the backends module parses them.
public enum BenchSource: Sendable, Equatable {
    /// `sim:RATE[@TTFT]`: the schedule at RATE tok/s; TTFT is a duration or `prefill` (the default:
    /// prompt tokens ÷ 1000 tok/s + 0.3 s, as in the dashboard).
    case simulated(rate: Double, firstToken: Profile.FirstToken)
    /// `trace:PATH[@2x|@rate=…|@ttft=…]`: a recorded stream's own times.
    case trace(path: String, mode: ReplayMode)
    /// `hw:GPU/MODEL/QUANT`: an estimate of that hardware, streamed as a simulated pane.
    case hardware(HardwareQuery)
    /// Anything else (`openai:…`, `ollama:…`, `anthropic:…`, `llamacpp:…`): a live backend.
    case live(String)

    public static let defaultFirstToken = Profile.FirstToken.prefill(rate: 1000, overhead: 0.3)

    public var isLive: Bool {
        if case .live = self { return true }
        return false
    }

    /// Short word for the table: live, simulated, trace, estimate.
    public var kindName: String {
        switch self {
        case .simulated: return "simulated"
        case .trace: return "trace"
        case .hardware: return "estimate"
        case .live: return "live"
        }
    }

    public static func parse(_ spec: String) throws(ValueError) -> BenchSource {
        let text = spec.trimmedSpaces
        let lower = text.lowercased()
        if lower.hasPrefix("sim:") {
            return try simulated(String(text.dropFirst(4)), spec: text)
        }
        if lower.hasPrefix("trace:") {
            let (path, mode) = try TraceReplay.parseSpec(text)
            return .trace(path: path, mode: mode)
        }
        if lower.hasPrefix("hw:") {
            do {
                return .hardware(try HardwareQuery.parse(spec: text))
            } catch {
                throw ValueError("pane \"\(text)\": \(error.description)")
            }
        }
        guard !text.isEmpty else { throw ValueError("empty --pane spec") }
        return .live(text)
    }

    private static func simulated(_ body: String, spec: String) throws(ValueError) -> BenchSource {
        let parts = body.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let rates: [Double]
        do {
            rates = try ValueParsing.rates(parts[0])
        } catch {
            throw ValueError("pane \"\(spec)\": \(error.description) (write sim:RATE[@TTFT], e.g. sim:21@0.5s)")
        }
        guard rates.count == 1 else {
            throw ValueError("pane \"\(spec)\": one rate per pane (write sim:RATE[@TTFT], e.g. sim:21@0.5s)")
        }
        var firstToken = defaultFirstToken
        if parts.count == 2 {
            if parts[1].lowercased() == "prefill" {
                firstToken = defaultFirstToken
            } else {
                do {
                    firstToken = .fixed(try ValueParsing.duration(parts[1]))
                } catch {
                    throw ValueError("pane \"\(spec)\": \(error.description)")
                }
            }
        }
        return .simulated(rate: rates[0], firstToken: firstToken)
    }
}
