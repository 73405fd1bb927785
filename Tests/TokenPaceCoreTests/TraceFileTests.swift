import Testing

@testable import TokenPaceCore

@Suite struct TraceFileTests {
    @Test func roundTripsExactly() throws {
        let trace = TraceFixtures.sampleTrace()
        let text = TraceFile.encode(trace)
        #expect(try TraceFile.parse(text, path: "t.jsonl") == trace)
        #expect(text.hasPrefix("{\"tokenpace_trace\": 1, \"backend\": \"openai\""))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[1] == #"{"t_ms": 250, "text": "Hmm", "kind": "reasoning", "count": 1}"#)
        #expect(lines[5] == #"{"end": {"t_ms": 500, "reason": "stop"}}"#)
    }

    @Test func keepsMicrosecondPrecision() throws {
        var trace = TraceFixtures.sampleTrace()
        trace.events[0].t = 0.123456789
        let back = try TraceFile.parse(TraceFile.encode(trace), path: "t")
        #expect(abs(back.events[0].t - 0.123457) < 1e-12)
        #expect(TraceFile.encode(trace).contains("\"t_ms\": 123.457"))
    }

    @Test func errorLineRoundTrips() throws {
        var trace = TraceFixtures.sampleTrace()
        trace.end = .failed(TraceFailure(t: 0.02, status: 400, type: "exceed_context_size_error", message: "too long"))
        #expect(try TraceFile.parse(TraceFile.encode(trace), path: "t") == trace)
    }

    @Test func truncatedLastLineIsAnErrorNamingTheLine() {
        let text = TraceFile.encode(TraceFixtures.sampleTrace())
        let cut = String(text.dropLast(12))
        #expect(throws: TraceError.self) { try TraceFile.parse(cut, path: "run.jsonl") }
        do {
            _ = try TraceFile.parse(cut, path: "run.jsonl")
        } catch {
            #expect(error.description.hasPrefix("run.jsonl:6: truncated line"))
        }
    }

    @Test func corruptedLinesNameTheirLine() {
        let header = TraceFile.encode(Trace(header: TraceHeader(backend: "simulated"), events: []))
        let cases: [(String, String)] = [
            (header + "{\"t_ms\": 1, \"text\": \"a\"}\nnot json\n", "run.jsonl:3: corrupted line"),
            (header + "{\"t_ms\": 1}\n", "run.jsonl:2: token line has no \"text\""),
            (
                header + "{\"t_ms\": 5, \"text\": \"a\"}\n{\"t_ms\": 4, \"text\": \"b\"}\n",
                "run.jsonl:3: t_ms goes back"
            ),
            (header + "{\"t_ms\": 1, \"text\": \"a\", \"kind\": \"poem\"}\n", "run.jsonl:2: unknown kind"),
            (header + "{\"end\": {\"t_ms\": 1}}\n{\"t_ms\": 2, \"text\": \"a\"}\n", "run.jsonl:3: line after"),
            (
                header + "{\"t_ms\": 5, \"text\": \"a\"}\n{\"end\": {\"t_ms\": 4}}\n",
                "run.jsonl:3: the end's t_ms is before the last token's"
            ),
            ("{\"backend\": \"x\"}\n", "run.jsonl:1: not a tokenpace trace"),
            ("{\"tokenpace_trace\": 9, \"backend\": \"x\"}\n", "run.jsonl:1: trace format 9"),
            ("", "run.jsonl: empty file"),
        ]
        for (text, prefix) in cases {
            do {
                _ = try TraceFile.parse(text, path: "run.jsonl")
                Issue.record("accepted: \(prefix)")
            } catch {
                #expect(error.description.hasPrefix(prefix), "\(error.description)")
            }
        }
    }

    @Test func emptyPiecesAreNotTokensAndDoNotSetTTFT() throws {
        let header = TraceFile.encode(Trace(header: TraceHeader(backend: "openai"), events: []))
        let empty = "{\"t_ms\": 5, \"text\": \"\"}\n{\"t_ms\": 6, \"text\": \"\"}\n"
        let onlyEmpty = try TraceFile.parse(header + empty + "{\"end\": {\"t_ms\": 7}}\n", path: "r")
        #expect(onlyEmpty.tokenCount == 0)
        #expect(onlyEmpty.metrics().ttft == nil)
        let text = header + empty + "{\"t_ms\": 100, \"text\": \"Hi\"}\n{\"t_ms\": 200, \"text\": \"!\"}\n"
        let trace = try TraceFile.parse(text + "{\"end\": {\"t_ms\": 200}}\n", path: "r")
        #expect(trace.tokenCount == 2)
        #expect(trace.times == [0.1, 0.2])
        #expect(trace.metrics().ttft == 0.1)
    }

    @Test func numbersOutOfRangeAreErrorsNamingTheLine() {
        let header = TraceFile.encode(Trace(header: TraceHeader(backend: "simulated"), events: []))
        let cases: [(String, String)] = [
            (header + "{\"t_ms\": 1e300, \"text\": \"x\"}\n", "run.jsonl:2: \"t_ms\" must be a number from 0"),
            (header + "{\"t_ms\": 1e400, \"text\": \"x\"}\n", "run.jsonl:2: \"t_ms\" must be a number from 0"),
            (header + "{\"t_ms\": 100000001, \"text\": \"x\"}\n", "run.jsonl:2: \"t_ms\""),
            (header + "{\"t_ms\": 1, \"text\": \"x\", \"count\": 1e12}\n", "run.jsonl:2: \"count\" must be"),
            (header + "{\"end\": {\"t_ms\": 1e300}}\n", "run.jsonl:2: \"t_ms\""),
            (header + "{\"error\": {\"status\": 1e300, \"message\": \"x\"}}\n", "run.jsonl:2: \"status\""),
            ("{\"tokenpace_trace\": 1, \"backend\": \"x\", \"prompt_tokens\": 1e300}\n", "run.jsonl:1: number 1e+300"),
            (
                "{\"tokenpace_trace\": 1, \"backend\": \"x\", \"server\": {\"a\": [1, -1e400]}}\n",
                "run.jsonl:1: number -inf"
            ),
        ]
        for (text, prefix) in cases {
            do {
                _ = try TraceFile.parse(text, path: "run.jsonl")
                Issue.record("accepted: \(prefix)")
            } catch {
                #expect(error.description.hasPrefix(prefix), "\(error.description)")
            }
        }
        #expect(throws: Never.self) {
            try TraceFile.parse(header + "{\"t_ms\": 100000000, \"text\": \"x\", \"count\": 1000000}\n", path: "r")
        }
    }

    @Test func bytesThatAreNotUTF8NameTheirLine() throws {
        let good = Array(TraceFile.encode(TraceFixtures.sampleTrace()).utf8)
        #expect(try TraceFile.text(good, path: "a.jsonl") == String(decoding: good, as: UTF8.self))
        var bad = good
        let third = bad.indices.filter { bad[$0] == 0x0A }[1] + 12
        bad[third] = 0xFF
        #expect(
            throws: TraceError(
                path: "bad.jsonl", line: 3, message: "not UTF-8 text: the line holds bytes that are not UTF-8")
        ) {
            try TraceFile.text(bad, path: "bad.jsonl")
        }
    }

    @Test func traceBecomesTheDashboardsSample() {
        let trace = TraceFixtures.sampleTrace()
        let sample = trace.sample(id: "run")
        #expect(sample.id == "run")
        #expect(sample.prompt == trace.header.prompt)
        #expect(sample.task == trace.header.task ?? .chat)
        #expect(sample.segments.map(\.text).joined() == trace.text)
        #expect(sample.segments.count == 2)
        #expect(sample.segments.map(\.kind) == [.reasoning, .answer])
    }

    @Test func simulatedPaneBecomesATrace() throws {
        let tokens = Fixtures.chat.tokens()
        let profile = Profile(rate: 21, firstToken: .fixed(0.5), jitter: 0.25)
        let schedule = Schedule.make(profile: profile, tokens: tokens, promptTokens: 4, seed: 7)
        let trace = Trace.simulated(
            tokens: tokens, times: schedule.times, profile: profile, promptTokens: 4, seed: 7, task: .chat,
            sampleID: Fixtures.chat.id)
        #expect(trace.tokens() == tokens.map { Token($0.text, kind: $0.kind) })
        #expect(trace.header.settings["rate"] == .number(21))
        #expect(trace.header.settings["ttft_s"] == .number(0.5))
        let back = try TraceFile.parse(TraceFile.encode(trace), path: "t")
        for (a, b) in zip(back.times, schedule.times) { #expect(abs(a - b) <= 0.5e-6) }
        #expect(back.end == .finished(t: TraceFile.ms(schedule.times.last!) / 1000, reason: "stop"))
    }

    @Test func paneBecomesATrace() {
        let tokens = Fixtures.chat.tokens()
        let pane = PaneState(
            id: 1, profile: Profile(rate: 60, firstToken: .fixed(0.2)), seed: 3, tokens: tokens, promptTokens: 4,
            task: .chat, origin: 10)
        let trace = Trace.simulated(pane: pane, task: .chat)
        #expect(trace.times == pane.schedule.times)
        #expect(trace.header.settings["pane"] == .string("B"))
        #expect(trace.header.settings["seed"] == .number(3))
        #expect(trace.metrics().ttft == 0.2)
    }
}
