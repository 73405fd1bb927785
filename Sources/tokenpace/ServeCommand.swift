import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore
import TokenPaceServe

/// `tokenpace serve`: point your own app at a server that answers at a chosen pace.
///
/// A synchronous command that blocks on the server: it then runs the same whichever way the root
/// command dispatches (an async `run()` reached through a `ParsableCommand` existential can fall
/// back to the default sync `run()`, which only prints help).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve OpenAI- and Ollama-compatible chat endpoints that stream at a chosen pace.",
        discussion: """
            Routes: POST /v1/chat/completions (also /chat/completions; SSE with "stream": true, else one JSON reply), GET /v1/models and GET /v1/models/{id} (any id, since chats are answered whatever model they name; also without /v1), POST /api/chat (Ollama NDJSON; without messages it only "loads the model": one done_reason "load" reply at once) and GET /api/tags. Unknown paths get 404, a wrong method 405, a body that is not a valid chat request 400, all with an OpenAI-style JSON error.

            Every request gets its own clock: token i is sent at arrival + schedule[i], so many clients each get the same pace.

            Try: OPENAI_BASE_URL=http://127.0.0.1:8089/v1 OPENAI_API_KEY=x your-app
            """)

    @Option(help: "Port to listen on.")
    var port: Int = 8089

    @Option(help: "Address to listen on (0.0.0.0 for every interface).")
    var host: String = "127.0.0.1"

    @Option(help: "Decode rate, tok/s (default: 21; with --trace: retime the trace to this rate).")
    var rate: Double?

    @Option(
        help:
            "Time to first token, e.g. 0.5s or 300ms (default: 0.5s; with --prefill-rate: a fixed overhead, default 0; with --trace: move the first token here)."
    )
    var ttft: String?

    @Option(help: "TTFT from the request: its prompt tokens ÷ this rate (tok/s).")
    var prefillRate: Double?

    @Option(help: "Random spread of gaps between tokens, mean kept: 0, 10%, 25%, 50% (not with --trace).")
    var jitter: String = "0"

    @Option(help: "Replay a trace's tokens and times (PATH, or PATH@2x / @rate=21 / @ttft=0.3s).")
    var trace: String?

    @Option(help: "With --trace: replay speed, e.g. 2x or 0.5x.")
    var speed: String?

    @Option(help: "Answer with this sample (name or path) instead of the built-in answer.")
    var sample: String?

    @Option(help: "Task whose first sample answers (when --sample is not given).")
    var task: String?

    @Option(
        help:
            "Send the answer's reasoning tokens first (reasoning_content / Ollama thinking): on or off. Off by default, so an app that shows only content gets its first text at the TTFT asked for."
    )
    var reasoning: OnOff = .off

    @Option(help: "Model name reported to clients.")
    var model: String = "tokenpace"

    @Option(help: "Seed for jitter.")
    var seed: UInt64 = 1

    @Option(help: "Folder of samples.")
    var samplesDir: String?

    func run() throws {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let server = Task {
            do {
                try await self.serve()
            } catch is CancellationError {
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        // Ctrl-C stops at once: a graceful shutdown would wait for every open stream to finish,
        // which at a slow pace can take minutes. Open streams end where they are.
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { server.cancel() }
            source.resume()
            return source
        }
        done.wait()
        signals.forEach { $0.cancel() }
        if let error = outcome.error { throw error }
    }

    private func serve() async throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        let (tokens, pacing, what) = try resolve()
        let log: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        let options = ServeOptions(
            host: host, port: port, model: model, tokens: tokens, pacing: pacing, reasoning: reasoning == .on,
            promptCounter: { Tokenizer.count($0) }, log: log)
        let host = self.host
        try await PaceServer(options: options).run { bound in
            log(
                "tokenpace serve: http://\(host):\(bound)/v1 (OpenAI) and http://\(host):\(bound)/api/chat (Ollama); \(what); \(options.firstContentSummary)"
            )
        }
    }

    static let prefillRange: ClosedRange<Double> = 0.1...1_000_000

    private func resolve() throws -> ([Token], ServePacing, String) {
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        if let rate, !Profile.rateRange.contains(rate) {
            throw ValidationError("--rate \(rate) is out of range: rates go from 0.1 to 5000 tok/s")
        }
        if let prefillRate, !(Self.prefillRange.contains(prefillRate)) {
            throw ValidationError("--prefill-rate must be from 0.1 to 1000000 tok/s")
        }
        let ttftValue = try ttft.map { try ValueParsing.duration($0) }

        if trace == nil, speed != nil { throw ValidationError("--speed applies to a replayed trace (--trace)") }
        if let trace {
            guard sample == nil else { throw ValidationError("give --trace or --sample, not both") }
            guard prefillRate == nil else { throw ValidationError("--prefill-rate does not apply to a replayed trace") }
            guard jitterValue == 0 else {
                throw ValidationError("--jitter does not apply to a replayed trace: it keeps the trace's own gaps")
            }
            var (path, mode): (String, ReplayMode)
            do {
                (path, mode) = try TraceReplay.parseSpec(trace)
            } catch {
                throw ValidationError(error.description)
            }
            if rate != nil || ttftValue != nil {
                guard mode == .original else { throw ValidationError("use either @… in --trace or --rate/--ttft") }
                mode = rate.map { .retimed(rate: $0, ttft: ttftValue) } ?? .shifted(ttft: ttftValue ?? 0)
            }
            if let speed {
                guard mode == .original else {
                    throw ValidationError("--speed replays the trace faster or slower: not with @…, --rate or --ttft")
                }
                do { mode = .speed(try TraceReplay.parseSpeed(speed)) } catch {
                    throw ValidationError("--speed: \(error)")
                }
            }
            let loaded = try TraceCatalog.read(path)
            guard !loaded.events.isEmpty else { throw ValidationError("\(path): the trace has no tokens to serve") }
            let times = TraceReplay.times(loaded, mode: mode)
            return (
                loaded.tokens(), .times(times), "replaying \(path) (\(loaded.events.count) pieces, \(mode.summary))"
            )
        }

        let firstToken: Profile.FirstToken =
            prefillRate.map { .prefill(rate: $0, overhead: ttftValue ?? 0) } ?? .fixed(ttftValue ?? 0.5)
        let profile = Profile(rate: rate ?? 21, firstToken: firstToken, jitter: jitterValue)
        var tokens = ServeOptions.builtinAnswer
        var source = "built-in answer"
        if sample != nil || task != nil {
            let catalog = try SampleCatalog.load(samplesDir: samplesDir)
            let chosen = try catalog.choose(sample: sample, task: try task.map(TaskKind.parse))
            tokens = chosen.tokens()
            source = "sample \(chosen.id)"
        }
        let ttftText =
            prefillRate.map {
                "TTFT = prompt ÷ \(Format.fixed($0, 0)) tok/s + \(Format.duration(ttftValue ?? 0, .precise))"
            }
            ?? "TTFT \(Format.duration(ttftValue ?? 0.5, .precise))"
        let what =
            "\(Format.fixed(profile.rate, 1)) tok/s, \(ttftText), jitter \(Format.fixed(jitterValue * 100, 0))%, \(source) (\(tokens.count) tokens)"
        return (tokens, .profile(profile, seed: seed), what)
    }
}

/// The server task's error, handed to the waiting thread after the semaphore.
private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}

enum OnOff: String, ExpressibleByArgument, CaseIterable {
    case on, off
}
