import Foundation
import Testing

extension EndToEnd {
    /// The real binary in a real (tmux) terminal: opens, streams, answers keys, exits cleanly.
    @Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"), .timeLimit(.minutes(5)))
    @MainActor
    struct DashboardEndToEndTests {
        let bin = Tmux.binary

        @Test func opensStreamsAndAnswersKeys() throws {
            let t = try Tmux("\(bin) --rates 8,40 --ttft 0.3s")
            defer { t.kill() }
            let first = t.waitFor("three clocks and streaming text") { $0.contains("TTFT") && $0.contains("tok/s") }
            #expect(first.contains("A · 8.0 tok/s"))
            #expect(first.contains("B · 40.0 tok/s"))
            t.waitFor("tokens counting up") { s in s.contains("elapsed") && !s.contains(" 0/") }
            try t.keys("?")
            t.waitFor("help overlay") { $0.contains("tokenpace help") && $0.contains("TTFA") }
            try t.keys("Escape")
            t.waitFor("help closed") { !$0.contains("tokenpace help") }
            try t.keys("+")
            t.waitFor("rate ×1.25") { $0.contains("10.0 tok/s") }
            try t.keys("Tab", "-")
            t.waitFor("second pane ÷1.25") { $0.contains("32.0 tok/s") }
            try t.keys("a")
            t.waitFor("a third pane") { $0.contains("C · 32.0 tok/s") }
            try t.keys("x")
            t.waitFor("third pane removed") { !$0.contains("C · 32.0 tok/s") }
            try t.keys("Space")
            t.waitFor("paused") { $0.contains("paused") }
            try t.keys("Space")
            t.waitFor("running") { $0.contains("running") }
            try t.keys("t")
            t.waitFor("code task") { $0.contains(" code ·") }
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)
        }

        @Test func hardwarePanesTakeRetriesAndDraftsPerPane() throws {
            let t = try Tmux(
                "\(bin) --pane hw:rtx3090/gemma-2-27b/q4_k_m --pane hw:rtx4090/llama-3.2-1b/q4_k_m --success 90%,60%"
                    + " --speculative 4 --task code")
            defer { t.kill() }
            let screen = t.waitFor("two estimate panes retrying and drafting") { $0.contains("try 1/3") }
            #expect(screen.contains("A · est."))
            #expect(screen.contains("B · est."))
            #expect(screen.contains("spec ×2.40"))
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
        }

        @Test func presentationsReaderAndHiddenInstructionsByKey() throws {
            let t = try Tmux("\(bin) --rates 30 --ttft 0.2s --present blocking --sample chat-git-undo")
            defer { t.kill() }
            t.waitFor("a held answer") { $0.contains("working on your answer") && $0.contains("· blocking") }
            try t.keys("p")
            t.waitFor("progress with its phase") { $0.contains("· progress") && $0.contains("writing ETA") }
            try t.keys("p")
            t.waitFor("the outline first") { $0.contains("· staged") && $0.contains("── outline ──") }
            try t.keys("R")
            t.waitFor("the reader's figures") { $0.contains("waiting for text") && $0.contains("blocked 0.20s") }
            try t.keys("i")
            t.waitFor("hidden instructions") { $0.contains("system 500 tok") && $0.contains("TTFT 1.03s") }
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
        }

        @Test func exitWhenDoneExitsZero() throws {
            let t = try Tmux("\(bin) --rates 2000,5000 --ttft 0 --exit-when-done")
            defer { t.kill() }
            t.waitFor("the race to finish") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)
        }

        @Test func ctrlCRestoresTheTerminal() throws {
            let t = try Tmux("bash --norc --noprofile")
            defer { t.kill() }
            try t.keys("stty -a | grep -o -- ' -\\?icanon' | head -1; echo BEFORE", "Enter")
            t.waitFor("shell") { $0.contains("BEFORE") }
            try t.keys("clear; \(bin) --rates 5", "Enter")
            t.waitFor("dashboard") { $0.contains("TTFT") }
            try t.keys("C-c")
            t.waitFor("dashboard gone") { !$0.contains("TTFT") }
            try t.keys("echo STATUS=$?; stty -a | grep -o -- ' -\\?icanon' | head -1; echo E''ND", "Enter")
            let screen = t.waitFor("shell back") { $0.contains("\nEND") }
            // An interrupt ends with 130 (128 + SIGINT), as shells expect; `q` ends with 0.
            #expect(screen.contains("STATUS=130"))
            #expect(screen.contains(" icanon"))
            #expect(!screen.contains("TTFT"))
        }

        @Test func resizeReflowsAndTinyTerminalShowsNotice() throws {
            let t = try Tmux("\(bin) --rates 10,21,60")
            defer { t.kill() }
            t.waitFor("dashboard") { $0.contains("C · 60.0 tok/s") }
            try t.resize(width: 40, height: 12)
            t.waitFor("small layout") { s in
                s.split(separator: "\n").first.map { $0.count <= 40 } ?? false && s.contains("TTFT")
            }
            try t.resize(width: 12, height: 3)
            t.waitFor("enlarge notice") { $0.contains("small") || $0.contains("enlarge") }
            try t.resize(width: 120, height: 40)
            t.waitFor("full layout again") { $0.contains("C · 60.0 tok/s") }
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)
        }

        @Test func sigtermAndSighupRestore() throws {
            for (signal, rate) in [("TERM", "5.5"), ("HUP", "6.5")] {
                let script =
                    "\(bin) --rates \(rate); echo AFTER=$?; stty -a | grep -o -- ' -\\?icanon' | head -1; echo E''ND; sleep 30"
                let t = try Tmux("bash --norc --noprofile -c \"\(script)\"")
                defer { t.kill() }
                t.waitFor("dashboard") { $0.contains("TTFT") }
                _ = try Tmux.run(["pkill", "-\(signal)", "-f", "tokenpace --rates \(rate)$"])
                let screen = t.waitFor("shell back after SIG\(signal)") {
                    $0.contains("AFTER=") && $0.contains("\nEND")
                }
                #expect(screen.contains(" icanon"), "terminal not restored after SIG\(signal)")
                #expect(!screen.contains("TTFT"))
            }
        }

        @Test func notATTYSaysSoAndExits2() throws {
            let r = try Tmux.run([bin, "--rates", "10"], stdin: "/dev/null")
            #expect(r.status == 2)
            #expect(r.error.contains("terminal"))
            #expect(r.error.split(separator: "\n").count == 1)
        }

        @Test func badInputNamesTheThingAndExits2() throws {
            let cases: [([String], String)] = [
                (["--rates", "10,0"], "rate 0"),
                (["--task", "poetry"], "unknown task \"poetry\""),
                (["--theme", "neon"], "neon"),
                (["--sample", "nope"], "unknown sample \"nope\""),
            ]
            let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("tp-bad-scenario.yaml").path
            try "prompt: hi\npanes:\n  - sim:21\n  - spec: sim:10\n    colour: red\n".write(
                toFile: scenario, atomically: true, encoding: .utf8)
            let scenarioCase: ([String], String) = (
                ["--scenario", scenario], "tp-bad-scenario.yaml:5: unknown pane key `colour`"
            )
            for (args, expected) in cases + [scenarioCase] {
                let r = try Tmux.run([bin] + args)
                #expect(r.status == 2, "\(args)")
                #expect(r.error.contains(expected), "\(args): \(r.error)")
            }
        }
    }
}
