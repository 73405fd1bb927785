import Foundation
import TokenPaceBackends
import TokenPaceCore

/// One `--pane` spec (or scenario pane) in the one grammar the dashboard, `bench`, `record` and
/// scenario files share:
///
///     sim:RATE[@TTFT|@prefill]          simulated at RATE tok/s
///     mirror:RATE[@TTFT]                the first live pane's answer replayed at RATE (dashboard, record)
///     trace:PATH[@2x|@rate=N|@ttft=T]   a recorded trace (a bare name finds a shipped one)
///     hw:GPU/MODEL/QUANT                a hardware estimate
///     openai:URL[@MODEL]  ollama:[URL@]MODEL  anthropic:[URL@]MODEL  llamacpp:URL[@raw]   live backends
///
/// Any of them may end in the pane's own cost after `#` (see `CostSettings.paneSuffix`):
/// `sim:50#price=in=3,out=15`, `hw:h100/llama-3.1-8b/f16#gpu-cost=2.50/h#power=700W`.
public enum PaneSpec: Sendable, Equatable {
    /// `firstToken` nil: the command's own TTFT setting (`--ttft`, prefill by default).
    case simulated(rate: Double, firstToken: Profile.FirstToken?)
    case mirror(rate: Double, firstToken: Profile.FirstToken?)
    case trace(path: String, mode: ReplayMode)
    case hardware(HardwareQuery)
    case live(BackendSpec)

    /// The forms, for help texts and errors.
    public static let forms =
        "sim:RATE[@TTFT], mirror:RATE[@TTFT], trace:PATH[@2x|@rate=N|@ttft=T], hw:GPU/MODEL/QUANT, "
        + "or a live backend: openai:URL[@MODEL], ollama:[URL@]MODEL, anthropic:[URL@]MODEL, llamacpp:URL"

    public var isLive: Bool {
        if case .live = self { return true }
        return false
    }

    /// Short word for tables: simulated, mirror, trace, estimate, live.
    public var kindName: String {
        switch self {
        case .simulated: return "simulated"
        case .mirror: return "mirror"
        case .trace: return "trace"
        case .hardware: return "estimate"
        case .live: return "live"
        }
    }

    /// Reads one spec; the error names the spec and shows the form it should have.
    public static func parse(_ spec: String) throws(ValueError) -> PaneSpec {
        let text = costPart(spec).spec.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw ValueError("--pane is empty; give one of: \(forms)") }
        func fail(_ problem: String) -> ValueError { ValueError("--pane \(text): \(problem)") }
        let lower = text.lowercased()
        for (prefix, isMirror) in [("sim:", false), ("mirror:", true)] where lower.hasPrefix(prefix) {
            let (rate, firstToken) = try paced(String(text.dropFirst(prefix.count)), form: prefix + "RATE[@TTFT]", fail)
            return isMirror
                ? .mirror(rate: rate, firstToken: firstToken) : .simulated(rate: rate, firstToken: firstToken)
        }
        if lower.hasPrefix("trace:") {
            do {
                let (path, mode) = try TraceReplay.parseSpec(text)
                return .trace(path: path, mode: mode)
            } catch {
                throw fail("\(error)")
            }
        }
        if lower.hasPrefix("hw:") {
            do {
                return .hardware(try HardwareQuery.parse(spec: text))
            } catch {
                throw fail("\(error)")
            }
        }
        do {
            return .live(try BackendSpec.parse(text))
        } catch {
            throw ValueError("--pane \(text): \(error.description)")
        }
    }

    /// The spec without its cost part, and the cost part after the first `#` (nil when none). A URL
    /// fragment is never sent to a server, so `#` cannot belong to a backend's address.
    public static func costPart(_ spec: String) -> (spec: String, cost: String?) {
        guard let i = spec.firstIndex(of: "#") else { return (spec, nil) }
        return (String(spec[..<i]), String(spec[spec.index(after: i)...]))
    }

    /// The pane's cost settings: its own `#…` part over the command's (`base`).
    public static func costSettings(_ spec: String, base: CostSettings) throws(ValueError) -> CostSettings {
        guard let part = costPart(spec).cost else { return base }
        do {
            return try CostSettings.paneSuffix(part, base: base)
        } catch {
            throw ValueError("--pane \(spec): \(error.description)")
        }
    }

    /// `RATE[@TTFT|@prefill]`: one rate, and a fixed first-token wait or the prefill model.
    private static func paced(
        _ body: String, form: String, _ fail: (String) -> ValueError
    ) throws(ValueError) -> (Double, Profile.FirstToken?) {
        let parts = body.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let example = "write \(form), e.g. \(form.prefix { $0 != ":" }):21@0.5s"
        let rates: [Double]
        do {
            rates = try ValueParsing.rates(parts[0])
        } catch {
            throw fail("\(error.description) (\(example))")
        }
        guard rates.count == 1 else { throw fail("one rate per pane (\(example))") }
        guard parts.count == 2 else { return (rates[0], nil) }
        if parts[1].lowercased() == "prefill" { return (rates[0], Profile.FirstToken.defaultPrefill) }
        do {
            return (rates[0], .fixed(try ValueParsing.duration(parts[1])))
        } catch {
            throw fail("\(error.description) (\(example))")
        }
    }
}

extension Profile.FirstToken {
    /// Prompt tokens ÷ 1000 tok/s + 0.3 s: the dashboard's and bench's default.
    public static let defaultPrefill = Profile.FirstToken.prefill(rate: 1000, overhead: 0.3)
}
