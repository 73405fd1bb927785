import Foundation
import Testing

extension EndToEnd {
    /// `tokenpace bench` with trace panes: simulated panes compare like for like.
    @Suite(.serialized, .timeLimit(.minutes(2)))
    @MainActor
    struct BenchEndToEndTests {
        let bin = Tmux.binary
        let trace = Tmux.packageRoot + "/Samples/traces/llama-server-openai-chat-code.jsonl"

        /// The median of `figure` per pane name, from `bench --format csv`.
        func figures(_ csv: String, _ figure: String) -> [String: String] {
            var out: [String: String] = [:]
            for line in csv.split(separator: "\n") {
                let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if f.count > 5, f[3] == figure { out[f[1]] = f[5] }
            }
            return out
        }

        @Test func simulatedPanesStreamTheTracesPieces() throws {
            let r = try Tmux.run([bin, "bench", "--pane", "trace:" + trace, "--pane", "sim:21", "--format", "csv"])
            #expect(r.status == 0, "\(r.error)")
            let tokens = figures(r.output, "tokens")
            #expect(tokens["sim:21"] != nil)
            #expect(tokens["sim:21"] == tokens["trace:" + trace], "\(tokens)")
        }

        @Test func simulatedPanesWaitForTheTracesPromptTokens() throws {
            // 53 prompt tokens recorded ÷ 1000 tok/s prefill + 0.3 s overhead; the text alone estimates fewer.
            let r = try Tmux.run([
                bin, "bench", "--pane", "trace:" + trace, "--pane", "sim:21@prefill", "--format", "csv",
            ])
            #expect(r.status == 0, "\(r.error)")
            let ttft = figures(r.output, "ttft_s")["sim:21@prefill"].flatMap(Double.init)
            #expect(ttft.map { abs($0 - 0.353) < 0.0005 } == true, "\(String(describing: ttft))")
        }
    }
}
