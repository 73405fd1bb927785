import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceApp

/// A sweep against the real llama.cpp server (`scripts/llama-server.sh start`):
/// `TOKENPACE_LIVE_URL=http://127.0.0.1:18080 swift test --filter BenchSweepLlamaTests`.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["TOKENPACE_LIVE_URL"] != nil,
        "set TOKENPACE_LIVE_URL (e.g. from scripts/llama-server.sh start) to run the live-server tests"),
    .timeLimit(.minutes(10)))
struct BenchSweepLlamaTests {
    let base = ProcessInfo.processInfo.environment["TOKENPACE_LIVE_URL"] ?? ""

    /// Depth 0 answers at both loads; 64k tokens of context is beyond the model's window, so that
    /// level reports the server's own error for each stream and the sweep goes on.
    @Test func depthBeyondTheContextFailsThatLevelOnly() async throws {
        var c = BenchConfig()
        c.panes = ["openai:\(base)/v1"]
        c.prompt = "Say hello."
        c.maxTokens = 4
        c.temperature = 0
        c.concurrency = "1,2"
        c.depth = "0,64k"
        c.cache = "off"
        c.slo = "e2e=60m"
        c.samplesDir = Repo.samples
        let setup = try c.resolve()
        let report = await setup.runSweep(try #require(setup.sweep)) { _ in }
        #expect(report.levels.map(\.depth) == [0, 0, 65536, 65536])
        for level in report.levels.prefix(2) {
            #expect(level.panes[0].successes.count == level.panes[0].streams.count)
            #expect(level.panes[0].successes.allSatisfy { $0.serverPrefillMs != nil })
            #expect(level.figures(0, slo: report.slo).queue != nil)
        }
        for level in report.levels.suffix(2) {
            #expect(level.panes[0].successes.isEmpty)
            for stream in level.panes[0].streams {
                #expect(stream.failure?.contains("HTTP 400") == true, "\(stream.failure ?? "")")
            }
        }
        #expect(report.markdown.contains("exceed"))
    }
}
