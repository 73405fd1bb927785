import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceApp

/// `--tokenizer`, a pane's `#tokenizer=PATH` and a scenario's `tokenizer:` give simulated and hardware
/// panes a model's own tokenizer; every other pane refuses one with a reason.
@Suite struct TokenizerSetupTests {
    /// A tiktoken rank file: every byte a token, then "he", "ll", "hell", "hello".
    static func tiktoken(in dir: URL) throws -> String {
        var lines = (0..<256).map { "\(Data([UInt8($0)]).base64EncodedString()) \($0)" }
        for (k, word) in ["he", "ll", "hell", "hello"].enumerated() {
            lines.append("\(Data(word.utf8).base64EncodedString()) \(256 + k)")
        }
        let path = dir.appendingPathComponent("cl100k_base.tiktoken").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tp-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theSpecEndsInItsTokenizer() throws {
        let a = try PaneSpec.parseWithOptions("sim:21#tokenizer=/models/smol.gguf")
        #expect(a.spec == .simulated(rate: 21, firstToken: nil))
        #expect(a.options.tokenizer == "/models/smol.gguf")
        // The rest of the spec is the path, `@` and all; the TTFT before it still counts.
        let b = try PaneSpec.parseWithOptions("sim:21@0.5s#tokenizer=./my@models/tokenizer.json")
        #expect(b.spec == .simulated(rate: 21, firstToken: .fixed(0.5)))
        #expect(b.options.tokenizer == "./my@models/tokenizer.json")
        let c = try PaneSpec.parseWithOptions("hw:rtx4090/llama-3.1-8b/q4_k_m#Tokenizer=cl100k_base.tiktoken")
        #expect(c.options.tokenizer == "cl100k_base.tiktoken")
        // parse() reads the same spec and leaves the option out.
        #expect(try PaneSpec.parse("sim:21#tokenizer=x.gguf") == .simulated(rate: 21, firstToken: nil))
        #expect(try PaneSpec.parseWithOptions("sim:21").options == PaneOptions())
        // With the pane's cost settings, in either order; the cost part leaves the tokenizer out.
        let d = "sim:21#price=in=3,out=15#tokenizer=x.gguf"
        #expect(try PaneSpec.parseWithOptions(d).options.tokenizer == "x.gguf")
        #expect(PaneSpec.costPart(d).cost == "price=in=3,out=15")
        #expect(PaneSpec.costPart("sim:21#tokenizer=x.gguf").cost == nil)
    }

    @Test(arguments: [
        (
            "openai:http://127.0.0.1:9/v1#tokenizer=x.gguf",
            "--pane openai:http://127.0.0.1:9/v1#tokenizer=x.gguf: #tokenizer= is for sim: and hw: panes (a live pane counts with its server's tokenizer, a mirror or trace plays the pieces it got)"
        ),
        (
            "trace:run.jsonl#tokenizer=x.gguf",
            "--pane trace:run.jsonl#tokenizer=x.gguf: #tokenizer= is for sim: and hw: panes (a live pane counts with its server's tokenizer, a mirror or trace plays the pieces it got)"
        ),
        (
            "sim:21#tokenizer=",
            "--pane sim:21#tokenizer=: #tokenizer= needs a path (a GGUF, tokenizer.json or .tiktoken file)"
        ),
        (
            "sim:21#colour=red",
            "--pane sim:21#colour=red: #colour: unknown pane setting (present, tokenizer, slots, price, gpu-cost, power, kwh)"
        ),
    ])
    func panesThatCannotTakeATokenizerSayWhy(spec: String, message: String) {
        #expect(throws: ValueError(message)) { try PaneSpec.parseWithOptions(spec) }
    }

    @Test func tokenizerForEverySimulatedPaneAndAPanesOwnWins() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.tiktoken(in: dir)
        let all = try Repo.dashboard {
            $0.rates = "21,21"
            $0.tokenizer = file
        }.resolve()
        #expect(all.setups.map { $0.tokenizer?.label } == ["cl100k_base", "cl100k_base"])

        let mixed = try Repo.dashboard { $0.panes = ["sim:21", "sim:21#tokenizer=\(file)"] }.resolve()
        #expect(mixed.setups.map { $0.tokenizer?.path } == [nil, file])
        // The pane streams the tokenizer's pieces: about one character a token with this vocabulary.
        let state = AppState(
            setups: mixed.setups, sample: mixed.sample, library: mixed.library, seed: 1, now: 0)
        let builtIn = state.panes[0].tokens.filter { $0.kind.isGenerated }.count
        let model = state.panes[1].tokens.filter { $0.kind.isGenerated }.count
        #expect(model > 2 * builtIn)
        #expect(state.panes[1].promptTokens > state.panes[0].promptTokens)
        #expect(state.panes[1].tokenizer?.label == "cl100k_base")
        // A new sample, a restart and a copied pane keep each pane's tokenizer.
        var next = state
        _ = reduce(&next, .restart, now: 1)
        #expect(next.panes[1].tokens.count == state.panes[1].tokens.count)
        next.selected = 1
        _ = reduce(&next, .addPane, now: 2)
        #expect(next.panes[2].tokenizer?.path == file)
        #expect(next.panes[2].tokens.count == state.panes[1].tokens.count)
    }

    @Test func aTokenizerFileThatIsNotOneIsNamedWithItsOption() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let notes = dir.appendingPathComponent("notes.txt").path
        try "just some notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        #expect {
            try Repo.dashboard { $0.tokenizer = notes }.resolve()
        } throws: {
            let m = "\($0)"
            return m.hasPrefix("--tokenizer: \(notes): is not a tokenizer file") && m.contains("GGUF")
        }
        #expect {
            try Repo.dashboard { $0.panes = ["sim:21#tokenizer=\(dir.path)/missing.gguf"] }.resolve()
        } throws: {
            "\($0)" == "--pane sim:21#tokenizer=\(dir.path)/missing.gguf: \(dir.path)/missing.gguf: no such file"
        }
    }

    @Test func scenarioTokenizersAreRelativeToTheFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Self.tiktoken(in: dir)
        let good = dir.appendingPathComponent("show.yaml").path
        try
            "tokenizer: cl100k_base.tiktoken\npanes:\n  - sim:21\n  - spec: sim:21\n    tokenizer: cl100k_base.tiktoken\n"
            .write(toFile: good, atomically: true, encoding: .utf8)
        let setup = try Repo.dashboard { $0.scenario = good }.resolve()
        #expect(setup.setups.map { $0.tokenizer?.label } == ["cl100k_base", "cl100k_base"])

        let bad = dir.appendingPathComponent("bad.yaml").path
        try "panes:\n  - sim:21\n  - spec: openai:http://127.0.0.1:9/v1\n    tokenizer: x.gguf\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        #expect(throws: ValueError("\(bad):3: `tokenizer` is for sim: and hw: panes, not live panes")) {
            try Scenario.load(path: bad)
        }
    }

    @Test func benchWritesTextSpeedAndCutsEachPanesAnswerWithItsTokenizer() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.tiktoken(in: dir)
        let setup = try Repo.bench {
            $0.panes = ["sim:21@0.5s", "sim:21@0.5s#tokenizer=\(file)"]
            $0.maxTokens = 100
        }.resolve()
        let report = await setup.run()
        let speeds = report.panes.map { BenchFigure.charactersPerSecond.value(of: $0.streams[0]) }
        let builtIn = try #require(speeds[0])
        let bytes = try #require(speeds[1])
        // Same tok/s, about one character a token against four: a quarter of the text speed or less.
        #expect(builtIn > 2.5 * bytes)
        #expect(report.json.contains("\"text_chars_s\"") && report.json.contains("\"text_words_s\""))
        #expect(report.markdown.contains("| chars/s | words/s |"))
        #expect(report.markdown.contains("text speed"))
        #expect {
            try Repo.bench {
                $0.panes = ["sim:21"]; $0.tokenizer = dir.appendingPathComponent("none.gguf").path
            }
            .resolve()
        } throws: { "\($0)".hasPrefix("--tokenizer: ") && "\($0)".hasSuffix("none.gguf: no such file") }
    }
}
