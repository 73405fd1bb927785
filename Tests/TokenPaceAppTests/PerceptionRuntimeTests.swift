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

/// `tokenpace perceive`'s options, checked before the terminal is taken: each problem names the option.
@Suite struct PerceiveSetupTests {
    static func setup(_ edit: (inout PerceiveSetup) -> Void) -> PerceiveSetup {
        var s = PerceiveSetup(participant: "p01")
        s.samplesDir = Repo.samples
        edit(&s)
        return s
    }

    static func error(_ edit: (inout PerceiveSetup) -> Void) -> String {
        do {
            _ = try setup(edit).session()
            return ""
        } catch {
            return String(describing: error)
        }
    }

    @Test func presentModeDefaultsToThreePresentationsAtEightSeconds() throws {
        let s = try Self.setup { $0.mode = .present }.session()
        #expect(s.config.presentations == [.stream, .blocking, .progress] && s.config.panes == 3)
        #expect(s.config.e2es == [8])
        let staged = try Self.setup {
            $0.mode = .present
            $0.presentations = "staged, stream"
            $0.e2e = "4s,8s,16s"
        }.session()
        #expect(staged.config.panes == 2 && staged.config.e2es == [4, 8, 16])
        #expect(staged.samples.allSatisfy { $0.outline != nil } && !staged.samples.isEmpty)
    }

    @Test func badPresentOptionsAreNamed() {
        #expect(Self.error { $0.e2e = "8s" } == "--presentations and --e2e are for --mode present")
        #expect(
            Self.error {
                $0.mode = .present; $0.presentations = "stream,bogus"
            }.hasPrefix("--presentations: unknown"))
        #expect(
            Self.error {
                $0.mode = .present; $0.presentations = "stream"
            }.contains("2–4 different"))
        #expect(
            Self.error {
                $0.mode = .present; $0.presentations = "stream,stream"
            }.contains("2–4 different"))
        #expect(
            Self.error {
                $0.mode = .present; $0.panes = 2
            }.contains("--panes 2 does not match"))
        #expect(
            Self.error {
                $0.mode = .present; $0.ttft = "1s"; $0.e2e = "0.8s"
            }.contains("not after the first-token wait"))
        #expect(
            Self.error {
                $0.mode = .present; $0.e2e = "11m"
            }.contains("outside 0.5s–600s"))
        #expect(
            Self.error {
                $0.mode = .present; $0.e2e = "0.51s"
            }.contains("is too short"))
        let noOutline = Self.error {
            $0.mode = .present
            $0.task = "agent"
            $0.presentations = "stream,staged"
        }
        #expect(noOutline.contains("staged needs agent samples with an '::: outline' section"), "\(noOutline)")
    }
}
