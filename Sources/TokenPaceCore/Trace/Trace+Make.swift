extension Trace {
    /// A trace of a simulated pane: its tokens at their scheduled times, with the profile in the
    /// settings so the run can be told apart from a real backend and repeated.
    public static func simulated(
        tokens: [Token], times: [Double], profile: Profile, promptTokens: Int, seed: UInt64, task: TaskKind? = nil,
        prompt: String? = nil, sampleID: String? = nil, version: String? = nil, recordedAt: String? = nil
    ) -> Trace {
        let n = min(tokens.count, times.count)
        let events = (0..<n).map { TokenEvent(text: tokens[$0].text, kind: tokens[$0].kind, t: times[$0]) }
        var firstToken: [(String, JSONValue?)]
        switch profile.firstToken {
        case .fixed(let s): firstToken = [("ttft_s", .number(s))]
        case .prefill(let r, let o): firstToken = [("prefill_rate", .number(r)), ("overhead_s", .number(o))]
        }
        let settings = JSONValue.fields(
            [("pane", profile.label.isEmpty ? nil : .string(profile.label)), ("rate", .number(profile.rate))]
                + firstToken + [
                    ("jitter", .number(profile.jitter)), ("stall_chance", .number(profile.stallChance)),
                    ("stall_s", .number(profile.stallSeconds)), ("slowdown_per_1k", .number(profile.slowdownPer1k)),
                    ("seed", .number(Double(seed))), ("sample", sampleID.map(JSONValue.string)),
                ])
        let header = TraceHeader(
            backend: "simulated", prompt: prompt,
            promptTokens: promptTokens, task: task, settings: settings, version: version, recordedAt: recordedAt)
        return Trace(header: header, events: events, end: events.last.map { .finished(t: $0.t, reason: "stop") })
    }

    /// A trace of token pieces as a source delivered them (e.g. a live pane).
    public static func fromEvents(_ events: [TokenEvent], header: TraceHeader, end: TraceEnd? = nil) -> Trace {
        Trace(header: header, events: events, end: end)
    }
}

extension Trace {
    /// A trace of a dashboard pane as scheduled (the whole answer, whether or not it has all been
    /// shown yet): what `tokenpace record` writes and what a finished pane can be saved as.
    public static func simulated(
        pane: PaneState, task: TaskKind, prompt: String? = nil, sampleID: String? = nil, version: String? = nil,
        recordedAt: String? = nil
    ) -> Trace {
        var profile = pane.profile
        if profile.label.isEmpty { profile.label = pane.label }
        var trace = simulated(
            tokens: pane.tokens, times: pane.schedule.times, profile: profile, promptTokens: pane.promptTokens,
            seed: pane.seed, task: task, prompt: prompt, sampleID: sampleID, version: version, recordedAt: recordedAt)
        // What a task of this pane costs, as set (`--price`, `--gpu-cost`): the header says how it was priced.
        if let cost = pane.cost, case .object(var members) = trace.header.settings {
            members.append(.init("cost", .string(cost.summary)))
            trace.header.settings = .object(members)
        }
        return trace
    }
}

extension Trace {
    /// The trace as the question a dashboard or bench run is about: nil when it has no prompt or no
    /// tokens (a failed or empty recording has no answer to show).
    public func question(id: String) -> Sample? {
        header.prompt != nil && tokenCount > 0 ? sample(id: id) : nil
    }

    /// The trace's question and answer as a sample, so a dashboard of trace panes says what was
    /// asked (status bar, prompt sent to live panes) and its simulated panes stream the same answer.
    public func sample(id: String) -> Sample {
        var segments: [Sample.Segment] = []
        for e in events {
            if let last = segments.last, last.kind == e.kind {
                segments[segments.count - 1].text += e.text
            } else {
                segments.append(Sample.Segment(kind: e.kind, text: e.text))
            }
        }
        var sample = Sample(
            id: id, title: id, task: header.task ?? .chat, prompt: header.prompt ?? "", segments: segments,
            source: "trace")
        sample.pieces = tokens()
        sample.recordedPromptTokens = header.promptTokens
        return sample
    }
}
