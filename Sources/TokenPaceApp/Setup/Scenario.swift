import Foundation
import TokenPaceBackends
import TokenPaceCore
import Yams

/// A showdown written down once (`--scenario FILE`, YAML; example in `Samples/scenario-showdown.yaml`):
/// the panes, the prompt and the request settings every live pane shares. Keys come from the
/// environment variable or key file it names, never from the file itself.
public struct Scenario: Sendable {
    public struct Pane: Sendable {
        public var spec: String
        public var headers: [String: String] = [:]
        public var apiKeyEnv: String?
        public var apiKeyFile: String?
        /// This pane's model tokenizer (`tokenizer:` of the pane, a path relative to the file).
        public var tokenizer: String?
        public var line: Int
    }

    public var panes: [Pane] = []
    public var prompt: String?
    public var sample: String?
    public var maxTokens: Int?
    public var temperature: Double?
    public var reasoning: Bool?
    public var idleTimeout: Double?
    public var firstByteTimeout: Double?
    /// The model tokenizer of every simulated and hardware pane (a path relative to the file).
    public var tokenizer: String?

    static let topKeys = [
        "panes", "prompt", "prompt_file", "sample", "max_tokens", "temperature", "reasoning", "idle_timeout",
        "first_byte_timeout", "tokenizer",
    ]
    static let paneKeys = ["spec", "headers", "api_key_env", "api_key_file", "tokenizer"]

    public static func load(path: String) throws -> Scenario {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValueError("\(path): cannot read the scenario file")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ yaml: String, path: String) throws -> Scenario {
        func fail(_ line: Int, _ message: String) -> ValueError { ValueError("\(path):\(line): \(message)") }
        /// A path in the file: relative to the file's folder.
        func near(_ file: String) -> String {
            let file = NSString(string: file).expandingTildeInPath
            return file.hasPrefix("/")
                ? file : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw fail(line(of: error), "YAML error: \(error)")
        }
        guard let mapping = root?.mapping else { throw fail(1, "expected a mapping with a `panes` list") }
        var s = Scenario()
        for (key, value) in mapping {
            let name = key.string ?? ""
            let at = key.mark?.line ?? 1
            switch name {
            case "panes":
                guard let list = value.sequence else { throw fail(at, "`panes` must be a list") }
                for item in list {
                    let itemLine = item.mark?.line ?? at
                    if let spec = item.string {
                        do { _ = try PaneSpec.parse(spec) } catch { throw fail(itemLine, error.description) }
                        s.panes.append(Pane(spec: spec, line: itemLine))
                        continue
                    }
                    guard let m = item.mapping else {
                        throw fail(itemLine, "a pane is a spec string or a mapping with `spec`")
                    }
                    var pane = Pane(spec: "", line: itemLine)
                    for (k, v) in m {
                        let kn = k.string ?? ""
                        let kl = k.mark?.line ?? itemLine
                        switch kn {
                        case "spec": pane.spec = v.string ?? ""
                        case "api_key_env": pane.apiKeyEnv = v.string
                        case "tokenizer":
                            guard let file = v.string, !file.isEmpty else {
                                throw fail(kl, "`tokenizer` must be a path to a GGUF, tokenizer.json or .tiktoken file")
                            }
                            pane.tokenizer = near(file)
                        case "api_key_file":
                            pane.apiKeyFile = v.string.map { NSString(string: $0).expandingTildeInPath }
                        case "headers":
                            guard let hm = v.mapping else {
                                throw fail(kl, "`headers` must be a mapping of names to values")
                            }
                            for (hk, hv) in hm { pane.headers[hk.string ?? ""] = hv.string ?? "" }
                            if pane.headers.keys.contains(where: {
                                ["authorization", "x-api-key"].contains($0.lowercased())
                            }) {
                                throw fail(kl, "keys do not belong in a scenario file: use api_key_env or api_key_file")
                            }
                        default:
                            throw fail(kl, "unknown pane key `\(kn)` (known: \(paneKeys.joined(separator: ", ")))")
                        }
                    }
                    guard !pane.spec.isEmpty else { throw fail(itemLine, "a pane needs a `spec`") }
                    let spec: PaneSpec
                    do { spec = try PaneSpec.parse(pane.spec) } catch { throw fail(itemLine, error.description) }
                    if pane.tokenizer != nil, !spec.takesTokenizer {
                        throw fail(itemLine, "`tokenizer` is for sim: and hw: panes, not \(spec.kindName) panes")
                    }
                    s.panes.append(pane)
                }
            case "prompt": s.prompt = value.string
            case "prompt_file":
                guard let file = value.string else { throw fail(at, "`prompt_file` must be a path") }
                let full =
                    file.hasPrefix("/")
                    ? file : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
                guard let text = try? String(contentsOfFile: full, encoding: .utf8) else {
                    throw fail(at, "cannot read prompt_file \(full)")
                }
                s.prompt = text
            case "sample": s.sample = value.string
            case "tokenizer":
                guard let file = value.string, !file.isEmpty else {
                    throw fail(at, "`tokenizer` must be a path to a GGUF, tokenizer.json or .tiktoken file")
                }
                s.tokenizer = near(file)
            case "max_tokens":
                guard let n = value.int, n > 0 else { throw fail(at, "`max_tokens` must be a whole number above 0") }
                s.maxTokens = n
            case "temperature":
                guard let t = value.float, t >= 0 else { throw fail(at, "`temperature` must be a number ≥ 0") }
                s.temperature = t
            case "idle_timeout", "first_byte_timeout":
                guard let text = value.string, let seconds = try? ValueParsing.duration(text), seconds > 0 else {
                    throw fail(at, "`\(name)` must be a duration above 0, e.g. 30s or 500ms")
                }
                if name == "idle_timeout" { s.idleTimeout = seconds } else { s.firstByteTimeout = seconds }
            case "reasoning":
                guard let b = value.bool else { throw fail(at, "`reasoning` must be true or false") }
                s.reasoning = b
            default:
                throw fail(at, "unknown key `\(name)` (known: \(topKeys.joined(separator: ", ")))")
            }
        }
        guard !s.panes.isEmpty else { throw fail(1, "a scenario needs at least one pane under `panes`") }
        return s
    }

    /// The live backend of a pane with the scenario's shared settings applied.
    public func apply(to spec: inout BackendSpec, pane: Pane) {
        if let n = maxTokens { spec.maxTokens = n }
        if let t = temperature { spec.temperature = t }
        if let r = reasoning { spec.reasoning = r }
        spec.headers.merge(pane.headers) { _, new in new }
        if let e = pane.apiKeyEnv { spec.apiKeyEnv = e }
        if let f = pane.apiKeyFile { spec.apiKeyFile = f }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return 1
        }
    }
}
