import TokenPaceCore
import TokenPaceWire

/// What a pane that is neither simulated nor live was made from, so saving it keeps that.
public enum PaneOrigin: Sendable {
    /// A replayed trace as read, and how it is played.
    case trace(Trace, mode: ReplayMode)
    /// A hardware estimate: the `hw:` spec and the names it resolved to.
    case estimate(spec: String, gpu: String, model: String, quant: String)
}

/// One dashboard pane as a trace (what `w` writes): a live pane as the server sent it (its request's
/// bytes run through the pane's own decoder by `CaptureConverter`, as `trace convert` reads a
/// capture), a replayed trace with its own
/// header and the replay in its settings, a hardware estimate as an estimate, a simulated pane as
/// scheduled. URLs lose their credentials; no key or auth header is ever written.
public enum PaneTrace {
    public static func trace(
        of pane: PaneState, state: AppState, spec: BackendSpec?, received: CaptureReader.Capture?,
        stage: CaptureReader.Capture? = nil, origin: PaneOrigin?, prompt: String, version: String? = nil,
        recordedAt: String? = nil
    ) -> Trace {
        var trace: Trace
        if pane.source.isLive {
            trace = live(pane, task: state.task, spec: spec, received: received, stage: stage, prompt: prompt)
        } else if case .trace(let original, let mode)? = origin {
            trace = TraceReplay.replayed(original, mode: mode)
        } else {
            trace = Trace.simulated(
                pane: pane, task: state.task, prompt: state.sample.prompt, sampleID: state.sample.id)
            // A staged pane's outline (the first try's): replayed staged, it is not written twice.
            if pane.stageCount > 0, pane.stageCount <= trace.events.count {
                trace.header.stage = TraceStage(pieces: pane.stageCount, t: trace.events[pane.stageCount - 1].t)
            }
            if case .estimate(let hw, let gpu, let model, let quant)? = origin {
                trace.header.backend = "estimate"
                trace.header.model = model
                trace.header.settings = .object(
                    [
                        .init("estimate", .string(hw)), .init("gpu", .string(gpu)), .init("quant", .string(quant)),
                    ] + (trace.header.settings.members ?? []))
            }
        }
        // How a task of this pane was priced (`--price`, `--gpu-cost`), whatever its source.
        if let cost = pane.cost, trace.header.settings["cost"] == nil {
            trace.header.settings = .object(
                (trace.header.settings.members ?? []) + [.init("cost", .string(cost.summary))])
        }
        trace.header.version = version
        trace.header.recordedAt = recordedAt
        return trace
    }

    /// A live pane from what its request received; what the pane itself knows fills the gaps (a
    /// request that never got an answer, a failure that was not the server's, such as a timeout).
    /// The header's prompt is the pane's own text, not what a chat template made of it. A staged
    /// pane's outline request (`stage`) comes first, its pieces counted in the header's `stage`;
    /// the header's request settings are the answer request's.
    public static func live(
        _ pane: PaneState, task: TaskKind, spec: BackendSpec?, received: CaptureReader.Capture?,
        stage: CaptureReader.Capture? = nil, prompt: String
    ) -> Trace {
        let url = spec.map { TraceRedaction.url($0.baseURL) }
        var trace: Trace
        let outline = stage.map { CaptureConverter.trace($0, task: task, url: url) }
        // Only the outline request answered (it failed, or is still streaming): it is the whole trace.
        let answered = pane.live.stageEndedAt == nil ? nil : received
        if let received = outline == nil ? received : (answered ?? stage) {
            // A stream still arriving, or cut off by a timeout or a reset, ends the way the pane says below.
            trace = CaptureConverter.trace(received, task: task, url: url)
            if let outline, answered != nil {
                trace.events = outline.events + trace.events
                var reason: String?
                if case .finished(_, let r) = outline.end { reason = r }
                let end = pane.live.stageEndedAt ?? outline.end?.t ?? outline.times.last ?? 0
                trace.header.stage = TraceStage(
                    pieces: outline.events.count, t: end, reason: reason,
                    promptTokens: pane.live.stagePromptTokens ?? outline.header.promptTokens,
                    completionTokens: pane.live.stageUsageTokens ?? outline.header.usage?["completion_tokens"]?.int)
            } else if outline != nil {
                trace.header.stage = TraceStage(pieces: trace.events.count, t: trace.times.last ?? 0)
            }
            if let kind = spec?.kind.rawValue { trace.header.backend = kind }
            if !prompt.isEmpty { trace.header.prompt = prompt }
            if trace.header.model == nil { trace.header.model = spec?.model }
            if trace.header.promptTokens == nil { trace.header.promptTokens = pane.live.promptTokens }
        } else {
            let events = zip(zip(pane.tokens, pane.schedule.times), pane.live.counts).map { pair, count in
                TokenEvent(text: pair.0.text, kind: pair.0.kind, t: pair.1, count: count)
            }
            let header = TraceHeader(
                backend: spec?.kind.rawValue ?? "live", url: url, model: spec?.model, prompt: prompt,
                promptTokens: pane.live.promptTokens, task: task)
            trace = Trace(header: header, events: events)
            if pane.stageCount > 0 {
                let t = pane.live.stageEndedAt ?? pane.schedule.times[pane.stageCount - 1]
                trace.header.stage = TraceStage(
                    pieces: pane.stageCount, t: t, promptTokens: pane.live.stagePromptTokens,
                    completionTokens: pane.live.stageUsageTokens)
            }
        }
        if trace.end == nil {
            let endedAt = max(received?.reads.last?.t ?? 0, pane.schedule.times.last ?? 0)
            if let failure = pane.live.failure {
                trace.end = .failed(TraceFailure(t: pane.live.endedAt ?? endedAt, message: failure))
            } else if pane.live.ended {
                trace.end = .finished(t: endedAt, reason: nil)
            }
        }
        return trace
    }
}
