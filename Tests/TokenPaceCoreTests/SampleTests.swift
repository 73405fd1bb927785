import Foundation
import Testing

@testable import TokenPaceCore

/// The repository's own `Samples/` folder, found from this file's path.
let shippedSamplesDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Samples").path
}()

@Suite struct SampleFileTests {
    static let agent = """
        ---
        task: agent
        title: Agent
        prompt: Do it
        tool_latencies: [0.5, 800ms]
        ---
        ::: reasoning
        Think first.
        ::: tool-call
        {"name": "a"}
        ::: tool-result

        result one

        ::: tool-call
        {"name": "b"}
        ::: tool-result 2s
        result two
        ::: answer
        Done.
        """

    func parse(_ text: String) throws(SampleError) -> Sample {
        try SampleFile.parse(text, path: "s.md", id: "s")
    }

    func error(_ text: String) -> SampleError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func agentSectionsGetStepsAndLatencies() throws {
        let s = try parse(Self.agent)
        #expect(s.task == .agent)
        #expect(s.title == "Agent")
        #expect(s.prompt == "Do it")
        #expect(s.segments.map(\.kind) == [.reasoning, .toolCall, .toolResult, .toolCall, .toolResult, .answer])
        #expect(s.segments.map(\.step) == [1, 1, 1, 2, 2, 3])
        #expect(s.segments.map(\.toolLatency) == [nil, nil, 0.5, nil, 2, nil])
        #expect(s.segments[2].text == "result one")
    }

    @Test func bodyWithoutMarkersIsOneAnswer() throws {
        let s = try parse("---\ntask: chat\nprompt: Hi\n---\n\nHello there.\n\nSecond paragraph.\n")
        #expect(s.segments == [Sample.Segment(kind: .answer, text: "Hello there.\n\nSecond paragraph.")])
        #expect(s.title == "s")
        #expect(s.calibration == nil)
    }

    @Test func calibrationIsRead() throws {
        let s = try parse(
            "---\ntask: chat\nprompt: Hi\ncalibration: {tokenizer: T, prompt_tokens: 3, answer_tokens: 9}\n---\nHey\n")
        #expect(s.calibration == Sample.Calibration(tokenizer: "T", promptTokens: 3, answerTokens: 9))
    }

    @Test func promptFileIsReadBesideTheSample() throws {
        let dir = try SampleTestFolder()
        try "Document text.\n".write(toFile: dir.path + "/doc.txt", atomically: true, encoding: .utf8)
        let text = "---\ntask: summarize\nprompt: Summarise.\nprompt_file: doc.txt\n---\nShort.\n"
        let s = try SampleFile.parse(text, path: dir.path + "/x.md", id: "x")
        #expect(s.prompt == "Summarise.\n\nDocument text.")
    }

    static let errors: [(text: String, expected: String)] = [
        ("task: chat\n", "s.md:1: missing front matter: the file must start with a '---' line"),
        ("---\ntask: chat\nprompt: x\n", "s.md:1: front matter is not closed: add a '---' line after it"),
        (
            "---\ntitle: x\ntask: chatty\nprompt: x\n---\nA\n",
            "s.md:3: unknown task 'chatty' (expected chat, code, reasoning, summarize, agent, batch)"
        ),
        ("---\ntask: chat\n---\nA\n", "s.md:1: missing prompt: add 'prompt:' or 'prompt_file:'"),
        ("---\nprompt: x\n---\nA\n", "s.md:1: missing 'task' (one of chat, code, reasoning, summarize, agent, batch)"),
        (
            "---\ntask: chat\nprompt: x\ntitel: y\n---\nA\n",
            "s.md:4: unknown key 'titel' (expected task, title, prompt, prompt_file, tool_latencies, calibration, draft_acceptance)"
        ),
        (
            "---\ntask: chat\nprompt: x\n---\n::: answer\nA\n::: thinking\nB\n",
            "s.md:7: unknown section marker '::: thinking' (expected ::: followed by reasoning, answer, tool-call, tool-result)"
        ),
        (
            "---\ntask: agent\nprompt: x\n---\n::: tool-call\nc\n::: tool-result soon\nr\n::: answer\nA\n",
            "s.md:7: bad latency 'soon': write seconds (1.2s) or milliseconds (800ms)"
        ),
        (
            "---\ntask: agent\nprompt: x\ntool_latencies:\n  - 1s\n  - -2\n---\n::: tool-call\nc\n::: tool-result\nr\n::: answer\nA\n",
            "s.md:6: bad latency '-2': write seconds (1.2s) or milliseconds (800ms)"
        ),
        (
            "---\ntask: agent\nprompt: x\n---\n::: tool-call\nc\n::: tool-result\nr\n::: answer\nA\n",
            "s.md:7: tool-result 1 has no latency: write '::: tool-result 1.2s' or list it in tool_latencies"
        ),
        (
            "---\ntask: agent\nprompt: x\ntool_latencies: [1, 2]\n---\n::: tool-call\nc\n::: tool-result\nr\n::: answer\nA\n",
            "s.md:4: tool_latencies has 2 entries but the body has 1 tool results"
        ),
        (
            "---\ntask: agent\nprompt: x\n---\n::: tool-call\nc\n::: tool-result 1s\nr\n",
            "s.md:7: the sample must end with an '::: answer' section"
        ),
        (
            "---\ntask: chat\nprompt: x\n---\n::: tool-call\nc\n::: tool-result 1s\nr\n::: answer\nA\n",
            "s.md:5: 'tool-call' sections belong in agent samples (task: agent)"
        ),
        (
            "---\ntask: agent\nprompt: x\n---\n::: tool-result 1s\nr\n::: answer\nA\n",
            "s.md:5: a tool-result must follow a tool-call"
        ),
        (
            "---\ntask: chat\nprompt: x\n---\nIntro\n::: answer\nA\n",
            "s.md:5: text before the first section marker (start it with '::: answer')"
        ),
        ("---\ntask: chat\nprompt: x\n---\n::: answer\n\n::: reasoning\nB\n", "s.md:5: empty 'answer' section"),
        ("---\ntask: chat\nprompt: x\n---\n::: answer extra\nA\n", "s.md:5: '::: answer' takes no argument"),
        ("---\ntask: chat\nprompt: x\n---\n\n", "s.md:4: the body is empty: write the answer after the front matter"),
        ("---\ntask: chat\nprompt: [unclosed\n---\nA\n", "s.md:4: YAML error: did not find expected ',' or ']'"),
        (
            "---\ntask: chat\nprompt: x\ncalibration: 12\n---\nA\n",
            "s.md:4: calibration must be {tokenizer: NAME, prompt_tokens: N, answer_tokens: N}"
        ),
        ("---\ntask: summarize\nprompt_file: nowhere.txt\n---\nA\n", "s.md:3: cannot read prompt_file 'nowhere.txt'"),
    ]

    @Test(arguments: 0..<errors.count)
    func errorsNameTheLineAndTheProblem(index: Int) {
        let (text, expected) = Self.errors[index]
        #expect(error(text)?.description == expected)
    }

    @Test func errorWithoutLinePrintsPathOnly() {
        #expect(SampleError(path: "dir", line: nil, message: "gone").description == "dir: gone")
    }

    @Test func tokensCarryKindStepAndLatencyOnFirstResultToken() throws {
        let s = try parse(Self.agent)
        let tokens = s.tokens()
        #expect(tokens.map(\.text).joined() == s.segments.map(\.text).joined())
        let results = tokens.filter { $0.kind == .toolResult }
        #expect(results.compactMap(\.toolLatency) == [0.5, 2])
        #expect(results.first?.toolLatency == 0.5 && results.first?.text == "result")
        #expect(tokens.last?.kind == .answer && tokens.last?.step == 3)
        #expect(s.promptTokenCount == Tokenizer.count("Do it"))
    }
}

@Suite struct SampleLibraryTests {
    @Test func loadsMarkdownFilesSortedAndFindsByName() throws {
        let dir = try SampleTestFolder()
        try "---\ntask: code\nprompt: p\n---\nB\n".write(toFile: dir.path + "/b.md", atomically: true, encoding: .utf8)
        try "---\ntask: chat\nprompt: p\n---\nA\n".write(toFile: dir.path + "/a.md", atomically: true, encoding: .utf8)
        try "# About\n".write(toFile: dir.path + "/README.md", atomically: true, encoding: .utf8)
        try "notes".write(toFile: dir.path + "/notes.txt", atomically: true, encoding: .utf8)
        let library = try SampleLibrary(directory: dir.path)
        #expect(library.samples.map(\.id) == ["a", "b"])
        #expect(library.samples(for: .code).map(\.id) == ["b"])
        #expect(library.sample(named: "a.md")?.task == .chat)
        #expect(library.sample(named: "zzz") == nil)
        #expect(library.samples[0].source == dir.path + "/a.md")
    }

    @Test func aBrokenFileStopsLoadingWithItsPath() throws {
        let dir = try SampleTestFolder()
        try "---\ntask: nope\nprompt: p\n---\nB\n".write(
            toFile: dir.path + "/bad.md", atomically: true, encoding: .utf8)
        #expect(
            throws: SampleError(
                path: dir.path + "/bad.md", line: 2,
                message: "unknown task 'nope' (expected chat, code, reasoning, summarize, agent, batch)")
        ) {
            try SampleLibrary(directory: dir.path)
        }
        #expect(throws: SampleError(path: dir.path + "/none", line: nil, message: "cannot read the samples folder")) {
            try SampleLibrary(directory: dir.path + "/none")
        }
    }

    @Test func locatesFromEnvironmentThenCurrentDirectoryThenExecutable() throws {
        let root = try SampleTestFolder()
        let repo = root.path + "/repo"
        let exe = repo + "/.build/debug/tokenpace"
        let elsewhere = root.path + "/elsewhere"
        for dir in [repo + "/Samples", repo + "/.build/debug", elsewhere + "/Samples", root.path + "/empty"] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        let locate = { (cwd: String, env: [String: String]) in
            SampleLibrary.locateDirectory(executablePath: exe, currentDirectory: cwd, environment: env)
        }
        #expect(locate(root.path + "/empty", ["TOKENPACE_SAMPLES": "/custom"]) == "/custom")
        #expect(locate(root.path, ["TOKENPACE_SAMPLES": "mine"]) == root.path + "/mine")
        #expect(locate(elsewhere, [:]) == elsewhere + "/Samples")
        #expect(locate(root.path + "/empty", [:])?.hasSuffix("/repo/Samples") == true)
        #expect(
            SampleLibrary.locateDirectory(
                executablePath: root.path + "/empty/tokenpace", currentDirectory: root.path + "/empty",
                environment: [:]) == nil || FileManager.default.fileExists(atPath: "/Samples"))
    }
}

@Suite struct ShippedSampleTests {
    let library: SampleLibrary

    init() throws {
        library = try SampleLibrary(directory: shippedSamplesDirectory)
    }

    @Test func everyTaskHasAtLeastTwoSamples() {
        for task in TaskKind.allCases {
            #expect(library.samples(for: task).count >= 2, "\(task)")
        }
    }

    @Test func lengthsFitTheirTask() {
        for s in library.samples {
            let answer = s.tokenCount(of: .answer)
            switch s.task {
            case .chat:
                #expect((200...350).contains(answer), "\(s.id): \(answer) answer tokens")
            case .code:
                #expect((300...600).contains(answer), "\(s.id): \(answer) answer tokens")
                #expect(
                    s.segments.contains { $0.kind == .answer && $0.text.contains("```") }, "\(s.id) has no code block")
            case .reasoning:
                let thinking = s.tokenCount(of: .reasoning)
                #expect((800...1500).contains(thinking), "\(s.id): \(thinking) reasoning tokens")
                #expect((200...400).contains(answer), "\(s.id): \(answer) answer tokens")
                #expect(s.segments.first?.kind == .reasoning)
            case .summarize:
                #expect((2000...4000).contains(s.promptTokenCount), "\(s.id): \(s.promptTokenCount) prompt tokens")
                #expect((100...220).contains(answer), "\(s.id): \(answer) answer tokens")
            case .batch:
                #expect((10...60).contains(s.items.count), "\(s.id): \(s.items.count) items")
                let answers = s.items.map { Tokenizer.count($0.answer) }
                #expect(answers.allSatisfy { (10...150).contains($0) }, "\(s.id): \(answers) answer tokens")
            case .agent:
                let calls = s.segments.filter { $0.kind == .toolCall }
                #expect((6...12).contains(calls.count), "\(s.id): \(calls.count) steps")
                #expect(
                    calls.allSatisfy { $0.text.hasPrefix("{\"name\": ") }, "\(s.id): tool calls are JSON function calls"
                )
                let latencies = s.segments.compactMap(\.toolLatency)
                #expect(latencies.allSatisfy { (0.1...3).contains($0) }, "\(s.id): \(latencies)")
                #expect(s.segments.last?.kind == .answer)
            }
        }
    }

    @Test func oneSampleIsInJapaneseWithEmoji() {
        let text = library.samples.flatMap(\.segments).map(\.text)
        #expect(
            text.contains { t in
                t.unicodeScalars.contains { CharacterClass.isCJK($0.value) }
                    && t.unicodeScalars.contains { $0.properties.isEmojiPresentation }
            })
    }
}

/// A fresh folder for one test, removed when the value goes away.
private final class SampleTestFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tokenpace-samples-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
