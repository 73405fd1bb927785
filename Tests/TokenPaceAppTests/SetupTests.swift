import Foundation
import Testing
import TokenPaceBackends
import TokenPaceCore

@testable import TokenPaceApp

/// The dashboard, `record` and `bench` read panes through one grammar: the same spec means the
/// same pane everywhere, and the same bad spec gets the same error.
@Suite struct SetupTests {
    @Test func dashboardAndBenchAcceptTheSameSimulatedForms() throws {
        for spec in ["sim:21", "sim:21@prefill", "sim:21@0.5s"] {
            let dashboard = try Repo.dashboard { $0.panes = [spec] }.resolve()
            #expect(dashboard.setups.count == 1)
            #expect(dashboard.setups[0].profile.rate == 21)
            let bench = try Repo.bench { $0.panes = [spec] }.resolve()
            #expect(bench.panes.count == 1)
        }
        let fixed = try Repo.dashboard { $0.panes = ["sim:21@0.5s"] }.resolve()
        #expect(fixed.setups[0].profile.firstToken == .fixed(0.5))
        let prefill = try Repo.dashboard {
            $0.panes = ["sim:21@prefill"]
            $0.ttft = "2s"
        }.resolve()
        #expect(prefill.setups[0].profile.firstToken == .defaultPrefill)
    }

    @Test func dashboardAndBenchRefuseTwoRatesInOnePaneAlike() {
        let message = "--pane sim:10,20: one rate per pane (write sim:RATE[@TTFT], e.g. sim:21@0.5s)"
        #expect(throws: ValueError(message)) { try Repo.dashboard { $0.panes = ["sim:10,20"] }.resolve() }
        #expect(throws: ValueError(message)) { try Repo.bench { $0.panes = ["sim:10,20"] }.resolve() }
    }

    @Test func benchRefusesMirrorPanesWithAReason() {
        #expect(
            throws: ValueError(
                "--pane mirror:10: mirror panes replay a live pane on the dashboard; bench races sources")
        ) { try Repo.bench { $0.panes = ["openai:http://127.0.0.1:9/v1", "mirror:10"] }.resolve() }
    }

    @Test func benchRefusesAPresentationAndTakesHiddenInstructions() throws {
        #expect(
            throws: ValueError(
                "--pane sim:21#present=blocking: bench measures streams; show a presentation on the dashboard")
        ) { try Repo.bench { $0.panes = ["sim:21#present=blocking"] }.resolve() }
        #expect(try Repo.bench { $0.panes = ["sim:21#present=stream"] }.resolve().panes.count == 1)
        #expect(throws: ValueError("--system-tokens must be 0 to 100000 tokens")) {
            try Repo.bench {
                $0.panes = ["sim:21"]
                $0.systemTokens = -1
            }.resolve()
        }
    }

    @Test func mirrorNeedsALivePaneBeforeIt() {
        #expect(throws: ValueError("--pane mirror:10: a mirror replays a live pane; give a live --pane before it")) {
            try Repo.dashboard { $0.panes = ["mirror:10"] }.resolve()
        }
    }

    @Test func timeoutsReachLivePanesAndBadOnesAreNamed() throws {
        let setup = try Repo.dashboard {
            $0.panes = ["openai:http://127.0.0.1:9/v1"]
            $0.idleTimeout = "2s"
            $0.firstByteTimeout = "500ms"
        }.resolve()
        #expect(setup.streamOptions.idleTimeout == .seconds(2))
        #expect(setup.streamOptions.firstByteTimeout == .milliseconds(500))
        #expect(throws: ValueError("--idle-timeout must be above 0, e.g. 30s")) {
            try Repo.dashboard { $0.idleTimeout = "0s" }.resolve()
        }
        #expect {
            try Repo.bench {
                $0.panes = ["sim:21"]
                $0.firstByteTimeout = "soon"
            }.resolve()
        } throws: { ($0 as? ValueError)?.description.hasPrefix("--first-byte-timeout: ") == true }
    }

    @Test func scenarioPanesUseTheSameGrammarWithFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "panes:\n  - sim:21\n  - sim:10,20\n".write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(
            throws: ValueError(
                "\(bad):3: --pane sim:10,20: one rate per pane (write sim:RATE[@TTFT], e.g. sim:21@0.5s)")
        ) { try Scenario.load(path: bad) }

        let good = dir.appendingPathComponent("good.yaml").path
        try
            "panes:\n  - sim:21@prefill\n  - spec: openai:http://127.0.0.1:9/v1\nidle_timeout: 5s\nfirst_byte_timeout: 1s\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let setup = try Repo.dashboard { $0.scenario = good }.resolve()
        #expect(setup.setups.count == 2)
        #expect(setup.streamOptions.idleTimeout == .seconds(5))
        #expect(setup.streamOptions.firstByteTimeout == .seconds(1))

        let timeout = dir.appendingPathComponent("timeout.yaml").path
        try "panes:\n  - sim:21\nidle_timeout: later\n".write(toFile: timeout, atomically: true, encoding: .utf8)
        #expect(throws: ValueError("\(timeout):3: `idle_timeout` must be a duration above 0, e.g. 30s or 500ms")) {
            try Scenario.load(path: timeout)
        }
    }

    @Test func unknownTaskIsTheSameErrorEverywhere() {
        let message = "unknown task \"poetry\"; tasks: chat, code, reasoning, summarize, agent, batch"
        #expect(throws: ValueError(message)) { try Repo.dashboard { $0.task = "poetry" }.resolve() }
        #expect(throws: ValueError(message)) {
            try Repo.bench {
                $0.panes = ["sim:21"]
                $0.task = "poetry"
            }.resolve()
        }
    }
}
