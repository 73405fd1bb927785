import Foundation
import Testing

extension EndToEnd {
    /// `tokenpace tokens` as a user runs it: counts and figures per file, a total, --show without a
    /// terminal, a real tokenizer file, and errors that name the file with a non-zero exit.
    @Suite(.timeLimit(.minutes(2)))
    @MainActor
    struct TokensEndToEndTests {
        let bin = Tmux.binary

        func file(_ name: String, _ text: String) throws -> String {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-tokens-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let url = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }

        @Test func countsEachFileWithTheBuiltInEstimateAndATotal() throws {
            let a = try file("a.txt", "The keeper watched the boat round the point.")
            let b = try file("b.txt", "灯台守は十一日間、誰とも話していなかった。")
            let r = try Tmux.run([bin, "tokens", a, b])
            #expect(r.status == 0)
            let lines = r.output.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("tokenizer: built-in estimate") == true)
            #expect(lines.contains { $0.hasPrefix("\(a): ") && $0.contains(" tokens, ") && $0.contains("words/token") })
            #expect(lines.contains { $0.hasPrefix("\(b): ") && $0.contains("words/token — (a script without spaces") })
            let counts = lines.compactMap { line -> Int? in
                guard line.hasPrefix(a) || line.hasPrefix(b) else { return nil }
                return Int(line.split(separator: " ")[1])
            }
            #expect(counts.count == 2)
            #expect(lines.last == "total: \(counts.reduce(0, +)) tokens")
        }

        @Test func showWithoutATerminalPutsBarsBetweenTokens() throws {
            let path = try file("hello.txt", "Hello, world!\nBye")
            let r = try Tmux.run([bin, "tokens", path, "--show"])
            #expect(r.status == 0)
            #expect(r.output.contains("Hello|,| world|!|↵\nBye"))
            #expect(!r.output.contains("\u{1B}["))
        }

        @Test func standardInputIsADash() throws {
            let path = try file("in.txt", "one two three")
            let r = try Tmux.run([bin, "tokens", "-"], stdin: path)
            #expect(r.status == 0)
            #expect(r.output.contains("(stdin): 3 tokens"))
        }

        @Test(
            .enabled(
                if: ProcessInfo.processInfo.environment["TOKENPACE_SMOLLM2_GGUF"] != nil,
                "TOKENPACE_SMOLLM2_GGUF is not set (scripts/test.sh sets it)"))
        func aGGUFCountsWithTheModelsOwnTokenizer() throws {
            let gguf = ProcessInfo.processInfo.environment["TOKENPACE_SMOLLM2_GGUF"]!
            let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../TokenPaceCoreTests/Fixtures/tokenizer-oracles.json")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as! [String: Any]
            let text = (json["texts"] as! [[String: Any]]).first { $0["id"] as? String == "german" }!
            let path = try file("german.txt", text["text"] as! String)
            let r = try Tmux.run([bin, "tokens", path, "--tokenizer", gguf])
            #expect(r.status == 0)
            #expect(
                r.output.contains("tokenizer: SmolLM2-135M-Instruct.Q4_1.gguf (GGUF gpt2 BPE, pre-tokenizer smollm"))
            #expect(r.output.contains("\(path): \((text["smollm2"] as! [Int]).count) tokens, "))
        }

        @Test func badFilesAreNamed() throws {
            let missing = try Tmux.run([bin, "tokens", "/nonexistent/notes.md"])
            #expect(missing.status != 0)
            #expect(missing.error.contains("/nonexistent/notes.md: no such file"))
            let text = try file("notes.txt", "just some notes\n")
            let notATokenizer = try Tmux.run([bin, "tokens", text, "--tokenizer", text])
            #expect(notATokenizer.status != 0)
            #expect(notATokenizer.error.contains("\(text): is not a tokenizer file"))
            #expect(notATokenizer.output.isEmpty)
        }
    }
}
