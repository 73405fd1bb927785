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

            Every request gets its own clock: token i is sent at arrival + schedule[i], so many clients each get the same pace. Each finished request is logged on stderr; a streamed one also with its pace by the server's own clock ("pace: first token +0.12 ms, worst +0.80 ms, sent at 50.00 tok/s": how late its first token and its latest write went out against the plan, and the rate as sent) and when it arrived (seconds since the server started).

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

    @Option(help: "Hidden instructions: every request's TTFT also pays the prefill of N system-prompt tokens.")
    var systemTokens = 0

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

    private func resolve() throws -> ([Token], ServePacing, String) {
        var c = ServeConfig()
        (c.rate, c.ttft, c.prefillRate, c.jitter, c.trace) = (rate, ttft, prefillRate, jitter, trace)
        (c.speed, c.sample, c.task, c.samplesDir, c.seed) = (speed, sample, task, samplesDir, seed)
        c.systemTokens = systemTokens
        do { return try c.resolve() } catch let error as ValueError { throw ValidationError(error.description) }
    }
}

/// The server task's error, handed to the waiting thread after the semaphore.
private final class Outcome: @unchecked Sendable {
    var error: (any Error)?
}

enum OnOff: String, ExpressibleByArgument, CaseIterable {
    case on, off
}
