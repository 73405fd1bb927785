/// The figures of a trace, as `tokenpace trace info` prints them: the client's view (from
/// arrival times, DESIGN §2) beside what the server reported about itself.
public struct TraceInfo: Sendable, Equatable {
    public var trace: Trace
    public var path: String
    public var metrics: StreamMetrics
    public var stallThreshold: Double

    public init(trace: Trace, path: String, stallThreshold: Double = StreamMetrics.defaultStallThreshold) {
        self.trace = trace
        self.path = path
        self.stallThreshold = stallThreshold
        self.metrics = trace.metrics(stallThreshold: stallThreshold)
    }

    /// Server-side figures worth putting beside the client's, in seconds and tok/s, read from
    /// llama.cpp `timings` or Ollama's nanosecond durations.
    public var serverFigures: [(name: String, value: Double, unit: String)] {
        let s = trace.header.server
        var out: [(String, Double, String)] = []
        if let ms = s["prompt_ms"]?.number { out.append(("prefill", ms / 1000, "s")) }
        if let n = s["prompt_n"]?.number { out.append(("prompt evaluated", n, "tok")) }
        if let n = s["cache_n"]?.number { out.append(("prompt cached", n, "tok")) }
        if let r = s["prompt_per_second"]?.number { out.append(("prefill rate", r, "tok/s")) }
        if let ms = s["predicted_ms"]?.number { out.append(("decode time", ms / 1000, "s")) }
        if let n = s["predicted_n"]?.number { out.append(("generated", n, "tok")) }
        if let r = s["predicted_per_second"]?.number { out.append(("decode rate", r, "tok/s")) }
        if let ns = s["prompt_eval_duration"]?.number { out.append(("prefill", ns / 1e9, "s")) }
        if let n = s["prompt_eval_count"]?.number { out.append(("prompt evaluated", n, "tok")) }
        if let ns = s["eval_duration"]?.number, let n = s["eval_count"]?.number {
            out.append(("decode time", ns / 1e9, "s"))
            out.append(("generated", n, "tok"))
            if ns > 0 { out.append(("decode rate", n / ns * 1e9, "tok/s")) }
        }
        if let ns = s["total_duration"]?.number { out.append(("total", ns / 1e9, "s")) }
        let usage = trace.header.usage
        if let n = usage?["completion_tokens"]?.number ?? usage?["output_tokens"]?.number {
            if !out.contains(where: { $0.0 == "generated" }) { out.append(("generated", n, "tok")) }
        }
        return out
    }

    public var text: String {
        let h = trace.header
        let m = metrics
        var lines: [String] = []
        lines.append("trace    \(path)")
        var source = "backend  \(h.backend)"
        if let model = h.model { source += "   model \(model)" }
        if let url = h.url { source += "   url \(url)" }
        lines.append(source)
        lines.append(
            "task     \((h.task ?? .chat).rawValue)   prompt \(h.promptTokens.map { "\($0) tok" } ?? Format.missing)")
        switch trace.end {
        case .finished(let t, let reason):
            lines.append("end      \(reason ?? "finished") at \(Format.duration(t, .precise))")
        case .failed(let f):
            lines.append(
                "error    \(f.status.map { "HTTP \($0) " } ?? "")\(f.type.map { "\($0): " } ?? "")\(f.message)")
        case nil: lines.append("end      not recorded (stream cut short?)")
        }
        lines.append("")
        lines.append("client (from arrival times)")
        let rows: [(String, String)] = [
            ("TTFT", Format.duration(m.ttft, .precise)),
            ("TTFA", Format.duration(m.ttfa, .precise)),
            ("first useful", Format.duration(m.useful, .precise)),
            ("E2E", Format.duration(m.e2e, .precise)),
            ("decode rate", Format.tokensPerSecond(m.decodeRate)),
            (
                "text speed",
                "\(Format.rate(m.charactersPerSecond)) characters/s · "
                    + (m.charactersPerSecond != nil && m.wordsPerSecond == nil
                        ? "no words (a script without spaces)" : "\(Format.rate(m.wordsPerSecond)) words/s")
            ),
            (
                "ITL p50/p90/p99",
                [m.itlP50, m.itlP90, m.itlP99].map { Format.fixed($0.map { $0 * 1000 }, 1) }.joined(separator: " / ")
                    + " ms"
            ),
            (
                "stalls ≥ \(Format.fixed(stallThresholdMs, 0)) ms",
                "\(m.stallCount)" + (m.stallCount > 0 ? " (longest \(Format.duration(m.longestStall, .precise)))" : "")
            ),
            ("tokens", "\(m.tokens) in \(trace.events.count) pieces"),
        ]
        for (k, v) in rows { lines.append("  " + k.padding(18) + v) }
        let server = serverFigures
        if !server.isEmpty {
            lines.append("")
            lines.append("server (as reported)")
            for f in server { lines.append("  " + f.name.padding(18) + Self.value(f.value, f.unit)) }
        }
        return lines.joined(separator: "\n")
    }

    var stallThresholdMs: Double { stallThreshold * 1000 }

    public var json: JSONValue {
        let m = metrics
        let h = trace.header
        func num(_ v: Double?) -> JSONValue? { v.map { .number(($0 * 1e6).rounded() / 1e6) } }
        var end: JSONValue?
        switch trace.end {
        case .finished(let t, let reason): end = .fields([("t_s", num(t)), ("reason", reason.map(JSONValue.string))])
        case .failed(let f):
            end = .fields([
                ("error", .string(f.message)), ("status", f.status.map { .number(Double($0)) }),
                ("type", f.type.map(JSONValue.string)),
            ])
        case nil: end = nil
        }
        return .fields([
            ("path", .string(path)), ("backend", .string(h.backend)), ("model", h.model.map(JSONValue.string)),
            ("task", .string((h.task ?? .chat).rawValue)),
            ("prompt_tokens", h.promptTokens.map { .number(Double($0)) }),
            ("end", end),
            (
                "client",
                .fields([
                    ("ttft_s", num(m.ttft)), ("ttfa_s", num(m.ttfa)), ("useful_s", num(m.useful)),
                    ("e2e_s", num(m.e2e)),
                    ("decode_rate", num(m.decodeRate)), ("text_chars_s", num(m.charactersPerSecond)),
                    ("text_words_s", num(m.wordsPerSecond)), ("itl_p50_s", num(m.itlP50)), ("itl_p90_s", num(m.itlP90)),
                    ("itl_p99_s", num(m.itlP99)), ("stalls", .number(Double(m.stallCount))),
                    ("longest_stall_s", num(m.longestStall)), ("tokens", .number(Double(m.tokens))),
                    ("pieces", .number(Double(trace.events.count))),
                ])
            ),
            ("server", h.server),
            ("usage", h.usage),
        ])
    }

    static func value(_ v: Double, _ unit: String) -> String {
        switch unit {
        case "s": return Format.duration(v, .precise)
        case "tok": return Format.fixed(v, 0) + " tok"
        case "tok/s": return Format.tokensPerSecond(v)
        default: return Format.fixed(v, 1) + " " + unit
        }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
