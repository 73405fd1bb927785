/// A figure of the bench report: its name in each format, its unit and its definition, printed with
/// every report so a number is never read without knowing what it measures.
public enum BenchFigure: String, Sendable, CaseIterable {
    case ttft, ttfa, useful, e2e, decodeRate, charactersPerSecond, wordsPerSecond, itlP50, itlP90, itlP99, stalls
    case longestStall, tokens
    case serverPrefill, serverDecodeRate
    case waitingForText, blocked
    case promptTokens, usable, cost

    /// Key in JSON and CSV (snake case, unit in the name).
    public var key: String {
        switch self {
        case .ttft: return "ttft_s"
        case .ttfa: return "ttfa_s"
        case .useful: return "useful_s"
        case .e2e: return "e2e_s"
        case .decodeRate: return "decode_tok_s"
        case .charactersPerSecond: return "text_chars_s"
        case .wordsPerSecond: return "text_words_s"
        case .itlP50: return "itl_p50_s"
        case .itlP90: return "itl_p90_s"
        case .itlP99: return "itl_p99_s"
        case .stalls: return "stalls"
        case .longestStall: return "longest_stall_s"
        case .tokens: return "tokens"
        case .serverPrefill: return "server_prefill_s"
        case .serverDecodeRate: return "server_decode_tok_s"
        case .waitingForText: return "waiting_for_text_s"
        case .blocked: return "blocked_s"
        case .promptTokens: return "prompt_tokens"
        case .usable: return "usable_s"
        case .cost: return "cost_usd"
        }
    }

    /// Column title in the Markdown table.
    public var title: String {
        switch self {
        case .ttft: return "TTFT"
        case .ttfa: return "TTFA"
        case .useful: return "useful"
        case .e2e: return "E2E"
        case .decodeRate: return "decode"
        case .charactersPerSecond: return "chars/s"
        case .wordsPerSecond: return "words/s"
        case .itlP50: return "ITL p50"
        case .itlP90: return "ITL p90"
        case .itlP99: return "ITL p99"
        case .stalls: return "stalls"
        case .longestStall: return "longest stall"
        case .tokens: return "tokens"
        case .serverPrefill: return "server prefill"
        case .serverDecodeRate: return "server decode"
        case .waitingForText: return "waiting for text"
        case .blocked: return "blocked"
        case .promptTokens: return "prompt"
        case .usable: return "usable"
        case .cost: return "cost/task"
        }
    }

    public enum Unit: String, Sendable {
        case seconds = "s"
        case tokensPerSecond = "tok/s"
        case count = ""
        case charactersPerSecond = "characters/s"
        case wordsPerSecond = "words/s"
        case usd = "USD"
    }

    public var unit: Unit {
        switch self {
        case .decodeRate, .serverDecodeRate: return .tokensPerSecond
        case .stalls, .tokens, .promptTokens: return .count
        case .cost: return .usd
        case .charactersPerSecond: return .charactersPerSecond
        case .wordsPerSecond: return .wordsPerSecond
        default: return .seconds
        }
    }

    /// What the figure measures (DESIGN §2), for `task`'s useful signal and the stall threshold used.
    public func definition(task: TaskKind, stallThreshold: Double) -> String {
        let stall = Format.fixed(stallThreshold * 1000, 0) + " ms"
        switch self {
        case .ttft:
            return
                "time to first token: request sent → first token of any kind (reasoning counts; a role-only or empty delta does not)"
        case .ttfa: return "time to first answer token, after any reasoning"
        case .useful: return "time to first useful signal for the \(task.rawValue) task: \(task.usefulSignalName)"
        case .e2e: return "end to end: request sent → last token"
        case .decodeRate:
            return "decode rate: (n − 1) ÷ (t_last − t_first), n from the server's usage count when reported"
        case .charactersPerSecond:
            return
                "text speed: characters of the generated text that arrived after the first token ÷ (t_last − t_first); the same tok/s is more or less text per second with another model's tokenizer or another language"
        case .wordsPerSecond:
            return
                "words begun after the first token ÷ (t_last − t_first); none for text mostly in a script without spaces (Chinese, Japanese, Thai)"
        case .itlP50: return "inter-token latency, median gap between consecutive token arrivals"
        case .itlP90: return "inter-token latency, 90th percentile gap"
        case .itlP99: return "inter-token latency, 99th percentile gap"
        case .stalls: return "gaps of \(stall) or more between consecutive tokens"
        case .longestStall: return "longest gap of \(stall) or more (0 when none)"
        case .tokens:
            return
                "generated tokens: the server's usage count when reported (\"usage\"), else pieces counted by the client (\"counted\")"
        case .serverPrefill:
            return
                "prompt processing time by the server's own clock (llama.cpp timings, Ollama durations); TTFT minus this is network, queueing and the first decode step"
        case .serverDecodeRate:
            return "decode rate by the server's own clock; the client's rate below it is network and buffering"
        case .waitingForText:
            return
                "after the first token, the total time a reader at \(Format.fixed(ReaderScan.defaultPace, 0)) words/min has nothing new to read (streamed)"
        case .blocked:
            return "request → the first text the user can act on (\(task.usefulSignalName), streamed)"
        case .promptTokens:
            return
                "prompt tokens one try sends and the model prefills: the prompt, plus the context re-sent at every agent step (cached tokens included)"
        case .usable:
            return
                "time to a usable answer: E2E ÷ the first-try success rate (--success; each retry takes as long again)"
        case .cost:
            return
                "cost per completed task, USD: API (uncached prompt × in + cached × cached + generated × out) ÷ 1M, or box $/h × E2E ÷ 3600 (+ W × E2E × $/kWh), then ÷ the first-try success rate (each retry prefills and generates again)"
        }
    }

    /// This figure of one stream; `nil` when the stream has none (no answer token, no server timings…).
    public func value(of stream: BenchStream) -> Double? {
        let m = stream.metrics
        switch self {
        case .ttft: return m.ttft
        case .ttfa: return m.ttfa
        case .useful: return m.useful
        case .e2e: return m.e2e
        case .decodeRate: return stream.decodeRate
        case .charactersPerSecond: return m.charactersPerSecond
        case .wordsPerSecond: return m.wordsPerSecond
        case .itlP50: return m.itlP50
        case .itlP90: return m.itlP90
        case .itlP99: return m.itlP99
        case .stalls: return Double(m.stallCount)
        case .longestStall: return m.longestStall
        case .tokens: return Double(stream.tokens)
        case .serverPrefill: return stream.serverPrefillMs.map { $0 / 1000 }
        case .serverDecodeRate: return stream.serverDecodeRate
        case .waitingForText: return stream.waitingForText
        case .blocked: return m.useful
        case .promptTokens: return stream.promptTokens.map(Double.init)
        case .usable: return stream.usableSeconds
        case .cost: return stream.costUSD
        }
    }
}
