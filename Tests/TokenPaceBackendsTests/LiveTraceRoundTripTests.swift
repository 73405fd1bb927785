import AsyncHTTPClient
import Foundation
import Testing
import TokenPaceCore
import TokenPaceWire

@testable import TokenPaceBackends

/// Record a live stream (over a real socket) as a trace, write it, read it back and replay it:
/// the same text and the same token times, and no key anywhere in the file.
@Suite(.timeLimit(.minutes(5))) struct LiveTraceRoundTripTests {
    @Test func liveStreamRecordedAndReplayedExactly() async throws {
        let capture = try Capture.load("llama-server-openai-chat-code")
        let server = try await LoopbackServer { _ in capture.replay(maxGapMs: 5).steps }
        let secret = "sk-roundtrip-SECRET-123"
        let spec = BackendSpec(kind: .openai, baseURL: server.baseURL + "/v1", model: "smollm2")
        let stream = LiveStream(
            spec: spec, prompt: "hi",
            options: StreamOptions(
                firstByteTimeout: LoopbackServer.patience, idleTimeout: LoopbackServer.patience,
                environment: ["OPENAI_API_KEY": secret]))
        var tokens: [TokenEvent] = []
        for await event in stream.events(client: testClient) {
            if case .token(let e) = event { tokens.append(e) }
        }
        await server.stop()
        #expect(tokens.count > 10)

        let header = TraceHeader(
            backend: "openai", url: TraceRedaction.url(spec.baseURL), model: spec.model, task: .code)
        let trace = Trace.fromEvents(tokens, header: header, end: .finished(t: tokens.last!.t, reason: "stop"))
        let text = TraceFile.encode(trace)
        #expect(!text.contains(secret))
        let back = try TraceFile.parse(text, path: "roundtrip.jsonl")
        #expect(back.text == tokens.map(\.text).joined())
        let replayed = TraceReplay.times(back, mode: .original)
        #expect(replayed.count == tokens.count)
        // Times are written with microsecond precision.
        for (a, b) in zip(replayed, tokens.map(\.t)) { #expect(abs(a - b) <= 0.000_001) }
    }

    /// The dashboard's saving path: a live pane fed by a real stream, saved by `PaneTrace` from the
    /// request's bytes, read back strictly and replayed as a trace pane shows the same text at the
    /// same times, with the server's own words kept in the header.
    @Test func livePaneSavedFromItsCaptureReplaysTheSame() async throws {
        let capture = try Capture.load("llama-server-openai-chat-code")
        let server = try await LoopbackServer { _ in capture.replay(maxGapMs: 5).steps }
        let secret = "sk-roundtrip-SECRET-456"
        let spec = BackendSpec(kind: .openai, baseURL: server.baseURL + "/v1", model: nil, maxTokens: 200)
        let received = LiveCapture()
        let stream = LiveStream(
            spec: spec, prompt: "Write a palindrome check",
            options: StreamOptions(
                firstByteTimeout: LoopbackServer.patience, idleTimeout: LoopbackServer.patience,
                environment: ["OPENAI_API_KEY": secret],
                capture: received))
        var pane = PaneState(
            id: 0, profile: Profile(rate: 21), seed: 1, tokens: [], promptTokens: 0, task: .code, origin: 0,
            source: .live(name: "openai"))
        var lastT = 0.0
        for await event in stream.events(client: testClient) {
            switch event {
            case .token(let e):
                pane.feed(.token(e), task: .code)
                lastT = e.t
            case .usage(let u):
                pane.feed(.usage(completionTokens: u.completionTokens, promptTokens: u.promptTokens), task: .code)
            case .serverTimings: break
            case .finished: pane.feed(.finished(at: lastT), task: .code)
            case .failed(let error): pane.feed(.failed(message: error.description, at: lastT), task: .code)
            }
        }
        await server.stop()
        #expect(pane.live.ended && pane.tokens.count > 10)
        let raw = try #require(received.capture)

        let saved = PaneTrace.live(pane, task: .code, spec: spec, received: raw, prompt: "Write a palindrome check")
        let text = TraceFile.encode(saved)
        #expect(!text.contains(secret))
        let back = try TraceFile.parse(text, path: "live.jsonl")
        #expect(back.header.backend == "openai")
        #expect(back.header.model == "SmolLM2-135M-Instruct.Q4_1.gguf")
        #expect(back.header.prompt == "Write a palindrome check")
        #expect(back.header.settings["max_tokens"]?.int == 200)
        #expect(back.header.settings["stream"]?.bool == true)
        #expect(back.header.usage?["total_tokens"]?.int == 253)
        #expect(back.header.server["predicted_per_second"]?.number != nil)
        #expect(back.header.server["cache_n"]?.int == 0)
        guard case .finished(let endT, let reason)? = back.end else {
            Issue.record("no end line: \(String(describing: back.end))")
            return
        }
        #expect(reason == "length")
        let lastRead = try #require(raw.reads.last?.t)
        #expect(abs(endT - lastRead) <= 0.000_001)
        #expect(endT >= back.times.last ?? 0)

        let state = AppState(
            setups: [
                PaneSetup(
                    profile: Profile(rate: 21), source: .replay(name: "live"), tokens: back.tokens(),
                    times: TraceReplay.times(back, mode: .original))
            ], sample: Sample(id: "s", title: "s", task: .code, prompt: "p", segments: []), library: [], seed: 1, now: 0
        )
        let replayed = state.panes[0]
        #expect(replayed.tokens.map(\.text).joined() == pane.tokens.map(\.text).joined())
        #expect(replayed.schedule.times.count == pane.schedule.times.count)
        for (a, b) in zip(replayed.schedule.times, pane.schedule.times) { #expect(abs(a - b) <= 0.000_001) }
    }

    /// An HTTP error is saved as the server said it: status, type and message.
    @Test func failedLivePaneKeepsTheServersError() async throws {
        let capture = try Capture.load("llama-server-openai-error-context-exceeded")
        let server = try await LoopbackServer { _ in capture.replay(maxGapMs: 5).steps }
        let spec = BackendSpec(kind: .openai, baseURL: server.baseURL + "/v1", model: "m")
        let received = LiveCapture()
        let stream = LiveStream(
            spec: spec, prompt: "long",
            options: StreamOptions(firstByteTimeout: LoopbackServer.patience, environment: [:], capture: received))
        var pane = PaneState(
            id: 0, profile: Profile(rate: 21), seed: 1, tokens: [], promptTokens: 0, task: .chat, origin: 0,
            source: .live(name: "openai"))
        for await event in stream.events(client: testClient) {
            if case .failed(let error) = event { pane.feed(.failed(message: error.description, at: 0.01), task: .chat) }
        }
        await server.stop()
        let raw: CaptureReader.Capture = try #require(received.capture)
        let saved = PaneTrace.live(pane, task: .chat, spec: spec, received: raw, prompt: "long")
        let back = try TraceFile.parse(TraceFile.encode(saved), path: "err.jsonl")
        guard case .failed(let f)? = back.end else {
            Issue.record("no error line")
            return
        }
        #expect(f.status == 400)
        #expect(f.type == "exceed_context_size_error")
        #expect(f.message.contains("exceeds the available context size"))
        #expect(back.events.isEmpty)
    }

    static let sample = Sample(
        id: "s", title: "s", task: .chat, prompt: "Plan my day",
        segments: [.init(kind: .answer, text: "Wake up, have a coffee, then write the report before lunch.")])

    /// Saving a replayed pane keeps the recording's header and notes the replay; saving a simulated
    /// pane and replaying the file gives the same text at the same times.
    @Test func replayedAndSimulatedPanesSaveWhatTheyAre() throws {
        let url = Capture.url("llama-server-openai-chat-code")
        let original = try TraceFile.parse(
            TraceFile.encode(CaptureConverter.read(String(contentsOf: url, encoding: .utf8), path: "c.jsonl")),
            path: "c.jsonl")
        let state = AppState(
            setups: [
                PaneSetup(
                    profile: Profile(rate: 21), source: .replay(name: "c"), tokens: original.tokens(),
                    times: TraceReplay.times(original, mode: .speed(2))),
                PaneSetup(profile: Profile(rate: 21, firstToken: .fixed(0.4), jitter: 0.25)),
                PaneSetup(profile: Profile(rate: 90)),
            ], sample: Self.sample, library: [Self.sample], seed: 7, now: 0)
        let origins: [Int: PaneOrigin] = [
            0: .trace(original, mode: .speed(2)),
            2: .estimate(
                spec: "hw:rtx4090/llama-3.1-8b/q4_k_m", gpu: "RTX 4090", model: "Llama 3.1 8B", quant: "Q4_K_M"),
        ]
        func saved(_ i: Int) throws -> Trace {
            let t = PaneTrace.trace(
                of: state.panes[i], state: state, spec: nil, received: nil, origin: origins[i], prompt: "Plan my day",
                version: "test", recordedAt: "2026-11-29T12:15:35Z")
            return try TraceFile.parse(TraceFile.encode(t), path: "\(i).jsonl")
        }
        let replay = try saved(0)
        #expect(replay.header.backend == "openai")
        #expect(replay.header.model == original.header.model)
        #expect(replay.header.prompt == original.header.prompt)
        #expect(replay.header.promptTokens == original.header.promptTokens)
        #expect(replay.header.server == original.header.server)
        #expect(replay.header.usage == original.header.usage)
        #expect(replay.header.settings["replay"]?["speed"]?.number == 2)
        #expect(replay.header.settings["max_tokens"]?.int == 200)
        #expect(replay.header.recordedAt == "2026-11-29T12:15:35Z")
        for (a, b) in zip(replay.times, original.times) { #expect(abs(a - b / 2) <= 0.000_001) }
        if case .finished(let t, let reason)? = replay.end, case .finished(let t0, _)? = original.end {
            #expect(reason == "length")
            #expect(abs(t - t0 / 2) <= 0.000_001)
        } else {
            Issue.record("end line lost")
        }

        let simulated = try saved(1)
        #expect(simulated.header.backend == "simulated")
        #expect(simulated.header.settings["jitter"]?.number == 0.25)
        let again = AppState(
            setups: [
                PaneSetup(
                    profile: Profile(rate: 21), source: .replay(name: "s"), tokens: simulated.tokens(),
                    times: TraceReplay.times(simulated, mode: .original))
            ], sample: Self.sample, library: [Self.sample], seed: 1, now: 0)
        #expect(again.panes[0].tokens == state.panes[1].tokens)
        #expect(again.panes[0].schedule.times.count == state.panes[1].schedule.times.count)
        for (a, b) in zip(again.panes[0].schedule.times, state.panes[1].schedule.times) {
            #expect(abs(a - b) <= 0.000_001)
        }

        let estimate = try saved(2)
        #expect(estimate.header.backend == "estimate")
        #expect(estimate.header.model == "Llama 3.1 8B")
        #expect(estimate.header.settings["gpu"]?.string == "RTX 4090")
        #expect(estimate.header.settings["quant"]?.string == "Q4_K_M")
    }
}
