import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

extension EndToEnd {
    /// Sweeps run by the built binary against `tokenpace serve` started as a subprocess: the formats,
    /// `bench compare` on two saved runs, bad input, and Ctrl-C writing what finished.
    @Suite(.serialized, .timeLimit(.minutes(3)))
    @MainActor
    struct BenchSweepEndToEndTests {
        let bin = Tmux.binary
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-sweep-\(UUID().uuidString)")

        /// Starts `serve` on a free port (it says which on stderr) and returns its pid and base URL.
        func serve(rate: String = "200") throws -> (pid_t, String) {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let log = dir.appendingPathComponent("serve.err").path
            let pid = try Spawn.start(
                [bin, "serve", "--port", "0", "--rate", rate, "--ttft", "0.05s"], stderr: log,
                directory: Tmux.packageRoot)
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: #"http://127\.0\.0\.1:\d+/v1"#, options: .regularExpression) {
                    return (pid, String(text[range]))
                }
                usleep(50_000)
            }
            Spawn.stop(pid)
            throw Spawn.Failure(description: "serve did not start: \(log)")
        }

        func parses(_ xml: String) -> Bool {
            XMLParser(data: Data(xml.utf8)).parse()
        }

        @Test func sweepWritesEveryFormatAndTwoRunsCompare() throws {
            let (server, url) = try serve()
            defer { Spawn.stop(server) }
            let base = [
                bin, "bench", "--pane", "openai:\(url)@pace", "--concurrency", "1,2", "--max-tokens", "8",
                "--runs", "2", "--prompt", "hi", "--slo", "ttft=10s",
            ]
            var saved: [String] = []
            for name in ["a.json", "b.json"] {
                let r = try Tmux.run(base + ["--format", "json"])
                #expect(r.status == 0, "\(r.error)")
                let path = dir.appendingPathComponent(name).path
                try r.output.write(toFile: path, atomically: true, encoding: .utf8)
                saved.append(path)
                let json = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
                let levels = json?["levels"] as? [[String: Any]]
                #expect(levels?.compactMap { $0["concurrency"] as? Int } == [1, 2])
                #expect(r.error.contains("level 2/2 concurrency 2"))
            }
            let compare = try Tmux.run([bin, "bench", "compare"] + saved)
            #expect(compare.status == 0, "\(compare.error)")
            #expect(compare.output.contains("### concurrency 2"))
            #expect(compare.output.contains("| A openai:\(url)@pace | TTFT |"))
            let svg = dir.appendingPathComponent("race.svg").path
            let html = try Tmux.run(base + ["--format", "html", "--svg", svg])
            #expect(html.status == 0, "\(html.error)")
            #expect(parses(html.output))
            #expect(parses((try? String(contentsOfFile: svg, encoding: .utf8)) ?? ""))
            let csv = try Tmux.run(base + ["--format", "csv"])
            #expect(csv.output.hasPrefix("concurrency,request_rate,requests,depth,cache,pane,"))
            let md = try Tmux.run(base)
            #expect(md.output.contains("### Level 2/2: concurrency 2"))
            #expect(md.output.contains("TTFT p90 against load"))
        }

        @Test func badSweepInputNamesTheOptionAndThePiece() throws {
            let cases: [([String], [String])] = [
                (["--concurrency", "1,x"], ["--concurrency", "\"x\""]),
                (["--request-rate", "fast"], ["--request-rate", "\"fast\""]),
                (["--depth", "2k,lots"], ["--depth", "\"lots\""]),
                (["--slo", "ttft=1s,speed=2"], ["--slo", "\"speed\""]),
                (["--cache", "maybe"], ["--cache", "maybe"]),
            ]
            for (args, words) in cases {
                let r = try Tmux.run([bin, "bench", "--pane", "openai:http://127.0.0.1:1/v1", "--prompt", "hi"] + args)
                #expect(r.status == 2)
                for word in words { #expect(r.error.contains(word), "\(r.error)") }
            }
            let sim = try Tmux.run([bin, "bench", "--pane", "sim:21", "--concurrency", "1,4"])
            #expect(sim.status == 2)
            #expect(sim.error.contains("needs a live --pane"))
            let missing = try Tmux.run([bin, "bench", "compare", "/nonexistent/a.json", "/nonexistent/b.json"])
            #expect(missing.status == 2)
            #expect(missing.error.contains("/nonexistent/a.json"))
        }

        @Test func ctrlCWritesWhatWasMeasured() throws {
            let (server, url) = try serve(rate: "10")
            defer { Spawn.stop(server) }
            let out = dir.appendingPathComponent("out.json").path
            let err = dir.appendingPathComponent("bench.err").path
            let bench = try Spawn.start(
                [
                    bin, "bench", "--pane", "openai:\(url)@pace", "--request-rate", "0.5", "--requests", "20",
                    "--max-tokens", "4", "--prompt", "hi", "--format", "json",
                ], stdout: out, stderr: err)
            // The first finished stream prints a progress line; then interrupt.
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, !(((try? String(contentsOfFile: err, encoding: .utf8)) ?? "").contains("streams"))
            {
                usleep(50_000)
            }
            kill(bench, SIGINT)
            let status = try Spawn.wait(bench, timeout: 30, what: "bench")
            #expect(status == 130)
            let json =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
            #expect(json?["interrupted"] as? Bool == true)
            let levels = json?["levels"] as? [[String: Any]]
            let panes = levels?.first?["panes"] as? [[String: Any]]
            #expect((panes?.first?["succeeded"] as? Int ?? 0) >= 1)
            #expect((panes?.first?["streams"] as? Int ?? 99) < 20)
        }
    }
}
