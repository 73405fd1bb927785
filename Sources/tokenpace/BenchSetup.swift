import ArgumentParser
import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

/// A bench with every input checked and every file read, ready to run.
struct BenchSetup {
    enum Pane {
        case computed(name: String, source: String, stream: BenchStream)
        case live(name: String, stream: LiveStream)
    }

    var panes: [Pane]
    var runs: Int
    var concurrency: Int
    var task: TaskKind
    var stallThreshold: Double
    var chartSize: Size

    /// Runs every pane `runs` times; progress goes to stderr.
    func run() async -> BenchReport {
        var results: [[[BenchStream]]] = panes.map { _ in [] }
        let liveIndices = panes.indices.filter { if case .live = panes[$0] { true } else { false } }
        let client: HTTPClient? = liveIndices.isEmpty ? nil : HTTPClient.makeForLiveBackends()
        for r in 1...runs {
            for (i, pane) in panes.enumerated() {
                if case .computed(_, _, let stream) = pane {
                    results[i].append([stream])
                    Self.progress(run: r, of: runs, pane: i, stream)
                }
            }
            guard let client else { continue }
            let live = BenchLive(
                streams: liveIndices.map { i in
                    guard case .live(_, let stream) = panes[i] else { fatalError("not a live pane") }
                    return stream
                }, concurrency: concurrency, task: task, stallThreshold: stallThreshold)
            let runs = self.runs
            let streams = await live.run(client: client) { p, stream in
                Self.progress(run: r, of: runs, pane: liveIndices[p], stream)
            }
            for (p, i) in liveIndices.enumerated() { results[i].append(streams[p]) }
        }
        try? await client?.shutdown()
        let paneResults = panes.enumerated().map { i, pane in
            switch pane {
            case .computed(let name, let source, _):
                BenchPaneResult(label: String(RaceChart.letter(i)), name: name, source: source, runs: results[i])
            case .live(let name, _):
                BenchPaneResult(label: String(RaceChart.letter(i)), name: name, source: "live", runs: results[i])
            }
        }
        return BenchReport(
            panes: paneResults, runs: runs, concurrency: concurrency, task: task, stallThreshold: stallThreshold)
    }

    /// `run 2/5 · pane B: 312 tokens, E2E 4.21 s` on stderr, one line per finished stream.
    static func progress(run: Int, of runs: Int, pane: Int, _ stream: BenchStream) {
        var line = "run \(run)/\(runs) · pane \(RaceChart.letter(pane)): \(stream.tokens) tokens"
        if let failure = stream.failure {
            line += ", failed: \(failure)"
        } else if let e2e = stream.metrics.e2e {
            line += ", E2E \(TraceInfo.seconds(e2e))"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The race chart of each pane's median-E2E stream.
    func chart(_ report: BenchReport, ascii: Bool) -> String {
        let series: [RaceChart.Series] = report.panes.map { pane in
            let stream = pane.representative
            return (label: pane.name, times: stream?.tokenTimes ?? [], finished: stream?.succeeded ?? false)
        }
        let buffer = RaceChart.render(series: series, size: chartSize, ascii: ascii)
        return buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }
}

extension BenchCommand {
    /// Checks every value and reads every file; errors name the option or the pane spec.
    func resolve() throws -> BenchSetup {
        guard !panes.isEmpty else {
            throw ValidationError("give at least one --pane (e.g. --pane sim:21 --pane openai:http://127.0.0.1:8080/v1)")
        }
        guard panes.count <= 26 else { throw ValidationError("at most 26 panes") }
        guard (1...1000).contains(runs) else { throw ValidationError("--runs must be 1 to 1000") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 256") }
        guard maxTokens >= 1 else { throw ValidationError("--max-tokens must be at least 1") }
        guard [prompt != nil, promptFile != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("give --prompt or --prompt-file, not both")
        }
        let stallThreshold = try ValueParsing.duration(stall)
        guard stallThreshold > 0 else { throw ValidationError("--stall must be above 0") }
        let firstByte = try ValueParsing.duration(firstByteTimeout)
        let size = try Self.size(chartSize)

        var taskKind: TaskKind?
        if let task {
            guard let t = TaskKind(rawValue: task.lowercased()) else {
                throw ValidationError(
                    "unknown task \"\(task)\"; tasks: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            taskKind = t
        }
        let sources = try panes.map { try BenchSource.parse($0) }
        let needsSample = sample != nil || sources.contains { !$0.isLive && !Self.isTrace($0) }
            || (prompt == nil && promptFile == nil)
        // Trace panes with no sample or prompt asked for: the first trace with a question and an answer
        // sets both, and simulated panes stream its own pieces (same count) to compare like for like.
        var fromTrace: Sample?
        if sample == nil, taskKind == nil, prompt == nil, promptFile == nil {
            for case .trace(let path, _) in sources {
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                if let question = (try? readTrace(path))?.question(id: name) {
                    fromTrace = question
                    break
                }
            }
        }
        let chosen = try fromTrace
            ?? (needsSample ? SampleCatalog.load(samplesDir: samplesDir).choose(sample: sample, task: taskKind) : nil)
        let task = taskKind ?? chosen?.task ?? .chat
        let promptText: String
        if let prompt {
            promptText = prompt
        } else if let promptFile {
            promptText = try readText(promptFile)
        } else {
            promptText = chosen?.prompt ?? ""
        }
        guard !promptText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError("the prompt is empty")
        }
        // A trace's answer is played whole, as its own pane plays it; --max-tokens caps live requests.
        let answer = BenchComputed.answer(chosen?.tokens() ?? [], maxTokens: fromTrace == nil ? maxTokens : nil)
        let promptTokens = fromTrace?.promptTokenCount ?? Tokenizer.count(promptText)

        var hardware: HardwareCatalog?
        var out: [BenchSetup.Pane] = []
        for (spec, source) in zip(panes, sources) {
            switch source {
            case .simulated(let rate, let firstToken):
                let profile = Profile(label: spec, rate: rate, firstToken: firstToken)
                let stream = BenchComputed.simulated(
                    profile: profile, tokens: answer, promptTokens: promptTokens, seed: seed, task: task,
                    stallThreshold: stallThreshold)
                out.append(.computed(name: spec, source: source.kindName, stream: stream))
            case .trace(let path, let mode):
                let trace = try readTrace(path)
                let stream = BenchComputed.trace(trace, mode: mode, task: task, stallThreshold: stallThreshold)
                out.append(.computed(name: spec, source: source.kindName, stream: stream))
            case .hardware(var query):
                if hardware == nil { hardware = try loadCatalog() }
                query.promptTokens = promptTokens
                let estimate: Estimate
                do {
                    estimate = try hardware!.estimate(query)
                } catch {
                    throw ValidationError("pane \"\(spec)\": \(error.description)")
                }
                let stream = BenchComputed.simulated(
                    profile: estimate.profile(label: spec), tokens: answer, promptTokens: promptTokens, seed: seed,
                    task: task, stallThreshold: stallThreshold)
                out.append(.computed(name: spec, source: source.kindName, stream: stream))
            case .live(let text):
                var backend: BackendSpec
                do {
                    backend = try BackendSpec.parse(text)
                } catch {
                    throw ValidationError("pane \"\(text)\": \(error.description)")
                }
                backend.maxTokens = maxTokens
                backend.temperature = temperature
                let options = StreamOptions(firstByteTimeout: .milliseconds(Int64(firstByte * 1000)))
                out.append(.live(name: spec, stream: LiveStream(spec: backend, prompt: promptText, options: options)))
            }
        }
        return BenchSetup(
            panes: out, runs: runs, concurrency: concurrency, task: task, stallThreshold: stallThreshold,
            chartSize: size)
    }

    private static func isTrace(_ source: BenchSource) -> Bool {
        if case .trace = source { return true }
        return false
    }

    static func size(_ text: String) throws -> Size {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (20...500).contains(parts[0]), (6...200).contains(parts[1]) else {
            throw ValidationError("--chart-size \"\(text)\" must be WIDTHxHEIGHT, e.g. 80x20 (at least 20x6)")
        }
        return Size(width: parts[0], height: parts[1])
    }

    private func loadCatalog() throws -> HardwareCatalog {
        let path =
            catalog
            ?? HardwareCatalog.defaultPath(
                environment: ProcessInfo.processInfo.environment,
                currentDirectory: FileManager.default.currentDirectoryPath, executablePath: executablePath())
        guard let path else {
            throw ValidationError("hardware catalog not found for hw: panes; pass --catalog or set TOKENPACE_HARDWARE")
        }
        do {
            return try HardwareCatalog.load(path: path)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
