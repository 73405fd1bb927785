import Foundation
import Testing

extension EndToEnd {
    /// A whole perception session typed into the real binary under tmux, then the report on what it
    /// wrote; and a session killed with SIGKILL, whose results file must still read back.
    @Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed"), .timeLimit(.minutes(5)))
    @MainActor
    struct PerceptionEndToEndTests {
        let bin = Tmux.binary

        static func tempFile() -> String {
            FileManager.default.temporaryDirectory.appendingPathComponent("perceive-\(UUID().uuidString).jsonl").path
        }

        static func lines(_ path: String) -> [String] {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").map(String.init)
        }

        static func objects(_ path: String) -> [[String: Any]] {
            lines(path).compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }

        /// Number tokens on a screen or in a text: runs of digits, with one decimal point inside.
        static func numbers(_ text: String) -> [String] {
            var out: [String] = []
            var number = ""
            for ch in text + " " {
                if ch.isASCII && ch.isNumber || (ch == "." && !number.isEmpty && !number.contains(".")) {
                    number.append(ch)
                } else {
                    if number.hasSuffix(".") { number.removeLast() }
                    if !number.isEmpty { out.append(number) }
                    number = ""
                }
            }
            return out
        }

        /// Waits until the results file holds `count` lines (each is written when its trial ends).
        static func waitForLines(_ path: String, _ count: Int, timeout: Double = 10) {
            let deadline = Date().addingTimeInterval(timeout)
            while lines(path).count < count && Date() < deadline { usleep(50_000) }
            #expect(lines(path).count == count, "expected \(count) lines in \(path)")
        }

        @Test func fullSessionPracticeAbortAnswersSummaryAndReport() throws {
            let out = Self.tempFile()
            defer { try? FileManager.default.removeItem(atPath: out) }
            let t = try Tmux("\(bin) perceive --participant e2e --task chat --trials 2 --panes 2 --seed 3 --out \(out)")
            defer { t.kill() }
            // Every screen the participant saw, by trial (0 = practice), checked against the file below.
            var screens: [Int: [String]] = [:]
            func saw(_ trial: Int, _ screen: String) { screens[trial, default: []].append(screen) }
            saw(0, t.waitFor("instructions") { $0.contains("perception session") && $0.contains("Space begins") })
            try t.keys("Space")
            saw(0, t.waitFor("practice offered") { $0.contains("Practice trial") && $0.contains("Space starts") })
            try t.keys("Space")
            let watching = t.waitFor("panes streaming") {
                $0.contains("Watch the panes") && $0.contains("┌ A ") && $0.contains("┌ B ")
            }
            saw(0, watching)
            #expect(!watching.contains("tok/s"), "no rate on screen while watching")
            #expect(!watching.contains("TTFT"))
            try t.keys("Enter")
            saw(0, t.waitFor("first question") { $0.contains("▶ Which felt faster?") })
            try t.keys("a")
            saw(0, t.waitFor("acceptance question") { $0.contains("▶ Which would you accept") })
            try t.keys("b", "Enter")
            saw(0, t.waitFor("ratings") { $0.contains("▶ Rate each pane") })
            try t.keys("3", "4")
            saw(1, t.waitFor("trial 1 offered") { $0.contains("Trial 1 of 2") && $0.contains("Space starts") })
            Self.waitForLines(out, 1)
            #expect(Self.objects(out).first?["practice"] as? Bool == true)

            try t.keys("Space")
            saw(1, t.waitFor("trial 1 streaming") { $0.contains("Watch the panes") })
            try t.keys("Escape")
            saw(1, t.waitFor("abort announced") { $0.contains("aborted and not recorded") })
            #expect(Self.lines(out).count == 1, "an aborted trial writes nothing")
            try t.keys("Space")
            saw(1, t.waitFor("trial 1 again") { $0.contains("Watch the panes") })
            saw(1, t.capture())
            try t.keys("Enter")
            saw(1, t.waitFor("first question") { $0.contains("▶ Which felt faster?") })
            try t.keys("=", "Enter", "2", "2")
            saw(2, t.waitFor("trial 2 offered") { $0.contains("Trial 2 of 2") })
            Self.waitForLines(out, 2)

            try t.keys("Space")
            saw(2, t.waitFor("trial 2 streaming") { $0.contains("Watch the panes") })
            saw(2, t.capture())
            try t.keys("Enter")
            saw(2, t.waitFor("first question") { $0.contains("▶ Which felt faster?") })
            try t.keys("b", "a", "b", "b", "Enter", "5", "BSpace", "1", "5")
            let summary = t.waitFor("summary") { $0.contains("Thank you, e2e") }
            #expect(summary.contains("tok/s"), "the hidden rates are revealed at the end")
            #expect(summary.contains("95% interval"))
            Self.waitForLines(out, 3)
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)

            let records = Self.objects(out)
            #expect(records.count == 3, "every line is one complete JSON object")
            #expect(records.map { $0["trial"] as? Int } == [0, 1, 2])
            #expect(records.map { $0["practice"] as? Bool } == [true, false, false])
            #expect(records[1]["aborted"] as? Int == 1)
            #expect((records[1]["answers"] as? [String: Any])?["faster"] as? String == "same")
            #expect((records[2]["answers"] as? [String: Any])?["accepted"] as? [String] == ["A"])
            #expect((records[2]["answers"] as? [String: Any])?["ratings"] as? [String: Int] == ["A": 1, "B": 5])
            for r in records {
                #expect(r["participant"] as? String == "e2e")
                #expect(r["task"] as? String == "chat")
                #expect((r["panes"] as? [[String: Any]])?.count == 2)
                #expect(r["watch_s"] is Double && r["answer_s"] is Double && r["sample"] is String && r["seed"] != nil)
            }

            // Blindness: no hidden value of a trial, as the file prints it (or rounded as a screen would
            // show it), appears on any screen the participant saw before the summary. A figure the
            // sample text itself contains is the same in every pane and cannot tell them apart.
            for (trial, line) in Self.lines(out).enumerated() {
                let sample = (records[trial]["sample"] as? String) ?? ""
                let sampleText =
                    (try? String(contentsOfFile: Tmux.packageRoot + "/Samples/\(sample).md", encoding: .utf8)) ?? ""
                let inSample = Set(Self.numbers(sampleText))
                var hidden: [String] = []
                for key in ["\"rate\":", "\"ttft\":"] {
                    for part in line.components(separatedBy: key).dropFirst() {
                        let printed = String(part.prefix { $0.isNumber || $0 == "." })
                        guard let v = Double(printed) else { continue }
                        hidden += [printed, String(format: "%.1f", v), String(format: "%.2f", v)]
                        if v >= 10 { hidden.append(String(format: "%.0f", v)) }
                    }
                }
                let checked = Set(hidden.filter { !inSample.contains($0) && (Double($0) ?? 0) > 5 || $0.contains(".") })
                    .subtracting(inSample)
                #expect(!checked.isEmpty, "trial \(trial) has hidden values to look for")
                for screen in screens[trial] ?? [] {
                    let leaked = checked.intersection(Self.numbers(screen))
                    #expect(leaked.isEmpty, "trial \(trial) showed \(leaked.sorted()) before the end:\n\(screen)")
                }
            }
            #expect(screens.values.reduce(0) { $0 + $1.count } >= 15)

            let report = try Tmux.run([bin, "perceive", "report", out, "--format", "json"])
            #expect(report.status == 0, "\(report.error)")
            let json = try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any]
            let group = (json?["groups"] as? [[String: Any]])?.first
            #expect(group?["trials"] as? Int == 2, "the practice trial is not counted")
            #expect((group?["participants"] as? [[String: Any]])?.first?["participant"] as? String == "e2e")
        }

        /// `--mode present`: one pane per presentation, all done at the same time; no screen before the
        /// summary names a presentation or shows a hidden figure, and the report compares them.
        @Test func presentSessionIsBlindAndComparesPresentations() throws {
            let out = Self.tempFile()
            defer { try? FileManager.default.removeItem(atPath: out) }
            let t = try Tmux(
                "\(bin) perceive --participant pe2e --mode present --trials 2 --e2e 3s,4s --seed 3 --out \(out)")
            defer { t.kill() }
            var screens: [Int: [String]] = [:]
            func saw(_ trial: Int, _ screen: String) { screens[trial, default: []].append(screen) }
            saw(0, t.waitFor("instructions") { $0.contains("differ only in how") && $0.contains("Space begins") })
            try t.keys("Space", "Space")
            saw(0, t.waitFor("held panes") { $0.contains("working on your answer") && $0.contains("░") })
            saw(0, t.waitFor("all revealed") { !$0.contains("working on your answer") && !$0.contains("░") })
            try t.keys("Enter")
            saw(0, t.waitFor("first question") { $0.contains("▶ Which felt faster?") })
            try t.keys("a", "a", "Enter", "4", "2", "3")
            for trial in 1...2 {
                saw(trial, t.waitFor("trial \(trial) offered") { $0.contains("Trial \(trial) of 2") })
                try t.keys("Space")
                saw(trial, t.waitFor("trial \(trial) held") { $0.contains("working on your answer") })
                saw(trial, t.waitFor("trial \(trial) done") { !$0.contains("working on your answer") })
                try t.keys("Enter")
                saw(trial, t.waitFor("questions") { $0.contains("▶ Which felt faster?") })
                try t.keys(trial == 1 ? "b" : "=", "b", "c", "Enter", "5", "1", "4")
            }
            let summary = t.waitFor("summary") { $0.contains("Thank you, pe2e") }
            for name in ["stream", "blocking", "progress"] {
                #expect(summary.contains(name), "the summary names \(name)")
            }
            Self.waitForLines(out, 3)
            try t.keys("q")
            t.waitFor("exit") { _ in t.paneDead() }
            #expect(t.exitStatus() == 0)

            let records = Self.objects(out)
            #expect(records.count == 3)
            for (i, r) in records.enumerated() {
                #expect(r["mode"] as? String == "present")
                let panes = (r["panes"] as? [[String: Any]]) ?? []
                #expect(Set(panes.compactMap { $0["presentation"] as? String }) == ["stream", "blocking", "progress"])
                let e2e = Set(panes.compactMap { $0["e2e"] as? Double })
                #expect(e2e == [i == 2 ? 4 : 3], "trial \(i): one E2E for all panes, the list cycles")
            }
            // Blindness on every screen the participant saw: no presentation's name unless the sample
            // says it, no hidden rate, no percentage, no ETA.
            for (trial, line) in Self.lines(out).enumerated() {
                let sample = (records[trial]["sample"] as? String) ?? ""
                let sampleText =
                    (try? String(contentsOfFile: Tmux.packageRoot + "/Samples/\(sample).md", encoding: .utf8)) ?? ""
                let rates = line.components(separatedBy: "\"rate\":").dropFirst().map {
                    String($0.prefix { $0.isNumber || $0 == "." })
                }
                for screen in screens[trial] ?? [] {
                    for name in ["stream", "blocking", "progress", "staged", "presentation"]
                    where screen.lowercased().contains(name) && !sampleText.lowercased().contains(name) {
                        Issue.record("trial \(trial) named \(name) before the end:\n\(screen)")
                    }
                    let shown = Set(Self.numbers(screen))
                    let leaked = Set(rates).subtracting(Self.numbers(sampleText)).intersection(shown)
                    #expect(leaked.isEmpty, "trial \(trial) showed \(leaked)")
                    #expect(
                        (!screen.contains("%") || sampleText.contains("%")) && !screen.contains("ETA"),
                        "no percentage or ETA:\n\(screen)")
                    // Each screen shows this trial's answer only (held panes reveal it whole at the end).
                    #expect(!screen.contains("can get it back.") || sample == "chat-git-undo", "\(screen)")
                }
            }
            let report = try Tmux.run([bin, "perceive", "report", out])
            #expect(report.status == 0, "\(report.error)")
            #expect(report.output.contains("presentations compared"))
            #expect(report.output.contains("stream − blocking") || report.output.contains("blocking − progress"))
        }

        @Test func killedSessionLeavesAReadableFile() throws {
            let out = Self.tempFile()
            defer { try? FileManager.default.removeItem(atPath: out) }
            let t = try Tmux("\(bin) perceive --participant k9 --trials 3 --panes 2 --out \(out)")
            defer { t.kill() }
            t.waitFor("instructions") { $0.contains("Space begins") }
            try t.keys("Space", "Space")
            t.waitFor("streaming") { $0.contains("Watch the panes") }
            try t.keys("Enter", "a", "Enter", "1", "2")
            t.waitFor("trial 1 offered") { $0.contains("Trial 1 of 3") }
            try t.keys("Space")
            t.waitFor("trial 1 streaming") { $0.contains("Watch the panes") }
            // The pane runs a shell; the session is its child (env execs the binary).
            let shell = try Tmux.run(["tmux", "-L", Tmux.socket, "display-message", "-p", "-t", t.name, "#{pane_pid}"])
                .output.trimmingCharacters(in: .whitespacesAndNewlines)
            let pid = try Tmux.run(["pgrep", "-P", shell]).output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!pid.isEmpty && !pid.contains("\n"), "one child of the pane's shell: \(pid)")
            _ = try Tmux.run(["kill", "-KILL", pid])
            t.waitFor("process gone") { _ in t.paneDead() }
            #expect(t.exitStatus() == 137, "killed by SIGKILL")
            #expect(Self.lines(out).count == 1)
            #expect(Self.objects(out).count == 1, "the line written before the kill is complete")

            // A write torn by a crash, then a new session appending after it.
            let handle = try #require(FileHandle(forWritingAtPath: out))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(#"{"participant":"k9","task":"chat","tri"#.utf8))
            try handle.close()
            let again = try Tmux("\(bin) perceive --participant k9 --trials 3 --panes 2 --out \(out)")
            defer { again.kill() }
            again.waitFor("instructions") { $0.contains("Space begins") }
            try again.keys("Space", "Space")
            again.waitFor("streaming") { $0.contains("Watch the panes") }
            try again.keys("Enter", "b", "Enter", "4", "4")
            again.waitFor("trial 1 offered") { $0.contains("Trial 1 of 3") }
            Self.waitForLines(out, 3)
            #expect(Self.objects(out).count == 2, "the torn line stays alone; the new line is whole")

            let report = try Tmux.run([bin, "perceive", "report", out])
            #expect(report.status == 0)
            #expect(report.error.contains(":2: skipped"), "the torn line is named on stderr: \(report.error)")
            #expect(report.output.contains("perception report"))
        }
    }
}
