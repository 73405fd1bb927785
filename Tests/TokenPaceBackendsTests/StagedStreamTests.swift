import AsyncHTTPClient
import Foundation
import Testing
import TokenPaceCore
import TokenPaceWire

@testable import TokenPaceBackends

/// A staged live pane against a real socket: the outline request, then the answer request, in that
/// order, into one pane; saved as a trace with its stage and replayed as a staged trace pane.
@Suite(.timeLimit(.minutes(5))) struct StagedStreamTests {
    static func sse(_ pieces: [String], startMs: Double, gapMs: Double) -> [LoopbackServer.Step] {
        var steps: [LoopbackServer.Step] = [.head(status: 200)]
        for (i, p) in pieces.enumerated() {
            steps.append(.at(ms: startMs + Double(i) * gapMs))
            steps.append(.send("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\(p)\"}}]}\n\n"))
        }
        steps.append(.send("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"))
        steps.append(
            .send("data: {\"choices\":[],\"usage\":{\"completion_tokens\":\(pieces.count),\"prompt_tokens\":9}}\n\n"))
        steps.append(.send("data: [DONE]\n\n"))
        steps.append(.end)
        return steps
    }

    static let outline = ["Undo", " with", " git", " reset", "."]
    static let answer = ["Run", " git", " reset", " --soft", " HEAD~1", " to", " undo", "."]

    static func server() async throws -> LoopbackServer {
        try await LoopbackServer { request in
            request.body.contains("outline the answer")
                ? sse(outline, startMs: 40, gapMs: 10) : sse(answer, startMs: 60, gapMs: 10)
        }
    }

    func stream(_ server: LoopbackServer, capture: LiveCapture? = nil, stage: LiveCapture? = nil) -> StagedStream {
        let spec = BackendSpec(kind: .openai, baseURL: server.baseURL + "/v1", model: "m", maxTokens: 300)
        return StagedStream(
            spec: spec, messages: [.system("Be brief."), .user("How do I undo a commit?")],
            options: StreamOptions(
                firstByteTimeout: LoopbackServer.patience, idleTimeout: LoopbackServer.patience, environment: [:],
                capture: capture),
            stageCapture: stage)
    }

    @Test func outlineRequestThenAnswerRequestInOnePane() async throws {
        let server = try await Self.server()
        let capture = LiveCapture()
        let stageCapture = LiveCapture()
        var events: [StagedEvent] = []
        for await e in stream(server, capture: capture, stage: stageCapture).events(client: testClient) {
            events.append(e)
        }
        await server.stop()

        // Two requests, in order: the outline request (the question + the instruction, a small cap,
        // the same system message), then the pane's own request.
        let requests = server.requests
        #expect(requests.count == 2)
        let first = try JSONValue.parse(requests[0].body)
        let second = try JSONValue.parse(requests[1].body)
        #expect(first["max_tokens"]?.int == StageRequest.maxTokens)
        #expect(second["max_tokens"]?.int == 300)
        let firstMessages = first["messages"]?.array ?? []
        #expect(firstMessages.first?["content"]?.string == "Be brief.")
        #expect(firstMessages.last?["content"]?.string == "How do I undo a commit?\n\n" + StageRequest.instruction)
        #expect(second["messages"]?.array?.last?["content"]?.string == "How do I undo a commit?")
        #expect(second["messages"]?.array?.first?["content"]?.string == "Be brief.")

        // Stage tokens, the stage's end, then the answer's tokens and end.
        let stage = events.compactMap { if case .stageToken(let e) = $0 { e } else { nil } }
        let answer = events.compactMap { if case .answer(.token(let e)) = $0 { e } else { nil } }
        #expect(stage.map(\.text) == Self.outline)
        #expect(answer.map(\.text) == Self.answer)
        let endIndex = try #require(events.firstIndex { if case .stageEnded = $0 { true } else { false } })
        #expect(events[..<endIndex].allSatisfy { if case .stageToken = $0 { true } else { false } })
        guard case .stageEnded(let at, let reason, let usage, let prompt) = events[endIndex] else { return }
        #expect(reason == "stop" && usage == Self.outline.count && prompt == 9)
        // Times count from the outline request: the answer's come after the stage ended, at least
        // its own server delay (60 ms) later.
        #expect(at >= stage.last!.t)
        #expect(answer.first!.t >= at + 0.060)
        #expect(events.last == .answer(.finished(reason: "stop")))

        // Saved: both streams, the boundary in the header; read back and replayed as a staged trace pane.
        var pane = PaneState(
            id: 0, profile: Profile(rate: 21), seed: 1, tokens: [], promptTokens: 0, task: .chat, origin: 0,
            source: .live(name: "openai"))
        for e in events {
            switch e {
            case .stageToken(let t): pane.feed(.stageToken(t), task: .chat)
            case .stageEnded(let at, _, let u, let p):
                pane.feed(.stageEnded(at: at, usageTokens: u, promptTokens: p), task: .chat)
            case .answer(.token(let t)): pane.feed(.token(t), task: .chat)
            case .answer(.finished(let r)): pane.feed(.finished(at: answer.last!.t, reason: r), task: .chat)
            default: break
            }
        }
        #expect(pane.stageCount == Self.outline.count)
        let saved = PaneTrace.live(
            pane, task: .chat, spec: nil, received: try #require(capture.capture),
            stage: try #require(stageCapture.capture), prompt: "How do I undo a commit?")
        let back = try TraceFile.parse(TraceFile.encode(saved), path: "staged.jsonl")
        #expect(back.header.stage?.pieces == Self.outline.count)
        #expect(abs((back.header.stage?.t ?? 0) - at) <= 0.000_001)
        #expect(back.header.stage?.reason == "stop")
        // The outline request's own counts, for its bill.
        #expect(back.header.stage?.promptTokens == 9 && back.header.stage?.completionTokens == Self.outline.count)
        #expect(back.events.map(\.text) == Self.outline + Self.answer)
        for (a, b) in zip(back.times, stage.map(\.t) + answer.map(\.t)) { #expect(abs(a - b) <= 0.000_001) }
        #expect(back.header.settings["max_tokens"]?.int == 300)
    }

    /// A simulated staged pane saved (`w`) marks its outline as the stage, so its replay shows the
    /// outline once, at the simulated times.
    @Test func simulatedStagedPaneSavesItsStage() throws {
        var sample = Sample(
            id: "s", title: "s", task: .chat, prompt: "Why?",
            segments: [Sample.Segment(kind: .answer, text: "Because it is. Here is more text.")])
        sample.outline = "It is."
        var setup = PaneSetup(profile: Profile(rate: 10, firstToken: .fixed(1)))
        setup.presentation = .staged
        let state = AppState(setups: [setup], sample: sample, library: [sample], seed: 1, now: 0)
        let pane = state.panes[0]
        #expect(pane.stageCount == 3)
        let saved = PaneTrace.trace(of: pane, state: state, spec: nil, received: nil, origin: nil, prompt: "Why?")
        let back = try TraceFile.parse(TraceFile.encode(saved), path: "sim.jsonl")
        #expect(back.header.stage == TraceStage(pieces: 3, t: 1.2))
        var replay = PaneSetup(
            profile: Profile(rate: 21), source: .replay(name: "sim"), tokens: back.tokens(), times: back.times)
        replay.presentation = .staged
        replay.stagePieces = back.header.stage?.pieces
        let replayed = AppState(setups: [replay], sample: sample, library: [sample], seed: 1, now: 0).panes[0]
        #expect(replayed.stageSource == .recorded)
        #expect(replayed.tokens.map(\.text) == pane.tokens.map(\.text))
    }

    @Test func failedOutlineRequestSendsNoAnswerRequest() async throws {
        let server = try await LoopbackServer { _ in
            [
                .head(status: 503, headers: ["Content-Type": "application/json"]),
                .send("{\"error\":{\"message\":\"loading model\"}}"), .end,
            ]
        }
        var events: [StagedEvent] = []
        for await e in stream(server).events(client: testClient) { events.append(e) }
        await server.stop()
        #expect(server.requests.count == 1)
        #expect(events.count == 1)
        guard case .stageFailed(let error)? = events.first else {
            Issue.record("expected the outline's failure, got \(events)")
            return
        }
        #expect(error.description.contains("loading model"))
        #expect(events.last?.isTerminal == true)
    }
}
