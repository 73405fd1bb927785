/// Reads and writes trace files (JSON Lines; format in `docs/traces.md`).
///
/// Reading is strict: a truncated or corrupted line is an error naming the line, never a silently
/// shorter trace, because a replay of half a stream looks like a real (faster) stream.
public enum TraceFile {
    /// Latest arrival a trace may hold: 100 000 000 ms (about 28 hours). Anything later is a corrupted
    /// number, and would overflow the clocks a replay converts it to.
    public static let maxMilliseconds = 100_000_000.0
    /// Most model tokens one piece may stand for.
    public static let maxCount = 1_000_000
    /// Largest magnitude of any other number in a trace (header figures, error status).
    public static let maxFigure = 1e15

    /// The file's bytes as text; bytes that are not UTF-8 are an error naming their line.
    public static func text(_ bytes: [UInt8], path: String) throws(TraceError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil {
                throw TraceError(
                    path: path, line: line, message: "not UTF-8 text: the line holds bytes that are not UTF-8")
            }
            line += 1
            start = i + 1
        }
        throw TraceError(path: path, line: 0, message: "not UTF-8 text")
    }

    public static func parse(_ text: String, path: String) throws(TraceError) -> Trace {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, !first.allSatisfy(\.isWhitespace) else {
            throw TraceError(path: path, line: 0, message: "empty file: not a tokenpace trace")
        }
        let headerJSON = try json(first, path: path, line: 1)
        guard let version = headerJSON["tokenpace_trace"] else {
            throw TraceError(
                path: path, line: 1, message: "not a tokenpace trace: line 1 has no \"tokenpace_trace\" key")
        }
        guard version.int == TraceHeader.formatVersion else {
            throw TraceError(
                path: path, line: 1,
                message:
                    "trace format \(version.compact) is not supported (this build reads \(TraceHeader.formatVersion))")
        }
        if let bad = outOfRange(headerJSON) {
            throw TraceError(
                path: path, line: 1,
                message: "number \(bad) is out of range (numbers in a trace are at most 1e15 in size)")
        }
        let header = try readHeader(headerJSON, path: path)

        var events: [TokenEvent] = []
        var end: TraceEnd?
        var lastT = -Double.infinity
        var tokenLines = 0
        // The stage counts token lines as written; empty pieces are dropped below, so count events.
        var stageEvents = header.stage?.pieces == 0 ? 0 : nil as Int?
        for (index, raw) in lines.enumerated().dropFirst() {
            let n = index + 1
            if raw.allSatisfy(\.isWhitespace) { continue }
            if end != nil {
                throw TraceError(path: path, line: n, message: "line after the stream's end or error line")
            }
            let value = try json(raw, path: path, line: n)
            if let e = value["end"] {
                let t = try seconds(e["t_ms"], path: path, line: n, optional: false) ?? 0
                guard t >= lastT else {
                    throw TraceError(
                        path: path, line: n,
                        message: "the end's t_ms is before the last token's (\(t * 1000) after \(lastT * 1000))")
                }
                end = .finished(t: t, reason: e["reason"]?.string)
                continue
            }
            if let e = value["error"] {
                end = .failed(try failure(e, path: path, line: n))
                continue
            }
            guard let t = try seconds(value["t_ms"], path: path, line: n, optional: false) else { continue }
            guard let text = value["text"]?.string else {
                throw TraceError(path: path, line: n, message: "token line has no \"text\" string")
            }
            let kindName = value["kind"]?.string ?? TokenKind.answer.rawValue
            guard let kind = TokenKind(rawValue: kindName) else {
                throw TraceError(
                    path: path, line: n,
                    message:
                        "unknown kind \"\(kindName)\" (kinds: \(TokenKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            var count = 1
            if let c = value["count"] {
                guard let v = c.int, (0...maxCount).contains(v) else {
                    throw TraceError(
                        path: path, line: n, message: "\"count\" must be a whole number from 0 to \(maxCount)")
                }
                count = v
            }
            guard t >= lastT else {
                throw TraceError(
                    path: path, line: n, message: "t_ms goes back in time (\(t * 1000) after \(lastT * 1000))")
            }
            lastT = t
            tokenLines += 1
            defer { if tokenLines == header.stage?.pieces { stageEvents = events.count } }
            // An empty piece shows nothing: like an empty delta from a live server, it is not a token and
            // does not set TTFT.
            if text.isEmpty { continue }
            events.append(TokenEvent(text: text, kind: kind, t: t, count: count))
        }
        var trace = Trace(header: header, events: events, end: end)
        if let stage = header.stage {
            guard let n = stageEvents else {
                throw TraceError(
                    path: path, line: 1,
                    message: "\"stage\" has \(stage.pieces) pieces but the trace holds \(tokenLines) token lines")
            }
            trace.header.stage?.pieces = n
        }
        return trace
    }

    /// The trace as JSON Lines, ending in a newline. Secrets are removed here as well as when the
    /// header is made, so no path writes a key; `secrets` are key values the app holds, removed
    /// wherever they appear in the header.
    public static func encode(_ trace: Trace, secrets: [String] = []) -> String {
        var out = headerJSON(trace.header, secrets: secrets).compact + "\n"
        for e in trace.events {
            out +=
                JSONValue.fields([
                    ("t_ms", .number(ms(e.t))), ("text", .string(e.text)), ("kind", .string(e.kind.rawValue)),
                    ("count", .number(Double(e.count))),
                ]).compact + "\n"
        }
        switch trace.end {
        case .finished(let t, let reason):
            out +=
                JSONValue.fields([
                    ("end", .fields([("t_ms", .number(ms(t))), ("reason", reason.map(JSONValue.string))]))
                ]).compact + "\n"
        case .failed(let f):
            let body = JSONValue.fields([
                ("t_ms", f.t.map { .number(ms($0)) }), ("status", f.status.map { .number(Double($0)) }),
                ("type", f.type.map(JSONValue.string)), ("message", .string(f.message)),
            ])
            out += JSONValue.fields([("error", body)]).compact + "\n"
        case nil:
            break
        }
        return out
    }

    /// Seconds → milliseconds rounded to the microsecond (the precision the format keeps).
    static func ms(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }

    static func headerJSON(_ h: TraceHeader, secrets: [String] = []) -> JSONValue {
        func redacted(_ s: String) -> String { TraceRedaction.text(s, known: secrets) }
        return .fields([
            ("tokenpace_trace", .number(Double(TraceHeader.formatVersion))),
            ("backend", .string(h.backend)),
            ("url", h.url.map { .string(redacted(TraceRedaction.url($0))) }),
            ("model", h.model.map { .string(redacted($0)) }),
            ("prompt", h.prompt.map { .string(redacted($0)) }),
            ("prompt_tokens", h.promptTokens.map { .number(Double($0)) }),
            ("task", h.task.map { .string($0.rawValue) }),
            ("settings", TraceRedaction.settings(h.settings, known: secrets)),
            ("server", TraceRedaction.settings(h.server, known: secrets)),
            ("usage", h.usage.map { TraceRedaction.settings($0, known: secrets) }),
            ("version", h.version.map(JSONValue.string)),
            ("recorded_at", h.recordedAt.map(JSONValue.string)),
            (
                "stage",
                h.stage.map {
                    .fields([
                        ("pieces", .number(Double($0.pieces))), ("end_ms", .number(ms($0.t))),
                        ("reason", $0.reason.map(JSONValue.string)),
                        ("prompt_tokens", $0.promptTokens.map { .number(Double($0)) }),
                        ("completion_tokens", $0.completionTokens.map { .number(Double($0)) }),
                    ])
                }
            ),
        ])
    }

    static func readHeader(_ v: JSONValue, path: String) throws(TraceError) -> TraceHeader {
        guard let backend = v["backend"]?.string else {
            throw TraceError(path: path, line: 1, message: "header has no \"backend\" string")
        }
        var task: TaskKind?
        if let name = v["task"]?.string {
            guard let t = TaskKind(rawValue: name) else {
                throw TraceError(path: path, line: 1, message: "unknown task \"\(name)\"")
            }
            task = t
        }
        var stage: TraceStage?
        if let st = v["stage"], !st.isNull {
            guard let pieces = st["pieces"]?.int, (0...Int(maxFigure)).contains(pieces) else {
                throw TraceError(
                    path: path, line: 1, message: "\"stage\" needs \"pieces\": the whole number of outline pieces")
            }
            guard let end = st["end_ms"]?.number, end >= 0, end <= maxMilliseconds else {
                throw TraceError(
                    path: path, line: 1,
                    message: "\"stage\" needs \"end_ms\": a number from 0 to \(Int(maxMilliseconds))")
            }
            stage = TraceStage(
                pieces: pieces, t: end / 1000, reason: st["reason"]?.string,
                promptTokens: st["prompt_tokens"]?.int.flatMap { $0 >= 0 ? $0 : nil },
                completionTokens: st["completion_tokens"]?.int.flatMap { $0 >= 0 ? $0 : nil })
        }
        return TraceHeader(
            backend: backend, url: v["url"]?.string.map(TraceRedaction.url), model: v["model"]?.string,
            prompt: v["prompt"]?.string, promptTokens: v["prompt_tokens"]?.int, task: task,
            settings: TraceRedaction.settings(v["settings"] ?? .object([])),
            server: TraceRedaction.settings(v["server"] ?? .object([])),
            usage: v["usage"].flatMap { $0.isNull ? nil : TraceRedaction.settings($0) }, version: v["version"]?.string,
            recordedAt: v["recorded_at"]?.string, stage: stage)
    }

    static func failure(_ e: JSONValue, path: String, line: Int) throws(TraceError) -> TraceFailure {
        var status: Int?
        if let s = e["status"], !s.isNull {
            guard let v = s.int, (0...999).contains(v) else {
                throw TraceError(path: path, line: line, message: "\"status\" must be an HTTP status (0 to 999)")
            }
            status = v
        }
        return TraceFailure(
            t: try seconds(e["t_ms"], path: path, line: line, optional: true), status: status,
            type: e["type"]?.string, message: e["message"]?.string ?? e.compact)
    }

    /// The first number in `v` (at any depth) that is not finite or larger than `maxFigure`.
    static func outOfRange(_ v: JSONValue) -> String? {
        switch v {
        case .number(let n): return n.isFinite && abs(n) <= maxFigure ? nil : "\(n)"
        case .array(let a): return a.lazy.compactMap(outOfRange).first
        case .object(let m): return m.lazy.compactMap { outOfRange($0.value) }.first
        case .null, .bool, .string: return nil
        }
    }

    static func seconds(_ v: JSONValue?, path: String, line: Int, optional: Bool) throws(TraceError) -> Double? {
        guard let v, !v.isNull else {
            if optional { return nil }
            throw TraceError(path: path, line: line, message: "line has no \"t_ms\" number")
        }
        guard let ms = v.number, ms >= 0, ms <= maxMilliseconds else {
            throw TraceError(
                path: path, line: line,
                message: "\"t_ms\" must be a number from 0 to \(Int(maxMilliseconds)) (about 28 hours)")
        }
        return ms / 1000
    }

    static func json(_ line: Substring, path: String, line n: Int) throws(TraceError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(String(line))
        } catch {
            let what = error.message.contains("end of line") ? "truncated line" : "corrupted line"
            throw TraceError(path: path, line: n, message: "\(what): \(error.message) at column \(error.offset + 1)")
        }
        guard case .object = value else {
            throw TraceError(path: path, line: n, message: "corrupted line: expected a JSON object")
        }
        return value
    }
}
