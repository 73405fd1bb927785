import ArgumentParser
import Foundation
import TokenPaceCore

/// `tokenpace record`: the simulated panes, computed headless from their schedules (no waiting),
/// one trace per pane — to keep a run, compare it with a real backend, or serve it.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Write one trace per simulated pane, computed from the schedule without waiting.")

    @Option(help: "Decode rates, tok/s, one pane each.")
    var rates: String = "10,21,60"

    @Option(help: "Time to first token: one value or one per pane (0.5s, 500ms, or 'prefill').")
    var ttft: String = "0.5s"

    @Option(help: "Prompt reading speed for --ttft prefill, tok/s.")
    var prefillRate: Double = 1000

    @Option(help: "Fixed cost added to prefill TTFT.")
    var overhead: String = "0.1s"

    @Option(help: "Task type: chat, code, reasoning, summarize, agent.")
    var task: String?

    @Option(help: "A sample by name or a sample file path.")
    var sample: String?

    @Option(help: "Random spread of gaps between tokens, mean kept: 0, 10%, 25%, 50%.")
    var jitter: String = "0"

    @Option(help: "Chance per token of a stall (0–50%).")
    var stalls: String = "0"

    @Option(help: "Length of a stall.")
    var stallLength: String = "0.4s"

    @Option(help: "Seed for jitter and stalls.")
    var seed: UInt64 = 1

    @Option(help: "Folder of samples.")
    var samplesDir: String?

    @Option(name: .shortAndLong, help: "Folder to write the traces to.")
    var output: String

    func run() throws {
        try record()
    }

    private func record() throws {
        let rateList = try ValueParsing.rates(rates)
        guard prefillRate > 0 else { throw ValidationError("--prefill-rate must be above 0") }
        let firstTokens = try ValueParsing.firstTokens(
            ttft, prefillRate: prefillRate, overhead: try ValueParsing.duration(overhead))
        guard firstTokens.count == 1 || firstTokens.count == rateList.count else {
            throw ValidationError(
                "--ttft has \(firstTokens.count) values for \(rateList.count) panes: give one, or one per pane")
        }
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        let stallChance = try ValueParsing.fraction(stalls, name: "--stalls")
        let stallSeconds = try ValueParsing.duration(stallLength)
        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        let chosen = try catalog.choose(sample: sample, task: try task.map(parseTask))
        let tokens = chosen.tokens()
        let promptTokens = chosen.promptTokenCount
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let now = Date().ISO8601Format()
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for (i, rate) in rateList.enumerated() {
            let profile = Profile(
                label: "\(letters[i % letters.count])", rate: rate,
                firstToken: firstTokens.count == 1 ? firstTokens[0] : firstTokens[i], jitter: jitterValue,
                stallChance: stallChance, stallSeconds: stallSeconds)
            let schedule = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed)
            let trace = Trace.simulated(
                tokens: tokens, times: schedule.times, profile: profile, promptTokens: promptTokens, seed: seed,
                task: chosen.task, prompt: chosen.prompt, sampleID: chosen.id, version: TokenpaceVersion.string,
                recordedAt: now)
            let name =
                "\(chosen.id)-\(letters[i % letters.count])-\(TraceInfo.fixed(rate, rate.rounded() == rate ? 0 : 1))tps.jsonl"
            let dest = (output as NSString).appendingPathComponent(name)
            try writeText(TraceFile.encode(trace), to: dest)
            let m = trace.metrics()
            print(
                "\(dest)  \(m.tokens) tok  TTFT \(TraceInfo.seconds(m.ttft ?? 0))  E2E \(TraceInfo.seconds(m.e2e ?? 0))"
            )
        }
    }
}
