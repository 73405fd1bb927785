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
/// A pane's own settings follow the spec after `#`, several joined by `#` (`PaneOptions`): how it
/// shows its answer (`sim:21#present=blocking`: stream, blocking, progress or staged), its model
/// tokenizer on a simulated or hardware pane (`sim:21#tokenizer=PATH`: it streams that model's token
/// pieces) and its cost (`CostSettings.paneSuffix`): `sim:50#price=in=3,out=15`,
/// `hw:h100/llama-3.1-8b/f16#gpu-cost=2.50/h#power=700W`.
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
        + "or a live backend: openai:URL[@MODEL], ollama:[URL@]MODEL, anthropic:[URL@]MODEL, llamacpp:URL; "
        + "then a pane's own settings, each #key=value: present (stream, blocking, progress, staged), "
        + "tokenizer (sim:, hw:), slots (batch), price, gpu-cost, power, kwh"

    public var isLive: Bool {
        if case .live = self { return true }
        return false
    }

    /// Whether the pane cuts its answer itself (simulated, hardware estimate), so a model tokenizer
    /// can be given for it.
    public var takesTokenizer: Bool {
        switch self {
        case .simulated, .hardware: return true
        case .mirror, .trace, .live: return false
        }
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

    /// Reads one spec; the error names the spec and shows the form it should have. The pane's own
    /// settings after `#` are checked and left out; `parseWithOptions` gives them too.
    public static func parse(_ spec: String) throws(ValueError) -> PaneSpec {
        try parseWithOptions(spec).spec
    }

    /// Reads one spec and its options.
    public static func parseWithOptions(_ spec: String) throws(ValueError) -> (spec: PaneSpec, options: PaneOptions) {
        let (body, options) = try PaneOptions.split(spec.trimmingCharacters(in: .whitespaces))
        let parsed = try parseBody(body)
        if options.tokenizer != nil, !parsed.takesTokenizer {
            throw ValueError(
                "--pane \(spec.trimmingCharacters(in: .whitespaces)): #tokenizer= is for sim: and hw: panes "
                    + "(a live pane counts with its server's tokenizer, a mirror or trace plays the pieces it got)")
        }
        return (parsed, options)
    }

    private static func parseBody(_ spec: String) throws(ValueError) -> PaneSpec {
        let text = spec.trimmingCharacters(in: .whitespaces)
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

    /// A spec's `#present=NAME` presentation (`sim:21#present=blocking`) and the spec without its
    /// settings.
    public static func presentation(_ spec: String) throws(ValueError) -> (body: String, presentation: Presentation?) {
        let text = spec.trimmingCharacters(in: .whitespaces)
        let (body, options) = try PaneOptions.split(text)
        return (body, options.present)
    }

    /// The spec without its settings, and its cost settings (the `#` parts other than the tokenizer
    /// and the presentation; nil when none). A URL fragment is never sent to a server, so `#` cannot
    /// belong to a backend's address.
    public static func costPart(_ spec: String) -> (spec: String, cost: String?) {
        let (body, parts) = PaneOptions.parts(spec)
        let cost = parts.filter { part in
            !["tokenizer=", "present=", "slots="].contains { part.lowercased().hasPrefix($0) }
        }
        return (body, cost.isEmpty ? nil : cost.joined(separator: "#"))
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

/// What a pane spec may say after the spec proper: its own settings, each `#key=value`.
public struct PaneOptions: Sendable, Equatable {
    /// A model tokenizer file (GGUF, tokenizer.json or a tiktoken rank file) for this pane.
    public var tokenizer: String?
    /// How the pane shows its answer (`#present=blocking`).
    public var present: Presentation?
    /// A batch pane's requests in flight at once (`#slots=8`).
    public var slots: Int?

    public init(tokenizer: String? = nil, present: Presentation? = nil, slots: Int? = nil) {
        self.tokenizer = tokenizer
        self.present = present
        self.slots = slots
    }

    static let keys = ["present", "tokenizer", "slots", "price", "gpu-cost", "power", "kwh"]

    /// The spec before its first `#`, and the `#` parts after it.
    static func parts(_ text: String) -> (String, [String]) {
        guard let i = text.firstIndex(of: "#") else { return (text, []) }
        let parts = text[text.index(after: i)...].split(separator: "#", omittingEmptySubsequences: true)
        return (String(text[..<i]), parts.map { String($0).trimmingCharacters(in: .whitespaces) })
    }

    /// The spec without its settings, and the settings this type keeps (cost settings are read by
    /// `PaneSpec.costSettings`); an unknown key is named with the ones there are.
    static func split(_ text: String) throws(ValueError) -> (String, PaneOptions) {
        let (body, parts) = parts(text)
        var options = PaneOptions()
        for part in parts {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            let key = kv[0].lowercased()
            guard keys.contains(key) else {
                throw ValueError("--pane \(text): #\(kv[0]): unknown pane setting (\(keys.joined(separator: ", ")))")
            }
            if key == "present" {
                do {
                    options.present = try Presentation.parse(kv.count == 2 ? kv[1] : "")
                } catch {
                    throw ValueError("--pane \(text): #present: \(error.description)")
                }
                continue
            }
            if key == "slots" {
                do {
                    options.slots = try BatchSettings.slots(kv.count == 2 ? kv[1] : "", option: "#slots")
                } catch {
                    throw ValueError("--pane \(text): \(error.description)")
                }
                continue
            }
            guard key == "tokenizer" else { continue }
            guard kv.count == 2, !kv[1].isEmpty else {
                throw ValueError("--pane \(text): #tokenizer= needs a path (a GGUF, tokenizer.json or .tiktoken file)")
            }
            options.tokenizer = kv[1]
        }
        return (body, options)
    }
}
