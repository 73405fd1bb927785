import Foundation
import Testing

@testable import TokenPaceCore

@Suite struct TraceCaptureTests {
    /// Text and first-token time as a plain client would find them: the whole body split on blank
    /// lines, JSON per `data:` line (the captures use LF and single-line data).
    static func expected(_ text: String) throws -> (text: String, first: Double?) {
        var out = ""
        var first: Double?
        var body = ""
        for (t, data) in try TraceFixtures.reads(text) {
            body += data
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
                    if !piece.isEmpty, first == nil { first = t }
                    out += piece
                }
            }
        }
        return (out, first)
    }

    static let streams = TraceFixtures.all.filter { !$0.contains("error") }

    @Test(arguments: streams)
    func textAndFirstTokenMatchTheCapture(name: String) throws {
        let (path, text) = try TraceFixtures.capture(name)
        let trace = try CaptureReader.read(text, path: path)
        let want = try Self.expected(text)
        #expect(!want.text.isEmpty)
        #expect(trace.text == want.text)
        #expect(trace.events.first?.t == want.first)
        #expect(trace.metrics().ttft == want.first)
        guard case .finished(_, let reason)? = trace.end else {
            Issue.record("no end")
            return
        }
        #expect(reason != nil)
    }

    @Test(arguments: streams)
    func tokenCountMatchesTheServer(name: String) throws {
        let (path, text) = try TraceFixtures.capture(name)
        let trace = try CaptureReader.read(text, path: path)
        let server =
            trace.header.usage?["completion_tokens"]?.int ?? trace.header.usage?["output_tokens"]?.int
            ?? trace.header.usage?["tokens_predicted"]?.int ?? trace.header.server["predicted_n"]?.int
        let count = try #require(server)
        // A natural stop ends with an end-of-sequence token the server counts but never sends as text.
        let eos = ["stop", "end_turn", "eos"].contains(
            trace.end.flatMap { if case .finished(_, let r) = $0 { r } else { nil } } ?? "")
        #expect(trace.tokenCount + (eos ? 1 : 0) == count)
    }

    @Test(arguments: streams)
    func convertedTraceReplaysTheCapturesArrivalTimes(name: String) throws {
        let (path, text) = try TraceFixtures.capture(name)
        let reads = try TraceFixtures.reads(text).map(\.0)
        let trace = try TraceFile.parse(TraceFile.encode(try CaptureReader.read(text, path: path)), path: "t")
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

    @Test func longPromptAndCachedPrompt() throws {
        let (p1, t1) = try TraceFixtures.capture("llama-server-openai-summary-longprompt")
        let (p2, t2) = try TraceFixtures.capture("llama-server-openai-summary-longprompt-cached")
        let cold = try CaptureReader.read(t1, path: p1)
        let warm = try CaptureReader.read(t2, path: p2)
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

    @Test func httpErrorBecomesAnErrorEnd() throws {
        let (path, text) = try TraceFixtures.capture("llama-server-openai-error-context-exceeded")
        let trace = try CaptureReader.read(text, path: path)
        #expect(trace.events.isEmpty)
        guard case .failed(let f)? = trace.end else {
            Issue.record("expected an error end")
            return
        }
        #expect(f.status == 400)
        #expect(f.type == "exceed_context_size_error")
        #expect(f.message.contains("exceeds the available context size"))
        #expect(abs(f.t! - 0.022249) < 1e-12)
        let encoded = TraceFile.encode(trace)
        #expect(encoded.split(separator: "\n").last!.hasPrefix("{\"error\": {\"t_ms\": 22.249, \"status\": 400"))
    }

    @Test func roleOnlyDeltasAreNotTokens() throws {
        let (path, text) = try TraceFixtures.capture("llama-server-openai-chat-code")
        let trace = try CaptureReader.read(text, path: path)
        #expect(trace.events.allSatisfy { !$0.text.isEmpty })
        #expect(trace.events.count == 200)
        #expect(trace.header.task == .code)
        #expect(trace.header.model == "SmolLM2-135M-Instruct.Q4_1.gguf")
        #expect(trace.header.settings["max_tokens"] == .number(200))
        #expect(trace.header.settings["messages"] == nil)
    }

    @Test func resplitCaptureGivesTheSameEvents() throws {
        for name in Self.streams {
            let (_, text) = try TraceFixtures.capture(name)
            let body = Array(try TraceFixtures.reads(text).map(\.1).joined().utf8)
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

