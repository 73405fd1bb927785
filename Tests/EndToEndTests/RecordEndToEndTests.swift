import Foundation
import Testing

extension EndToEnd {
    /// `tokenpace record` writes the dashboard's run: its defaults, its pane specs, its --speed.
    @Suite(.serialized, .timeLimit(.minutes(5)))
    @MainActor
    struct RecordEndToEndTests {
        let bin = Tmux.binary
        let trace = Tmux.packageRoot + "/Samples/traces/llama-server-openai-chat-code.jsonl"

        func folder() throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-record-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            return dir
        }

        func tokenLines(_ path: String) throws -> [Substring] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter {
                $0.hasPrefix("{\"t_ms\"")
            }
        }

        @Test func recordsWithTheDashboardsDefaults() throws {
            let a = try folder()
            let b = try folder()
            defer { for d in [a, b] { try? FileManager.default.removeItem(atPath: d) } }
            let plain = try Tmux.run([bin, "record", "--rates", "10,21,60", "-o", a])
            #expect(plain.status == 0, "\(plain.error)")
            // The dashboard's defaults spelled out: TTFT = prompt ÷ 1000 tok/s + 0.3 s.
            let spelled = try Tmux.run(
                [
                    bin, "record", "--rates", "10,21,60", "--ttft", "prefill", "--prefill-rate", "1000", "--overhead",
                    "0.3s",
                    "-o", b,
                ])
            #expect(spelled.status == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
            #expect(files.count == 3)
            for f in files {
                let lines = try tokenLines(a + "/" + f)
                #expect(!lines.isEmpty)
                #expect(lines == (try tokenLines(b + "/" + f)), "\(f)")
            }
            let first = try tokenLines(a + "/" + files[0])[0]
            #expect(!first.contains("\"t_ms\": 500,"), "TTFT is the dashboard's prefill model, not a fixed 0.5 s")
        }

        @Test func recordsTracePanesWithTheirHeaderAtTheGivenSpeed() throws {
            let dir = try folder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try Tmux.run(
                [
                    bin, "record", "--pane", "trace:" + trace, "--pane", "trace:/nonexistent/x.jsonl", "--speed", "2x",
                    "-o", dir,
                ])
            #expect(r.status == 0, "\(r.error)")
            #expect(r.error.contains("x.jsonl: no such file"))
            let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            #expect(files.count == 1)
            let text = try String(contentsOfFile: dir + "/" + files[0], encoding: .utf8)
            #expect(text.hasPrefix("{\"tokenpace_trace\": 1, \"backend\": \"openai\""))
            #expect(text.contains("\"replay\": {\"speed\": 2}"))
            let original = try tokenLines(trace)
            let saved = try tokenLines(dir + "/" + files[0])
            #expect(saved.count == original.count)
            // The first token at half its recorded time.
            func ms(_ line: Substring) -> Double? {
                line.split(separator: ",").first.flatMap { Double($0.dropFirst("{\"t_ms\": ".count)) }
            }
            if let a = ms(saved[0]), let b = ms(original[0]) { #expect(abs(a - b / 2) < 0.002) }
        }

        /// The recorded file of the pane whose name contains `label`, and its header line.
        func recorded(_ dir: String, _ label: String) throws -> (file: String, header: Substring) {
            let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(label) }
            #expect(files.count == 1, "\(files)")
            let path = dir + "/" + (files.first ?? "")
            let header = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first ?? ""
            return (path, header)
        }

        @Test func aTraceWithoutTokensLeavesSimulatedPanesTheDefaultSample() throws {
            let failed = Tmux.packageRoot + "/Samples/traces/llama-server-openai-error-context-exceeded.jsonl"
            let empty = FileManager.default.temporaryDirectory
                .appendingPathComponent("tp-empty-\(UUID().uuidString).jsonl")
            try Data().write(to: empty)
            let dir = try folder()
            defer {
                try? FileManager.default.removeItem(atPath: dir)
                try? FileManager.default.removeItem(at: empty)
            }
            let r = try Tmux.run(
                [
                    bin, "record", "--pane", "trace:" + empty.path, "--pane", "trace:" + failed, "--pane", "sim:10",
                    "-o",
                    dir,
                ])
            #expect(r.status == 0, "\(r.error)")
            let sim = try recorded(dir, "10tps")
            #expect(!sim.file.contains("context-exceeded"), "named after the default sample, not the failed trace")
            #expect(try tokenLines(sim.file).count > 50, "the sim pane streams the default sample's answer")
        }

        @Test func simulatedPanesStreamTheTracesOwnPieces() throws {
            let dir = try folder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try Tmux.run([bin, "record", "--pane", "trace:" + trace, "--pane", "sim:21", "-o", dir])
            #expect(r.status == 0, "\(r.error)")
            let sim = try recorded(dir, "21tps")
            let pieces = try tokenLines(trace)
            #expect(try tokenLines(sim.file).count == pieces.count, "as many tokens as the trace")
        }

        @Test func simulatedAndHardwarePanesTakeTheTracesPromptTokens() throws {
            let dir = try folder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let r = try Tmux.run(
                [
                    bin, "record", "--pane", "trace:" + trace, "--pane", "sim:21", "--pane", "hw:rtx4090/llama3-8b/q4",
                    "-o", dir,
                ])
            #expect(r.status == 0, "\(r.error)")
            // The trace says its prompt was 53 tokens; the heuristic tokenizer would say fewer.
            #expect(try recorded(dir, "21tps").header.contains("\"prompt_tokens\": 53,"))
            #expect(try recorded(dir, "estimate").header.contains("\"prompt_tokens\": 53,"))
        }

        /// `record --present staged` against the real llama.cpp server (`TOKENPACE_LIVE_URL`): the
        /// trace holds the outline request's stream, then the answer's, the boundary in its header.
        @Test(
            .enabled(
                if: ProcessInfo.processInfo.environment["TOKENPACE_LIVE_URL"] != nil,
                "set TOKENPACE_LIVE_URL (scripts/llama-server.sh start) to record a live staged pane"))
        func recordsAStagedLivePaneWithItsStage() throws {
            let url = ProcessInfo.processInfo.environment["TOKENPACE_LIVE_URL"] ?? ""
            let out = try folder()
            defer { try? FileManager.default.removeItem(atPath: out) }
            let scenario = out + "/staged.yaml"
            try
                "prompt: Why does time to first token matter for chat?\nmax_tokens: 24\ntemperature: 0\npanes:\n  - openai:\(url)/v1\n"
                .write(toFile: scenario, atomically: true, encoding: .utf8)
            // The server is shared with the other live tests of the run: its four slots may be busy
            // for a while before these two short requests get one.
            let run = try Tmux.run(
                [bin, "record", "--scenario", scenario, "--present", "staged", "-o", out + "/t"], timeout: 240)
            #expect(run.status == 0, "\(run.error)")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: out + "/t").first)
            let text = try String(contentsOfFile: out + "/t/" + file, encoding: .utf8)
            let header = try #require(text.split(separator: "\n").first)
            #expect(header.contains("\"stage\": {\"pieces\": "))
            #expect(header.contains("\"max_tokens\": 24"))
            let lines = try tokenLines(out + "/t/" + file)
            #expect(lines.count > 2)
        }
    }
}
