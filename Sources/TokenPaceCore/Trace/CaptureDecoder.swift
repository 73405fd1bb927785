/// Reads the events of one capture's wire format into token pieces, usage and the end.
struct CaptureDecoder {
    let wire: CaptureReader.Wire
    var events: [TokenEvent] = []
    var usage: TraceJSON?
    var server: TraceJSON?
    var model: String?
    var promptTokens: Int?
    /// Generated tokens as the server counted them (usage / timings / eval_count).
    var serverCount: Int?
    /// Each piece already carries the server's own count (llama.cpp native `tokens`).
    var countsFromServer = false
    var reason: String?
    var failure: TraceFailure?
    var ended = false
    private var lastT = 0.0
    private var sse = SSEParser()
    private var ndjsonLine: [UInt8] = []

    init(wire: CaptureReader.Wire) { self.wire = wire }

    /// Stopped by the model's own end-of-sequence token (counted by servers, never shown).
    var naturalStop: Bool {
        ["stop", "end_turn", "eos"].contains(reason ?? "")
    }

    var end: TraceEnd? {
        if let failure { return .failed(failure) }
        return ended ? .finished(t: lastT, reason: reason) : nil
    }

    mutating func run(_ reads: [CaptureReader.Read]) {
        for read in reads {
            lastT = read.t
            if wire == .ollama {
                for b in read.bytes {
                    if b == 0x0A {
                        ndjson(ndjsonLine, t: read.t)
                        ndjsonLine.removeAll()
                    } else {
                        ndjsonLine.append(b)
                    }
                }
            } else {
                for e in sse.feed(read.bytes) { handle(e, t: read.t) }
            }
        }
        if wire == .ollama, !ndjsonLine.isEmpty { ndjson(ndjsonLine, t: lastT) }

    }

    mutating func failHTTP(status: Int, reads: [CaptureReader.Read]) {
        let body = reads.flatMap(\.bytes)
        let text = String(decoding: body, as: UTF8.self)
        lastT = reads.last?.t ?? 0
        let json = try? JSONParser.parse(text)
        let error = json?["error"]
        failure = TraceFailure(
            t: reads.last?.t, status: status, type: error?["type"]?.string,
            message: error?["message"]?.string ?? error?.string ?? (text.isEmpty ? "HTTP \(status)" : text))
        promptTokens = error?["n_prompt_tokens"]?.int
    }

    private mutating func add(_ text: String?, _ kind: TokenKind, t: Double, count: Int = 1) {
        guard let text, !text.isEmpty else { return }
        events.append(TokenEvent(text: text, kind: kind, t: t, count: count))
    }

    private mutating func handle(_ e: SSEEvent, t: Double) {
        if e.data == "[DONE]" {
            ended = true
            return
        }
        guard let json = try? JSONParser.parse(e.data) else { return }
        switch wire {
        case .openai: openAI(json, t: t)
        case .anthropic: anthropic(json, type: e.type, t: t)
        case .llamacpp: native(json, t: t)
        case .ollama: break
        }
    }

    private mutating func openAI(_ j: TraceJSON, t: Double) {
        if let err = j["error"] {
            failure = TraceFailure(
                t: t, type: err["type"]?.string, message: err["message"]?.string ?? err.string ?? err.compact)
            return
        }
        if let m = j["model"]?.string { model = m }
        if let choice = j["choices"]?.array?.first {
            let delta = choice["delta"] ?? .null
            add(delta["reasoning_content"]?.string, .reasoning, t: t)
            add(delta["reasoning"]?.string, .reasoning, t: t)
            add(delta["content"]?.string, .answer, t: t)
            add(choice["text"]?.string, .answer, t: t)  // legacy completions
            for call in delta["tool_calls"]?.array ?? [] {
                let f = call["function"] ?? .null
                let name = f["name"]?.string.map { $0 + " " } ?? ""
                add(name + (f["arguments"]?.string ?? ""), .toolCall, t: t)
            }
            if let r = choice["finish_reason"]?.string {
                reason = r
                ended = true
            }
        }
        if let u = j["usage"], !u.isNull {
            usage = u
            promptTokens = u["prompt_tokens"]?.int ?? promptTokens
            serverCount = u["completion_tokens"]?.int ?? serverCount
        }
        if let timings = j["timings"], !timings.isNull {
            server = timings
            if promptTokens == nil, let n = timings["prompt_n"]?.int {
                promptTokens = n + (timings["cache_n"]?.int ?? 0)
            }
            if serverCount == nil { serverCount = timings["predicted_n"]?.int }
        }
    }

    private mutating func anthropic(_ j: TraceJSON, type: String, t: Double) {
        let kind = j["type"]?.string ?? type
        switch kind {
        case "message_start":
            let message = j["message"] ?? .null
            model = message["model"]?.string ?? model
            if let u = message["usage"] {
                usage = u
                promptTokens = u["input_tokens"]?.int
            }
        case "content_block_start":
            let block = j["content_block"] ?? .null
            if block["type"]?.string == "tool_use" { add(block["name"]?.string.map { $0 + " " }, .toolCall, t: t) }
        case "content_block_delta":
            let d = j["delta"] ?? .null
            switch d["type"]?.string {
            case "text_delta": add(d["text"]?.string, .answer, t: t)
            case "thinking_delta": add(d["thinking"]?.string, .reasoning, t: t)
            case "input_json_delta": add(d["partial_json"]?.string, .toolCall, t: t)
            default: break
            }
        case "message_delta":
            if let r = j["delta"]?["stop_reason"]?.string { reason = r }
            if let u = j["usage"] {
                serverCount = u["output_tokens"]?.int ?? serverCount
                usage = merge(usage, u)
            }
        case "message_stop":
            ended = true
        case "error":
            let err = j["error"] ?? .null
            failure = TraceFailure(t: t, type: err["type"]?.string, message: err["message"]?.string ?? j.compact)
        default:
            break
        }
    }

    private mutating func native(_ j: TraceJSON, t: Double) {
        if let err = j["error"] {
            failure = TraceFailure(t: t, type: err["type"]?.string, message: err["message"]?.string ?? err.compact)
            return
        }
        let pieces = j["tokens"]?.array?.count
        if let text = j["content"]?.string, !text.isEmpty {
            add(text, .answer, t: t, count: pieces.map { max($0, 1) } ?? 1)
        }
        if pieces != nil { countsFromServer = true }
        if j["stop"]?.bool == true {
            ended = true
            model = j["model"]?.string ?? model
            reason = j["stop_type"]?.string
            promptTokens = j["tokens_evaluated"]?.int ?? promptTokens
            serverCount = j["tokens_predicted"]?.int
            server = j["timings"]
            usage = TraceJSON.fields([
                ("tokens_predicted", j["tokens_predicted"]), ("tokens_evaluated", j["tokens_evaluated"]),
                ("tokens_cached", j["tokens_cached"]),
            ])
        }
    }

    private mutating func ndjson(_ line: [UInt8], t: Double) {
        let text = String(decoding: line, as: UTF8.self)
        guard !text.allSatisfy(\.isWhitespace), let j = try? JSONParser.parse(text) else { return }
        if let err = j["error"] {
            failure = TraceFailure(t: t, message: err.string ?? err["message"]?.string ?? err.compact)
            return
        }
        model = j["model"]?.string ?? model
        let message = j["message"] ?? .null
        add(message["thinking"]?.string ?? j["thinking"]?.string, .reasoning, t: t)
        add(message["content"]?.string ?? j["response"]?.string, .answer, t: t)
        if j["done"]?.bool == true {
            ended = true
            reason = j["done_reason"]?.string
            promptTokens = j["prompt_eval_count"]?.int
            serverCount = j["eval_count"]?.int
            let keys = [
                "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count",
                "eval_duration",
            ]
            server = .object(keys.compactMap { k in j[k].map { TraceJSON.Member(k, $0) } })
        }
    }

    private func merge(_ a: TraceJSON?, _ b: TraceJSON) -> TraceJSON {
        guard var members = a?.members, let extra = b.members else { return b }
        for m in extra {
            if let i = members.firstIndex(where: { $0.key == m.key }) { members[i] = m } else { members.append(m) }
        }
        return .object(members)
    }
}
