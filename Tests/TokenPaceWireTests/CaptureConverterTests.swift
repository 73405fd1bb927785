import Foundation
import Testing
import TokenPaceCore
import TokenPaceTestSupport

@testable import TokenPaceWire

/// `trace convert` and a saved live pane build their trace with the decoder a live pane uses.
@Suite struct CaptureConverterTests {
    /// What a live pane gets from a capture: its decoder fed once per socket read, as `LiveStream`
    /// feeds it (stamped with the read's arrival, nothing after the end, `finish` when the body ends).
    static func liveEvents(_ capture: CaptureReader.Capture) -> [(t: Double, event: BackendEvent)] {
        var decoder = BackendKind(capture: capture).makeDecoder()
        var out: [(t: Double, event: BackendEvent)] = []
        var t = 0.0
        for read in capture.reads {
            t = read.t
            for event in decoder.feed(read.bytes, at: read.t) {
                out.append((read.t, event))
                if event.isTerminal { return out }
            }
        }
        return out + decoder.finish(at: t).map { (t, $0) }
    }

    /// For every capture: the tokens (text, kind, time), the server's counts and clocks, and the
    /// end or failure of the converted trace are exactly what the live pane was given.
    @Test(arguments: Fixtures.all)
    func traceHoldsWhatTheLivePaneGot(name: String) throws {
        let capture = try Fixtures.capture(name)
        let trace = CaptureConverter.trace(capture)
        guard capture.status == 200 else {
            // No stream: the live pane's failure is the HTTP status with the server's words.
            let live = BackendError.http(
                status: capture.status, body: String(decoding: capture.reads.flatMap(\.bytes), as: UTF8.self))
            guard case .failed(let f)? = trace.end, case .http(let status, let message?) = live else {
                Issue.record("\(name): \(String(describing: trace.end)) vs \(live)")
                return
            }
            #expect(trace.events.isEmpty)
            #expect(f.status == status)
            #expect(message == "\(f.message) (\(f.type ?? ""))")
            #expect(f.t == capture.reads.last?.t)
            return
        }
        let live = Self.liveEvents(capture)
        let tokens = live.compactMap { if case .token(let e) = $0.event { e } else { nil } }
        #expect(!tokens.isEmpty)
        #expect(trace.events.map(\.text) == tokens.map(\.text))
        #expect(trace.events.map(\.kind) == tokens.map(\.kind))
        #expect(trace.events.map(\.t) == tokens.map(\.t))

        let usage = live.compactMap { if case .usage(let u) = $0.event { u } else { nil } }.last
        let timings = live.compactMap { if case .serverTimings(let s) = $0.event { s } else { nil } }.last
        #expect(usage != nil || timings != nil)
        if let usage {
            #expect(trace.header.promptTokens == usage.promptTokens)
            // The count the trace's pieces add up to: the server's (plus an unsent end-of-sequence token).
            #expect(trace.tokenCount + (Self.naturalStop(trace) ? 1 : 0) == usage.completionTokens)
        }
        #expect(trace.header.server.members?.isEmpty == (timings == nil))
        if let timings { #expect(ServerTimings(reported: trace.header.server) == timings) }

        let end = try #require(live.last)
        guard case .finished(let reason) = end.event else {
            Issue.record("\(name): the live stream did not finish: \(end.event)")
            return
        }
        #expect(trace.end == .finished(t: end.t, reason: reason))
    }

    static func naturalStop(_ trace: Trace) -> Bool {
        if case .finished(_, let reason)? = trace.end { return ["stop", "end_turn", "eos"].contains(reason ?? "") }
        return false
    }

    /// Text and first-token time as a plain client would find them: the whole body split on blank
    /// lines, JSON per `data:` line (the captures use LF and single-line data).
    static func plainReading(_ capture: CaptureReader.Capture) throws -> (text: String, first: Double?) {
        var out = ""
        var first: Double?
        var body = ""
        for read in capture.reads {
            body += String(decoding: read.bytes, as: UTF8.self)
            let events = body.components(separatedBy: "\n\n")
            body = events.last!
            for e in events.dropLast() {
                for line in e.split(separator: "\n") where line.hasPrefix("data: ") {
                    let payload = line.dropFirst(6)
                    guard payload != "[DONE]",
                        let j = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]
                    else { continue }
                    var piece = ""
                    if let choices = j["choices"] as? [[String: Any]], let d = choices.first?["delta"] as? [String: Any]
                    {
                        piece = (d["content"] as? String) ?? ""
                    } else if let d = j["delta"] as? [String: Any] {
                        piece = (d["text"] as? String) ?? ""
                    } else if j["tokens"] != nil {
                        piece = (j["content"] as? String) ?? ""
                    }
                    if !piece.isEmpty, first == nil { first = read.t }
                    out += piece
                }
            }
        }
        return (out, first)
    }

    @Test(arguments: Fixtures.streams)
    func textAndFirstTokenMatchAPlainReading(name: String) throws {
        let (path, text) = try Fixtures.text(name)
        let trace = try CaptureConverter.read(text, path: path)
        let want = try Self.plainReading(try Fixtures.capture(name))
        #expect(!want.text.isEmpty)
        #expect(trace.text == want.text)
        #expect(trace.events.first?.t == want.first)
        #expect(trace.metrics().ttft == want.first)
        guard case .finished(_, let reason)? = trace.end else {
            Issue.record("no end")
            return
        }
        #expect(reason == (try Fixtures.expected(name)).finishReason)
    }

    @Test(arguments: Fixtures.streams)
    func convertedTraceReplaysTheCapturesArrivalTimes(name: String) throws {
        let capture = try Fixtures.capture(name)
        let reads = capture.reads.map(\.t)
        let trace = try TraceFile.parse(TraceFile.encode(CaptureConverter.trace(capture)), path: "t")
        let replayed = TraceReplay.times(trace, mode: .original)
        // Every token time is one of the capture's read arrivals, in order.
        var errors: [Double] = []
        var r = 0
        for t in replayed {
            while r < reads.count - 1 && reads[r] < t - 0.000_001 { r += 1 }
            errors.append(abs(reads[r] - t))
        }
        errors.sort()
        #expect(errors[errors.count / 2] < 0.001)
        #expect(errors.last! < 0.000_001)
    }

    /// `Samples/traces` holds these captures converted: what the converter makes of them today.
    @Test(arguments: Fixtures.all)
    func shippedTracesAreTheCapturesConverted(name: String) throws {
        let shipped = Fixtures.dir.appendingPathComponent("../../../Samples/traces/\(name).jsonl").standardized
        var want = try TraceFile.parse(try String(contentsOf: shipped, encoding: .utf8), path: shipped.path)
        want.header.version = nil
        want.header.recordedAt = nil
        let got = try TraceFile.parse(TraceFile.encode(CaptureConverter.trace(try Fixtures.capture(name))), path: "t")
        #expect(got == want)
    }

    @Test func longPromptAndCachedPrompt() throws {
        let cold = CaptureConverter.trace(try Fixtures.capture("llama-server-openai-summary-longprompt"))
        let warm = CaptureConverter.trace(try Fixtures.capture("llama-server-openai-summary-longprompt-cached"))
        #expect(cold.header.promptTokens == 2548)
        #expect(warm.header.promptTokens == 2548)
        #expect(cold.header.task == .summarize)
        #expect(abs(cold.metrics().ttft! - 13.28024) < 1e-9)
        #expect(abs(warm.metrics().ttft! - 0.047067) < 1e-9)
        #expect(cold.header.server["prompt_ms"] == .number(13266.823))
        #expect(warm.header.server["cache_n"] == .number(2547))
        #expect(cold.tokenCount == 120)
        #expect(warm.tokenCount == 120)
    }

    @Test func withoutUsageThePromptComesFromTheTimings() throws {
        let trace = CaptureConverter.trace(try Fixtures.capture("llama-server-openai-chat-nousage"))
        #expect(trace.header.usage == nil)
        let timings = ServerTimings(reported: trace.header.server)
        #expect(trace.header.promptTokens == timings.promptTokens.map { $0 + (timings.cachedTokens ?? 0) })
        #expect(trace.tokenCount + (Self.naturalStop(trace) ? 1 : 0) == timings.predictedTokens)
    }

    @Test func httpErrorBecomesAnErrorEnd() throws {
        let (path, text) = try Fixtures.text("llama-server-openai-error-context-exceeded")
        let trace = try CaptureConverter.read(text, path: path)
        #expect(trace.events.isEmpty)
        guard case .failed(let f)? = trace.end else {
            Issue.record("expected an error end")
            return
        }
        #expect(f.status == 400)
        #expect(f.type == "exceed_context_size_error")
        #expect(f.message.contains("exceeds the available context size"))
        #expect(abs(f.t! - 0.022249) < 1e-12)
        #expect(trace.header.promptTokens == 2548)
        let encoded = TraceFile.encode(trace)
        #expect(encoded.split(separator: "\n").last!.hasPrefix("{\"error\": {\"t_ms\": 22.249, \"status\": 400"))
    }

    @Test func headerKeepsWhatTheServerSaid() throws {
        let (path, text) = try Fixtures.text("llama-server-openai-chat-code")
        let trace = try CaptureConverter.read(text, path: path)
        #expect(trace.events.allSatisfy { !$0.text.isEmpty })
        #expect(trace.events.count == 200)
        #expect(trace.header.backend == "openai")
        #expect(trace.header.task == .code)
        #expect(trace.header.model == "SmolLM2-135M-Instruct.Q4_1.gguf")
        #expect(trace.header.settings["max_tokens"] == .number(200))
        #expect(trace.header.settings["messages"] == nil)
        #expect(trace.header.usage?["total_tokens"] == .number(253))
        #expect(trace.header.server["prompt_per_second"] != nil)
    }

    @Test func nativeAndAnthropicCapturesAreReadByTheirOwnDecoders() throws {
        let native = CaptureConverter.trace(try Fixtures.capture("llama-server-native-completion"))
        #expect(native.header.backend == "llamacpp")
        #expect(native.header.usage?["tokens_cached"] == .number(90))
        #expect(native.tokenCount == 80)
        let anthropic = CaptureConverter.trace(try Fixtures.capture("llama-server-anthropic-messages"))
        #expect(anthropic.header.backend == "anthropic")
        // input_tokens 30 plus the 7 read from the prompt cache: the whole prompt, as the pane counts it.
        #expect(anthropic.header.promptTokens == 37)
        #expect(anthropic.header.usage?["cache_read_input_tokens"] == .number(7))
    }

    /// A body that stopped before its protocol's end: a complete capture ends with the failure the
    /// live pane showed; one still arriving has no end yet.
    @Test func streamCutShort() throws {
        var capture = try Fixtures.capture("llama-server-openai-chat-code")
        capture.reads.removeLast()
        let cut = CaptureConverter.trace(capture)
        #expect(
            cut.end == .failed(TraceFailure(t: capture.reads.last!.t, message: "stream ended without data: [DONE]")))
        capture.complete = false
        let arriving = CaptureConverter.trace(capture)
        #expect(arriving.end == nil)
        #expect(arriving.events == cut.events)
    }

    @Test func resplitCaptureGivesTheSameEvents() throws {
        for name in Fixtures.streams {
            let body = try Fixtures.body(name)
            var whole = SSEParser()
            let want = whole.feed(body)
            #expect(!want.isEmpty)
            var rng = SeededRandom(seed: 11)
            for lineEnd in ["\n", "\r\n", "\r"] {
                let bytes = Array(
                    String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\n", with: lineEnd).utf8)
                var p = SSEParser()
                var got: [SSEEvent] = []
                var i = 0
                while i < bytes.count {
                    let n = 1 + Int(rng.next() % 7)
                    got += p.feed(bytes[i..<min(bytes.count, i + n)])
                    i += n
                }
                #expect(got == want, "\(name) with \(lineEnd.debugDescription)")
            }
        }
    }
}

/// Reasoning, refusals and tool calls decode the same live and in a converted trace, because both
/// go through the one decoder: the unit cases, each through both paths.
@Suite struct OneDecoderTests {
    static func capture(path: String, contentType: String = "text/event-stream", _ reads: [String])
        -> CaptureReader.Capture
    {
        CaptureReader.Capture(
            request: .fields([("messages", .array([.fields([("role", .string("user")), ("content", .string("q"))])]))]),
            path: path, status: 200, headers: .fields([("content-type", .string(contentType))]),
            reads: reads.enumerated().map {
                CaptureReader.Read(t: 0.1 * Double($0.offset + 1), bytes: Array($0.element.utf8))
            })
    }

    static func openAI(_ deltas: [String]) -> CaptureReader.Capture {
        capture(
            path: "/v1/chat/completions",
            deltas.map { #"data: {"choices":[{"index":0,"delta":\#($0),"finish_reason":null}]}"# + "\n\n" }
                + ["data: [DONE]\n\n"])
    }

    /// The tokens a live pane gets and those of the converted trace, as (kind, text, t).
    static func bothPaths(_ c: CaptureReader.Capture) -> (live: [TokenEvent], trace: [TokenEvent]) {
        let live = CaptureConverterTests.liveEvents(c).compactMap {
            if case .token(let e) = $0.event { e } else { nil }
        }
        return (live, CaptureConverter.trace(c).events)
    }

    static func texts(_ events: [TokenEvent]) -> [String] { events.map { "\($0.kind.rawValue):\($0.text)" } }

    @Test func reasoningContentAndReasoning() {
        let (live, trace) = Self.bothPaths(
            Self.openAI([
                #"{"reasoning_content":"Let me"}"#, #"{"reasoning":" think"}"#,
                #"{"reasoning_content":" twice","reasoning":" twice"}"#, #"{"content":"42"}"#,
            ]))
        #expect(Self.texts(live) == ["reasoning:Let me", "reasoning: think", "reasoning: twice", "answer:42"])
        #expect(trace == live)
        #expect(
            CaptureConverter.trace(Self.openAI([#"{"reasoning":"hm"}"#, #"{"content":"ok"}"#])).header.task
                == .reasoning)
    }

    @Test func refusal() {
        let (live, trace) = Self.bothPaths(
            Self.openAI([#"{"content":null,"refusal":"I can't"}"#, #"{"refusal":" do that."}"#]))
        #expect(Self.texts(live) == ["answer:I can't", "answer: do that."])
        #expect(trace == live)
    }

    @Test func toolCallText() {
        let openAI = Self.bothPaths(
            Self.openAI([
                #"{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"get_weather","arguments":""}}]}"#,
                #"{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Oslo\"}"}}]}"#,
            ]))
        #expect(Self.texts(openAI.live) == ["tool-call:get_weather ", #"tool-call:{"city":"Oslo"}"#])
        #expect(openAI.trace == openAI.live)

        let anthropic = Self.bothPaths(
            Self.capture(
                path: "/v1/messages",
                [
                    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"get_weather\",\"input\":{}}}\n\n",
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}\n\n",
                    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
                ]))
        #expect(Self.texts(anthropic.live) == Self.texts(openAI.live))
        #expect(anthropic.trace == anthropic.live)

        let ollama = Self.bothPaths(
            Self.capture(
                path: "/api/chat", contentType: "application/x-ndjson",
                [
                    #"{"model":"m","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_weather","arguments":{"city":"Oslo"}}}]},"done":false}"#
                        + "\n",
                    #"{"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}"#
                        + "\n",
                ]))
        #expect(Self.texts(ollama.live) == [#"tool-call:get_weather {"city":"Oslo"}"#])
        #expect(ollama.trace == ollama.live)
        #expect(CaptureConverter.trace(Self.capture(path: "/api/chat", [])).header.backend == "ollama")
    }
}
