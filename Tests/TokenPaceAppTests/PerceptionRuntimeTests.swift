import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

@testable import TokenPaceApp

/// `perceive` runs on the same runtime: Ctrl-C ends with 130 as everywhere, results are written
/// through the program's command.
@Suite struct PerceptionRuntimeTests {
    func session() throws -> PerceptionSession {
        let samples = try SampleCatalog.load(samplesDir: Repo.samples).samples.filter { $0.task == .chat }
        let config = PerceptionConfig(
            participant: "p01", task: .chat, mode: .rate, trials: 2, panes: 2, seed: 7, fixedRate: 40,
            fixedTTFT: 0.5, practice: false, jitter: 0, resultsPath: "unused", seedOption: 7)
        return PerceptionSession(config: config, samples: samples)
    }

    @Test func ctrlCEndsASessionWith130() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tp-perceive-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: out) }
        let writer = try PerceiveResultsWriter(path: out.path)
        let clock = ManualClock()
        let screen = MemoryScreen(size: Size(width: 80, height: 24), clock: clock, script: [(1, .key(.ctrlC))])
        let code = PerceptionApp.run(session: try session(), screen: screen, clock: clock, ascii: false, writer: writer)
        #expect(code == 130)
        #expect(screen.started && screen.stopped)
        #expect(!screen.frames.isEmpty)
    }
}
